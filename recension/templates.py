"""Site templates: chrome learned from the captures of one source.

Captures from one site share its chrome. A line (normalised) that recurs in captures of a source
belonging to different stories is template: it is removed from every capture of that source,
new ones included (as CCNet and C4 drop lines repeated across a corpus). Lines shared only by
versions of one story are never template evidence, so real body text two versions carry stays.
The reverse also holds: a line one capture dropped but another version of the same story carries
as body is restored as body.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .chrome import key
from .model import Capture, Change, Line

MIN_WORDS = 1  # lines shorter than this carry too little to learn from


def learn(captures: list[Capture], story_of: dict[str, int]) -> dict[str, dict[str, int]]:
    """Per source: template line key → number of stories whose captures show it."""
    seen: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for c in captures:
        src = c.source
        if not src:
            continue
        for ln in c.lines:
            k = key(ln.text)
            if k:
                seen[src][k].add(story_of.get(c.path, -1))
    return {src: {k: len(s) for k, s in lines.items() if len(s) >= 2} for src, lines in seen.items()}


def apply_templates(captures: list[Capture], story_of: dict[str, int]) -> list[Capture]:
    """Return new captures with template lines removed and agreed body lines restored."""
    templates = learn(captures, story_of)
    body_keys: dict[int, set[str]] = defaultdict(set)
    for c in captures:
        for ln in c.lines:
            if ln.kept:
                body_keys[story_of.get(c.path, -1)].add(key(ln.text))
    out: list[Capture] = []
    for c in captures:
        tmpl = templates.get(c.source, {})
        story_body = body_keys[story_of.get(c.path, -1)]
        lines: list[Line] = []
        changes: list[Change] = []
        for ln in c.lines:
            k = key(ln.text)
            if ln.kept and k in tmpl:
                reason = f"site template: recurs in {tmpl[k]} stories from {c.source}"
                lines.append(Line(ln.number, ln.text, "chrome", reason))
                changes.append(Change("template", "removed", reason, before=ln.text[:300], line=ln.number))
            elif ln.role == "chrome" and k in story_body and k not in tmpl and len(k.split()) >= 4:
                reason = "another version of this story carries this line as body"
                lines.append(Line(ln.number, ln.text, "body", reason))
                changes.append(Change("template", "restored", reason, after=ln.text[:300], line=ln.number))
            else:
                lines.append(ln)
        out.append(replace(c, lines=lines, changes=c.changes + changes) if changes else c)
    return out
