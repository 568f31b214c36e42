"""What the other versions of a story tell a text capture about its headline.

A text capture's headline is chosen among its head lines from its own evidence (headline.py).
Where a site sets a second headline or a standfirst under the headline, both read as headlines,
and the lower one, nearer the text, can win. The story's other versions are independent evidence:
when other versions chose as their headline a line that stands above this capture's choice among
its head lines — at least as many as chose as this capture did — that line is the headline and the
chosen one is what sits under it (headlines stand above their standfirst and second headline on
every site). Never the other way: a line below the capture's choice is not taken, so versions that
chose a standfirst cannot pull down the captures that chose right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .model import Capture, Change, Line, Meta
from .text import lower_words, similarity
from .titles import strip_section_label, strip_site_suffix

SAME_HEADLINE = 0.8  # token similarity at which two headlines are one (a spun copy's swaps a word or two)
HEAD_WORDS = (4, 30)  # words a head line needs to be taken as a headline (a menu item has fewer)


def agree_headlines(captures: list[Capture], story_of: dict[str, int]) -> list[Capture]:
    """The captures, each text capture's headline moved up to a head line another version of its
    story chose as headline, where there is one above its own choice; the change recorded."""
    chosen: dict[int, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for c in captures:
        if c.title and c.path in story_of:
            chosen[story_of[c.path]].append((c.path, tuple(lower_words(c.title))))
    return [_agreed(c, chosen.get(story_of.get(c.path, -1), [])) for c in captures]


def _agreed(c: Capture, chosen: list[tuple[str, tuple[str, ...]]]) -> Capture:
    at = next((k for k, ln in enumerate(c.lines) if ln.role == "title"), None)
    title = c.meta.get("title")
    if c.format != "text" or at is None or title is None or title.origin == "header":
        return c  # a title the capture's own header gives is the user's word
    own = tuple(lower_words(c.title))
    others = [toks for path, toks in chosen if path != c.path]

    def votes(toks: tuple[str, ...]) -> int:
        """Other versions whose headline is this line, closer than to the capture's own choice."""
        return sum((sim := similarity(toks, o, SAME_HEADLINE)) >= SAME_HEADLINE and sim > similarity(own, o)
                   for o in others)

    mine = sum(similarity(own, o, SAME_HEADLINE) >= SAME_HEADLINE for o in others)  # chose as this one did
    for k in range(at - 1, -1, -1):  # nearest first
        ln = c.lines[k]
        text = strip_site_suffix(ln.text) if k == 0 else strip_section_label(ln.text)
        toks = tuple(lower_words(text))
        if ln.kept or not HEAD_WORDS[0] <= len(toks) <= HEAD_WORDS[1]:
            continue
        n = votes(toks)
        if not n or n < mine:
            continue  # fewer versions chose it than chose as this capture did
        reason = (f"the headline {n} other version{'s' if n > 1 else ''} of the story chose, above the "
                  f"line first chosen (a standfirst or second headline under it)")
        lines = list(c.lines)
        lines[k] = Line(ln.number, ln.text, "title", reason, ln.kind, ln.score)
        old = lines[at]
        lines[at] = Line(old.number, old.text, "chrome", "under the headline other versions chose: a standfirst or "
                         "second headline", old.kind, old.score)
        change = Change("structure", "title", reason, before=c.title, after=text, line=ln.number)
        return replace(c, lines=lines, meta={**c.meta, "title": Meta(text, "text, agreed by other versions")},
                       changes=[*c.changes, change])
    return c
