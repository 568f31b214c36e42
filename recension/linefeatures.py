"""Structural features of each line of a capture, with its context, for the line classifier.

Only shape, position and context: length, function-word density, punctuation, capitals, known
boilerplate concept, blank lines around it, the prose density of its neighbourhood, where it sits
relative to the headline and to the maximum-sum prose span. No word of any page is a feature,
so what the model learns is how articles are laid out, not what a site says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import chrome
from .chrome import Features
from .dates import is_dateline

CONCEPTS = ("navigation", "social", "related", "comments", "newsletter", "cookies", "legal", "disclaimers",
            "advertising", "media", "status", "bylines")
CLASSES = ("good", "near", "short", "boiler")
_PUNCT = re.compile(r"[^\w\s]")
_LABEL_VALUE = re.compile(r"^[\w][\w .'’-]{0,30}:\s*\S+(\s+\S+){0,3}$")  # "Key: value" status lines
_DIGIT = re.compile(r"\d")


@dataclass
class Doc:
    """The non-blank lines of a capture with their base features."""

    texts: list[str]  # all lines (blank included)
    idx: list[int]  # indices of non-blank lines
    feats: list[Features]  # per non-blank line
    classes: list[str]  # per non-blank line
    span: tuple[int, int]  # max-sum span, in positions of idx (inclusive)
    title_pos: int | None  # position (in idx) of the headline repeated from the first line, if any
    marked: list[bool]  # per non-blank line: a heading by the converter's layout or the page's markup
    repeats: list[int]  # per non-blank line: how many other lines have the same normalised text


@lru_cache(maxsize=1 << 15)
def line_features(text: str) -> Features:
    """A line's features, its trailing wire credit aside. Memoised: a site's chrome lines recur in
    every capture of the site."""
    return chrome.features(chrome.strip_credit(text))


@lru_cache(maxsize=1 << 15)
def line_vector(text: str) -> tuple[float, ...]:
    """``base_vector`` of a line, memoised as ``line_features`` is."""
    return tuple(base_vector(text, line_features(text)))


def base_vector(text: str, f: Features) -> list[float]:
    n = max(1, len(text))
    words = max(1, f.words)
    tokens = chrome.WORD.findall(text)
    return [
        math.log1p(f.words), math.log1p(len(text)), f.stop, float(f.terminal), float(text.rstrip().endswith(":")),
        float(text.rstrip().endswith("?")), f.title_case,
        sum(1 for w in tokens if w.isupper() and len(w) > 1) / words,
        len(_DIGIT.findall(text)) / n, len(_PUNCT.findall(text)) / n, text.count(",") / words,
        float(f.linkish), float(f.bullet), float(is_dateline(text)),
        sum(len(w) for w in tokens) / words, float(bool(_LABEL_VALUE.match(text.strip()))),
        *[float(f.concept == c) for c in CONCEPTS],
    ]


BASE_NAMES = ["words", "chars", "stop", "terminal", "colon_end", "question", "title_case", "caps", "digits", "punct",
              "commas", "linkish", "bullet", "dateline", "word_len", "label_value", *[f"concept_{c}" for c in CONCEPTS]]
NEIGHBOUR = ("words", "stop", "terminal", "title_case")
_NB = [BASE_NAMES.index(n) for n in NEIGHBOUR]


def names() -> list[str]:
    out = list(BASE_NAMES) + [f"class_{c}" for c in CLASSES]
    for d in (-2, -1, 1, 2):
        out += [f"nb{d:+d}_{n}" for n in NEIGHBOUR] + [f"nb{d:+d}_good"]
    out += ["blank_before", "blank_after", "good_win3", "good_win10", "words_win5", "rel_pos", "rel_words",
            "in_span", "before_span", "after_span", "dist_span", "after_title", "since_title", "repeats",
            "span_share", "marked", "nb-1_marked"]
    return out


def vectors(doc: Doc) -> list[list[float]]:
    """One feature vector per non-blank line of ``doc``."""
    n = len(doc.idx)
    base = [line_vector(doc.texts[i]) for i in doc.idx]
    good = [1.0 if c == "good" else 0.0 for c in doc.classes]
    words = [f.words for f in doc.feats]
    total = max(1, sum(words))
    cum = 0
    s, e = doc.span
    span_words = sum(words[s : e + 1]) if e >= s else 0
    out: list[list[float]] = []
    for k in range(n):
        i = doc.idx[k]
        v = list(base[k]) + [float(doc.classes[k] == c) for c in CLASSES]
        for d in (-2, -1, 1, 2):
            j = k + d
            if 0 <= j < n:
                v += [base[j][x] for x in _NB] + [good[j]]
            else:
                v += [-1.0] * len(_NB) + [-1.0]
        blank_before = float(i == 0 or not doc.texts[i - 1].strip())
        blank_after = float(i + 1 >= len(doc.texts) or not doc.texts[i + 1].strip())
        w3 = good[max(0, k - 3) : k + 4]
        w10 = good[max(0, k - 10) : k + 11]
        w5 = words[max(0, k - 5) : k + 6]
        in_span = float(s <= k <= e)
        dist = 0.0 if in_span else (s - k if k < s else k - e)
        if doc.title_pos is None:
            after_title, since = -1.0, -1.0
        else:
            after_title = float(k > doc.title_pos)
            since = math.log1p(abs(k - doc.title_pos)) * (1 if k >= doc.title_pos else -1)
        v += [blank_before, blank_after, sum(w3) / len(w3), sum(w10) / len(w10), math.log1p(sum(w5)),
              k / max(1, n - 1), cum / total, in_span, float(k < s), float(k > e), math.log1p(dist), after_title,
              since, math.log1p(doc.repeats[k]), span_words / total,
              float(doc.marked[k]), float(k > 0 and doc.marked[k - 1])]
        cum += words[k]
        out.append(v)
    return out


def make_doc(texts: list[str], kinds: list[str] | None = None) -> Doc:
    """Base features, jusText-like classes, the max-sum span and the repeated headline of a capture
    (``kinds``: block kind per line where the layout or markup gives one)."""
    idx = [i for i, t in enumerate(texts) if t.strip()]
    feats = [line_features(texts[i]) for i in idx]
    classes = [chrome.prose_class(f) for f in feats]
    s, e, _ = chrome.best_span([chrome.line_score(c, f) for c, f in zip(classes, feats, strict=True)])
    title_pos = None
    if idx:
        first = chrome.key(texts[idx[0]])
        for k in range(1, len(idx)):
            cand = chrome.key(texts[idx[k]])
            if feats[k].words >= 2 and cand and first.startswith(cand) and len(cand) >= 0.4 * len(first):
                title_pos = k
                break
    marked = [bool(kinds) and i < len(kinds) and kinds[i] == "h" for i in idx]
    keys = [chrome.key(texts[i]) for i in idx]
    counts = Counter(keys)
    return Doc(texts, idx, feats, classes, (s, e), title_pos, marked, [counts[k] - 1 for k in keys])

