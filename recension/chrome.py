"""Line classification for plain-text captures: which lines are the article and which are chrome.

The evidence is structural, as in body-text extraction (BTE) and jusText: each line is scored
from its length, stop-word density, terminal punctuation and shape; the article is the span of
lines with the highest total score (a maximum-sum segment), so menus before it and related
lists, comment forms and footers after it fall outside. Inside the span, known boilerplate and
short lines that neither head a paragraph nor read as a sentence are removed. Every decision
carries a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .rules import boilerplate, normalise, stopwords

WORD = re.compile(r"\w+(?:['’]\w+)*")
_TERMINAL = re.compile(r"[.!?…。！？][\"”’')\]」』）]*$|[\"”」]$")
# Scripts written without spaces: about two characters make a word (for line length features).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
BULLET = re.compile(r"^\s*([-–•·*▪●◦]|\d{1,2}[.)])\s+")
_LINKISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\s[|»›]\s|^[|»›]|#\w+\s*#\w+")
_LINKISH_NEEDS = ("http", "www.", "@", "|", "»", "›", "#")  # one of these is in whatever _LINKISH matches


@dataclass(frozen=True, slots=True)
class Features:
    words: int
    stop: float  # share of words that are function words
    terminal: bool  # ends like a sentence
    title_case: float  # share of words that start with a capital
    linkish: bool
    concept: str | None  # boilerplate concept, if the line is known boilerplate
    bullet: bool


def features(line: str) -> Features:
    words = WORD.findall(line)
    unspaced = 0 if line.isascii() else len(_UNSPACED.findall(line))
    if unspaced:
        words = [w for w in words if not _UNSPACED.search(w)]
    n = len(words) + (unspaced + 1) // 2
    stop = sum(map(stopwords().__contains__, map(str.lower, words))) / n if n else 0.0
    caps = sum(w[0].isupper() for w in words) / n if n else 0.0
    concept = boilerplate().concept(line)
    if concept == "bylines" and n > 8:
        concept = None  # "By the end of the year…" is a sentence, not a byline
    if concept in ("legal", "status") and n > 40:
        concept = None  # a long paragraph that merely opens with such words
    linkish = any(c in line for c in _LINKISH_NEEDS) and bool(_LINKISH.search(line))
    return Features(n, stop, _terminal(line.strip()), caps, linkish, concept, bool(BULLET.match(line)))


_TERMINALS = frozenset(".!?…。！？")
_CLOSERS = "\"”’')]」』）"


def _terminal(s: str) -> bool:
    """Ends like a sentence: a sentence end, perhaps closed by quotes or brackets, or a closing
    quote (what ``_TERMINAL`` says, looking at the line's end only)."""
    return s.rstrip(_CLOSERS)[-1:] in _TERMINALS or s[-1:] in ("\"", "”", "」")


def prose_class(f: Features) -> str:
    """jusText-like class: good (a paragraph), near (a short sentence), short, or boiler."""
    if f.concept and f.concept != "bylines":
        return "boiler"
    if f.linkish and f.words < 25:
        return "short"
    english = f.stop >= 0.2
    if f.words >= 10 and (f.terminal or f.words >= 25) and (english or f.words >= 15) and f.title_case < 0.7:
        return "good"
    if f.words >= 4 and f.terminal and (english or f.words >= 8) and f.title_case < 0.75:
        return "near"
    return "short"


def line_score(cls: str, f: Features) -> float:
    """Weight of a line in the maximum-sum search for the article span."""
    if cls == "good":
        return float(f.words)
    if cls == "near":
        return f.words * 0.5
    if cls == "boiler":
        return -6.0
    return -3.0


def best_span(scores: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous segment (Kadane); returns (start, end inclusive, total)."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, s in enumerate(scores):
        if total <= 0:
            start, total = i, 0.0
        total += s
        if total > best[2]:
            best = (start, i, total)
    return best


def is_heading(text: str, f: Features) -> bool:
    """A subheading: short, not a sentence fragment of chrome, question-style allowed."""
    if f.words == 0 or f.words > 20 or f.concept or f.linkish:
        return False
    s = text.strip()
    return not (s.endswith((":", ",", ";")) or not any(ch.isalpha() for ch in s))


def key(line: str) -> str:
    """Normalised form used to compare lines across captures (templates, agreement)."""
    return normalise(line)


@cache
def credit_pattern() -> re.Pattern:
    """A wire agency credited at the end of a line ("– Reuters") or alone on one ("(AP)")."""
    names = "|".join(re.escape(a) for a in sorted(boilerplate().agencies, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)[–—-]+\s*(?P<agency>(?:{names}))\s*$|^\(?(?P<alone>(?:{names}))\)?$")


def strip_credit(text: str, pat: re.Pattern | None = None) -> str:
    """The line without a trailing wire credit ("… rose 3%. – Reuters")."""
    m = (pat or credit_pattern()).search(text)
    return text[: m.start()] if m and m.group("agency") else text
