"""The JSON that ``invoke extract`` and ``invoke collate`` write (the evaluation contract)."""

from __future__ import annotations

import json
from pathlib import Path

from .ingest import walk
from .model import Capture, CaptureError, Story


def ingest_dir(src: Path) -> tuple[list[Capture], list[dict]]:
    """Read every capture under ``src`` (in parallel); return captures and the failures (path, reason)."""
    from .cache import ingest_all, job_for

    jobs, failures = [], []
    for p in walk(src):
        rel = p.relative_to(src).as_posix()
        try:
            jobs.append(job_for(p, rel))
        except OSError as exc:
            failures.append({"path": rel, "reason": f"could not be read: {exc.strerror or exc}"})
    captures = []
    for job, result in zip(jobs, ingest_all(jobs), strict=True):
        if isinstance(result, CaptureError):
            failures.append({"path": job.rel_path, "reason": str(result)})
        else:
            captures.append(result)
    failures.sort(key=lambda f: f["path"])
    return captures, failures


def capture_record(cap: Capture, explain: bool = False) -> dict:
    rec = {
        "path": cap.path,
        "title": cap.title,
        "body": cap.body,
        "source": cap.source or None,
        "byline": cap.get("byline") or None,
        "standfirst": cap.get("summary") or None,
        "section": cap.get("section") or None,
        "date": cap.get("date") or None,
        "attribution": cap.get("attribution") or None,
        "encoding": cap.encoding,
        "meta_origin": {k: m.origin for k, m in sorted(cap.meta.items())},
    }
    if explain:
        rec["lines"] = [{"line": ln.number, "role": ln.role, "kept": ln.kept, "reason": ln.reason, "text": ln.text}
                        for ln in cap.lines]
        rec["changes"] = [c.as_dict() for c in cap.changes]
    return rec


def with_templates(captures: list[Capture], rebuild=None, memo=None) -> tuple[list[Capture], list[list[str]]]:
    """Group the captures into stories and apply what their sources' templates teach (``rebuild``:
    see ``templates.apply_templates``; ``memo``: see ``group.group`` and ``templates.line_keys``)."""
    from .agreement import agree_headlines
    from .group import group
    from .templates import apply_templates

    groups, _ = group({c.path: c.body for c in captures}, memo)
    story_of = {p: i for i, g in enumerate(groups) for p in g}
    return agree_headlines(apply_templates(captures, story_of, rebuild, memo), story_of), groups


def restore_spun(stories: list[Story], archive) -> list[Capture]:
    """The stories' captures (site templates applied), those found spun repaired with the archive's
    spin lexicon line by line: the repair uses only the capture's own text and the learned pairs,
    and each one is recorded as a change."""
    from dataclasses import replace as copy

    from .collate import ARCHIVE_CONFIDENCE, VOUCHED_CONFIDENCE
    from .model import Change, Line
    from .thesaurus import thesaurus, thesaurus_reason

    words = thesaurus()
    spun = {src["path"] for s in stories for src in s.notes["sources"] if src["spun"]}
    # The thesaurus repairs a spun text no clean copy covers (as collation does): a story's captures all spun.
    alone = {c.path for s in stories if all(c.path in spun for c in s.captures) for c in s.captures}
    out = []
    for c in sorted((c for s in stories for c in s.captures), key=lambda c: c.path):
        if c.path not in spun:
            out.append(c)
            continue
        lines, changes = [], list(c.changes)
        vouch = words.supports if words is not None and c.path in alone else None
        for ln in c.lines:
            if ln.kept:
                text, reps = archive.apply(ln.text, set(), ARCHIVE_CONFIDENCE, vouch, VOUCHED_CONFIDENCE)
                for a, b, n in reps:
                    changes.append(Change("spin", "restored", f"spin lexicon: seen {n}× in the archive", a, b,
                                          ln.number))
                if vouch is not None:  # spun text no clean copy covers: the thesaurus repairs it too
                    text, more = words.apply(text)
                    changes += [Change("spin", "restored", thesaurus_reason(how, odds), a, b, ln.number)
                                for a, b, odds, how in more]
                ln = Line(ln.number, text, ln.role, ln.reason, ln.kind, ln.score)
            lines.append(ln)
        out.append(copy(c, lines=lines, changes=changes))
    return out


def extract_result(src: Path, explain: bool = False) -> dict:
    """Every capture under ``src``: ingested, with its source's template, spin repaired when spun.

    Collating the folder tells which captures share a site template and which are spun."""
    from .cache import collation_caches
    from .collate import collate_archive

    captures, failures = ingest_dir(src)
    stories, archive = collate_archive(captures, **collation_caches(None))
    return {"captures": [capture_record(c, explain) for c in restore_spun(stories, archive)], "failures": failures}


def story_record(story: Story) -> dict:
    return {
        "id": story.id,
        "title": story.title,
        "standfirst": story.standfirst or None,
        "body": story.body,
        "captures": [c.path for c in story.captures],
        "notes": story.notes,
    }


def collate_result(src: Path, lexicon: Path | None = None) -> dict:
    """Stories of the captures under ``src``; ``lexicon``: a spin lexicon file to start from and update."""
    from .cache import collation_caches
    from .collate import collate_archive
    from .spin import Lexicon

    captures, failures = ingest_dir(src)
    seed = Lexicon.from_json(json.loads(lexicon.read_text("utf-8"))) if lexicon and lexicon.is_file() else None
    stories, archive = collate_archive(captures, seed, **collation_caches(None))
    if lexicon:
        lexicon.parent.mkdir(parents=True, exist_ok=True)
        lexicon.write_text(json.dumps(archive.to_json(), ensure_ascii=False, indent=0) + "\n", "utf-8")
    return {"stories": [story_record(s) for s in stories], "failures": failures}
