"""Each source's record across the archive, from the stories' notes: what it published and what
the pipeline found in its captures (spinning, editorial insertions, chrome removed)."""

from __future__ import annotations

from slugify import slugify

from .model import Story
from .render import version_html
from .text import unique_slug
from .versions import compare, summary


def source_records(stories: list[Story], story_ids: list[str]) -> list[dict]:
    """One record per source name, sorted by name; ``story_ids`` are the stories' page slugs."""
    records: dict[str, dict] = {}
    for story, sid in zip(stories, story_ids, strict=True):
        for s in story.notes["sources"]:
            r = records.setdefault(s["source"], {"name": s["source"], "stories": [], "captures": 0, "spun": 0,
                                                 "editorial": 0, "chrome_removed": 0, "restored": 0})
            r["captures"] += 1
            r["spun"] += int(s["spun"])
            r["editorial"] += len(s["editorial"])
            r["chrome_removed"] += s["chrome_removed"]
            r["restored"] += len(s["restored"])
            if sid not in r["stories"]:
                r["stories"].append(sid)
    out = sorted(records.values(), key=lambda r: r["name"].lower())
    taken: set[str] = set()
    for r in out:
        r["slug"] = unique_slug(slugify(r["name"]), taken, "source")
        r["spun_share"] = round(r["spun"] / r["captures"], 3) if r["captures"] else 0.0
    return out


def version_inputs(story: Story) -> tuple:
    """All the versions view of a story depends on (plain strings): the canonical text and, per
    capture, its path, source, headline, body and the spun phrases the notes record as restored."""
    return (story.body, tuple((c.path, note["source"], c.title, c.body,
                               tuple((r["spun"], r["clean"]) for r in note["restored"]))
                              for c, note in zip(story.captures, story.notes["sources"], strict=True)))


def versions_view(inputs: tuple) -> list[dict]:
    """Each capture against the canonical text (``version_inputs``): the diff as HTML and its counts."""
    canonical, witnesses = inputs
    out = []
    for path, source, headline, body, restored in witnesses:
        runs = compare(canonical, body, restored)
        out.append({"path": path, "source": source, "headline": headline, "html": version_html(runs),
                    "counts": summary(runs)})
    return out

