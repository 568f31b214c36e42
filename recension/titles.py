"""Headline clean-up shared by the text and HTML readers."""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import stopwords
from .text import WORD, zipf

_SEP = re.compile(r"\s+[|–—:-]\s+|\s+::\s+|\s+»\s+")


def strip_section_label(title: str) -> str:
    """"Opinion | Headline" → "Headline": a section label before the headline."""
    parts = _SEP.split(title)
    if len(parts) == 2 and "|" in title and len(re.findall(r"\w+", parts[0])) <= 2 < len(re.findall(r"\w+", parts[1])):
        return parts[1].strip()
    return title


def strip_site_suffix(title: str, site: str = "") -> str:
    """"Headline - Site" or "Headline | Section" → "Headline" (the part a page's <title> adds)."""
    parts = _SEP.split(title)
    if len(parts) < 2:
        return title
    if (label_off := strip_section_label(title)) != title:
        return label_off
    last = parts[-1].strip()
    site_words = {w.lower() for w in re.findall(r"\w+", site)}
    last_words = [w.lower() for w in re.findall(r"\w+", last)]
    if (site_words and set(last_words) <= site_words | {"the", "com", "www"}) or len(last_words) <= 4:
        head = title[: title.rfind(last)].rstrip(" |–—:-»")
        if len(re.findall(r"\w+", head)) >= 2:
            return strip_site_suffix(head, site) if len(_SEP.split(head)) > 2 else strip_section_label(head)
    return title


_SUFFIX = re.compile(r"(?:'s|’s|ies|(?<=[sxz])es|(?<=[cs]h)es|(?<!s)s|ed|ing|ly)$")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem: lower case, common English suffixes off, first six letters."""
    w = word.lower()
    return (_SUFFIX.sub("", w) if len(w) > 4 else w)[:6]


@lru_cache(maxsize=256)
def content_stems(text: str) -> frozenset[str]:
    """The stems of ``text``'s content words (longer than two letters, no function words)."""
    return _stems(text)


@lru_cache(maxsize=1 << 14)
def _line_stems(line: str) -> frozenset[str]:
    return _stems(line)


@lru_cache(maxsize=256)
def lines_stems(lines: tuple[str, ...]) -> frozenset[str]:
    """``content_stems`` of the lines joined by spaces (no word spans two lines), line by line: the
    texts a capture's headline is weighed against share most of their lines."""
    return frozenset().union(*map(_line_stems, lines))


def _stems(text: str) -> frozenset[str]:
    return frozenset(s for s in map(_content_stem, set(WORD.findall(text))) if s is not None)


@lru_cache(maxsize=1 << 17)
def _content_stem(word: str) -> str | None:
    """A word's stem, or None for a short or function word."""
    return stem(word) if len(word) > 2 and word.lower() not in stopwords() else None


@lru_cache(maxsize=1 << 12)
def _weights(candidate: str) -> tuple[tuple[str, float], ...]:
    """A headline candidate's content stems, each weighing more the rarer its word."""
    sw = stopwords()
    weights: dict[str, float] = {}
    for w in WORD.findall(candidate):
        if len(w) > 2 and w.lower() not in sw:
            weights[stem(w)] = max(weights.get(stem(w), 0.0), max(0.2, 6.5 - zipf(w.lower())))
    return tuple(weights.items())


def support(candidate: str, text: str | tuple[str, ...]) -> float:
    """Share of a headline's content words (crudely stemmed) found in ``text`` (a string, or lines
    as if joined by spaces), rare words weighing more: a masthead's "world news" shares common words
    with any article, a headline its names."""
    weights = _weights(candidate)
    if not weights:
        return 0.0
    found = content_stems(text) if isinstance(text, str) else lines_stems(text)
    return sum(v for k, v in weights if k in found) / sum(v for _k, v in weights)
