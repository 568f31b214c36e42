"""Story → HTML fragment for the site. Every piece of capture text is escaped here.

The markup carries the evidence: a sentence one source alone carries is a
``<span class="single-source">`` naming that source; editorial insertions are not in the body
(the notes list them). No attribute or tag comes from a capture, so nothing it holds can run.
"""

from __future__ import annotations

from html import escape

from .model import Story


def source_names(story: Story) -> dict[str, str]:
    """Capture path → the name shown for its source."""
    return {c.path: (c.source or "unknown source") for c in story.captures}


def story_html(story: Story) -> str:
    names = source_names(story)
    out: list[str] = []
    for i, p in enumerate(story.passages):
        parts: list[str] = []
        for s in p.segments:
            if s.status == "editorial":
                continue
            if s.status == "single-source":
                who = ", ".join(names.get(w, w) for w in s.witnesses)
                parts.append(f'<span class="single-source" data-source="{escape(who)}" '
                             f'title="Only in {escape(who)}">{escape(s.text)}</span>')
            else:
                parts.append(escape(s.text))
        if not parts:
            continue
        tag = "h2" if p.kind == "h" else "p"
        out.append(f'<{tag} id="p{i}">{" ".join(parts)}</{tag}>')
    return "\n".join(out)
