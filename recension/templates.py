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
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from .chrome import key
from .headline import Chooser
from .model import Capture, CaptureError, Change, Line

# A paragraph this long, word for word in different stories of one source, is the source's boilerplate
# (an "About the company" block, an author's bio, a standing notice) even where it reads as body.
BOILERPLATE_WORDS = 15


def zones(lines: list[Line]) -> list[str]:
    """Where each line sits: ``head`` (before the first kept line), ``tail`` (after the last), ``mid``."""
    kept = [j for j, ln in enumerate(lines) if ln.kept]
    if not kept:
        return ["head"] * len(lines)
    first, last = kept[0], kept[-1]
    return ["head" if k < first else "tail" if k > last else "mid" for k in range(len(lines))]


class Memo(Protocol):
    """What keeps results by key between builds (``cache.Store``)."""

    def get_many(self, keys: list[str]) -> dict[str, object]: ...

    def put_many(self, items: list[tuple[str, object]]) -> None: ...


Keys = tuple[tuple[str, ...], frozenset[str]]


def line_keys(captures: list[Capture], memo: Memo | None = None) -> list[Keys]:
    """For each capture, the normalised form (``chrome.key``) of each of its lines, and the set of
    its text lines' forms: what learning and applying templates compare. ``memo`` keeps them by
    the capture's digest, so a build normalises only the lines of captures it has not seen."""
    names = [f"template-keys-{c.digest}" if memo is not None and c.digest else None for c in captures]
    found = memo.get_many([n for n in names if n]) if memo is not None else {}
    out: list[Keys] = []
    new: list[tuple[str, object]] = []
    for c, name in zip(captures, names, strict=True):
        keys = found.get(name) if name else None
        if keys is None:
            keys = (tuple(key(ln.text) for ln in c.lines), frozenset(key(t) for t in c.text))
            if name:
                new.append((name, keys))
        out.append(keys)
    if new and memo is not None:
        memo.put_many(new)
    return out


def learn(captures: list[Capture], story_of: dict[str, int], memo: Memo | None = None,
          keys: list[Keys] | None = None) -> dict[str, dict[str, int]]:
    """Per source: template entry ("zone:line") → number of stories whose captures show it there.

    A line is template when captures of two or more different stories of one source show it in the
    same zone (above the article, inside it, or below it) and it is not article text there: kept as
    body less often than dropped, or a long paragraph repeated word for word. Zones keep a headline
    safe: the related list below other stories repeats it, but above its own story it is the headline.
    """
    seen: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    kept: dict[str, int] = defaultdict(int)
    dropped: dict[str, int] = defaultdict(int)
    for c, (line_forms, _) in zip(captures, keys or line_keys(captures, memo), strict=True):
        where = zones(c.lines)
        site, story = c.site, story_of.get(c.path, -1)
        for n, ln in enumerate(c.lines):
            k = line_forms[n]
            if not k:
                continue
            entry = f"{where[n]}:{k}"
            if ln.kept:
                kept[entry] += 1
            else:
                dropped[entry] += 1
            if site:
                seen[site][entry].add(story)
    return {src: {e: len(s) for e, s in entries.items()
                  if len(s) >= 2 and (kept[e] < max(2, dropped[e]) or len(e.split()) >= BOILERPLATE_WORDS)}
            for src, entries in seen.items()}


def relevant(template: dict[str, int], text_forms: frozenset[str]) -> frozenset[str]:
    """The template's entries that name a line of a capture (in any zone), given the forms of its
    text lines (``line_keys``): classifying the capture with them gives what classifying it with
    the whole template gives."""
    return frozenset(e for e in template if e.split(":", 1)[1] in text_forms)


def reclassify(c: Capture, template: frozenset[str], headline: Chooser | None = None) -> Capture:
    """The capture classified again with its site's template (unchanged if that would leave nothing);
    ``headline`` chooses its headline (default: the shipped ranker)."""
    from .textcapture import build

    try:
        return build(c, template=template, headline=headline)
    except CaptureError:
        return c  # a template that would leave nothing is not applied


Rebuild = Callable[[list[tuple[Capture, frozenset[str]]]], list[Capture]]


def apply_templates(captures: list[Capture], story_of: dict[str, int], rebuild: Rebuild | None = None,
                    memo: Memo | None = None) -> list[Capture]:
    """Return new captures: classified again with their source's template; agreed body restored.

    ``rebuild`` classifies a batch of (capture, template) again; by default one after the other
    (``recension.cache`` gives a cached, parallel one); ``memo`` keeps each capture's line keys
    (``line_keys``)."""
    keys = line_keys(captures, memo)
    templates = learn(captures, story_of, keys=keys)
    todo = {}
    for n, (c, (_, text_forms)) in enumerate(zip(captures, keys, strict=True)):
        tmpl = relevant(templates.get(c.site, {}), text_forms) if c.text else frozenset()
        if tmpl:
            todo[n] = (c, tmpl)
    batch = list(todo.values())
    done = rebuild(batch) if rebuild else [reclassify(c, t) for c, t in batch]
    redone = dict(zip(todo, done, strict=True))
    out = [redone.get(n, c) for n, c in enumerate(captures)]
    redone_keys = dict(zip(redone, line_keys(list(redone.values()), memo), strict=True))
    keys_of = [redone_keys.get(n, keys[n])[0] for n in range(len(out))]
    body_keys: dict[int, set[str]] = defaultdict(set)
    for c, forms in zip(out, keys_of, strict=True):
        for ln, k in zip(c.lines, forms, strict=True):
            if ln.kept:
                body_keys[story_of.get(c.path, -1)].add(k)
    restored: list[Capture] = []
    for c, forms in zip(out, keys_of, strict=True):
        tmpl = {e.split(":", 1)[1] for e in templates.get(c.site, {})}
        story_body = body_keys[story_of.get(c.path, -1)]
        lines: list[Line] = []
        changes: list[Change] = []
        for ln, k in zip(c.lines, forms, strict=True):
            if ln.role == "chrome" and k in story_body and k not in tmpl and len(k.split()) >= 4:
                reason = "another version of this story carries this line as body"
                lines.append(Line(ln.number, ln.text, "body", reason))
                changes.append(Change("template", "restored", reason, after=ln.text[:300], line=ln.number))
            else:
                lines.append(ln)
        restored.append(replace(c, lines=lines, changes=c.changes + changes) if changes else c)
    return restored
