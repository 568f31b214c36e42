"""Loading the rule data files (curated boilerplate, stop words) and matching lines against them."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\-–—•·*>|»›:.,]+|[\s\-–—•·*|»›:.,!]+$")


@lru_cache(maxsize=1 << 16)  # the same lines are compared many times: in a capture, its site, its story
def normalise(line: str) -> str:
    """The form lines are compared in: NFKC, lower case, straight quotes, no edge punctuation."""
    # ASCII is its own NFKC form and holds none of the quotes mapped.
    s = line.lower() if line.isascii() else unicodedata.normalize("NFKC", line).translate(_QUOTES).lower()
    return _SPACES.sub(" ", _EDGE.sub("", s)).strip()


_HEAD = 3  # characters by which the boilerplate prefixes are looked up


@dataclass(frozen=True)
class Boilerplate:
    lines: dict[str, str]  # normalised line -> concept
    prefixes: tuple[tuple[str, str], ...]  # (prefix, concept), longest first
    patterns: tuple[tuple[re.Pattern, str], ...]
    agencies: tuple[str, ...]
    # Derived from the above when made: prefixes by their first three characters (those shorter
    # apart), and the patterns in two: those anchored at the line's start (tried there only) and
    # the others (searched along the line).
    _by_head: dict[str, list[tuple[str, str]]] = field(init=False, repr=False, compare=False)
    _short: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)
    _any_anchored: re.Pattern = field(init=False, repr=False, compare=False)
    _any_floating: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_head: dict[str, list[tuple[str, str]]] = {}
        for prefix, concept in self.prefixes:  # longest first within each head, as in the whole list
            if len(prefix) >= _HEAD:
                by_head.setdefault(prefix[:_HEAD], []).append((prefix, concept))
        object.__setattr__(self, "_by_head", by_head)
        object.__setattr__(self, "_short", tuple(p for p in self.prefixes if len(p[0]) < _HEAD))
        # Two searches tell whether any pattern matches; only then are they tried in order.
        for name, anchored in (("_any_anchored", True), ("_any_floating", False)):
            group = [p.pattern for p, _ in self.patterns if p.pattern.startswith("^") == anchored]
            object.__setattr__(self, name, re.compile("|".join(f"(?:{p})" for p in group) or r"(?!)", re.IGNORECASE))

    def concept(self, line: str) -> str | None:
        """The concept a line belongs to, or None when it is not known boilerplate."""
        norm = normalise(line)
        if not norm:
            return None
        hit = self.lines.get(norm)
        if hit:
            return hit
        # The prefixes a line can start with, longest first: those sharing its head, then the shorter.
        for prefix, concept in (*self._by_head.get(norm[:_HEAD], ()), *self._short):
            if norm.startswith(prefix) and (len(norm) == len(prefix) or not norm[len(prefix)].isalnum()
                                            or prefix.endswith(" ")):
                return concept
        stripped = line.strip()
        if not (self._any_anchored.match(stripped) or self._any_floating.search(stripped)):
            return None
        for pat, concept in self.patterns:
            if pat.search(stripped):
                return concept
        return None


@cache
def _data(name: str) -> dict:
    """A rule data file of recension/data, parsed once."""
    return tomllib.loads(resources.files("recension.data").joinpath(name).read_text("utf-8"))


@cache
def boilerplate() -> Boilerplate:
    """The concepts of boilerplate.toml, with boilerplate_intl.toml's words in other languages."""
    lines: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    patterns: list[tuple[re.Pattern, str]] = []
    agencies: list[str] = []
    groups = [*_data("boilerplate.toml").items(), *_data("boilerplate_intl.toml").items()]
    for concept, group in groups:
        if concept == "listing_records":
            continue  # not a concept: read by listing_records()
        for item in group.get("lines", []):
            lines.setdefault(normalise(item), concept)
        for item in group.get("prefixes", []):
            prefixes.append((item.lower().translate(_QUOTES), concept))
        for item in group.get("patterns", []):
            patterns.append((re.compile(item, re.IGNORECASE), concept))
        agencies.extend(group.get("agencies", []))
    prefixes.sort(key=lambda p: -len(p[0]))
    return Boilerplate(lines, tuple(prefixes), tuple(patterns), tuple(agencies))


@cache
def listing_records(kind: str) -> tuple[re.Pattern, ...]:
    """The records of items in a list of other stories, by kind (boilerplate.toml's
    `listing_records`): `times`, short relative times; `sources`, a teaser's source by its address."""
    return tuple(re.compile(p, re.IGNORECASE) for p in _data("boilerplate.toml")["listing_records"][kind])


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("recension.data").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
