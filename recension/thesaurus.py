"""Undoing a synonym spinner without a clean copy: the reverse thesaurus, read as a noisy channel.

A spinner looks a word up in a thesaurus, takes one of its senses (mostly the first) and writes
that sense's first other word ("know" → "cognize"). recension/learn/thesaurus.py turns WordNet into
the reverse table — for each phrase a spinner may write, the words it may stand for and the rank
of the sense that spins them so — with the spinner's habits learned from a corpus: how often it
takes each sense rank, and what share of the words it could swap it swaps.

In a text known to be spun, a phrase ``s`` is either the writer's own word or a spinner's word for
some ``w``. Their odds weigh ``w``'s frequency times the chance that a spinner swapped it and took
that sense, against ``s``'s own frequency times the chance that it was left alone (word
frequencies from wordfreq). A phrase is repaired to its likeliest original only when those odds
reach ``MIN_ODDS`` (``RARE_ODDS`` for a phrase rare in anyone's writing): rare phrases standing for
common words ("topographic point" → "place"), never a common word for a rarer one. Only spun text
that no clean copy covers is repaired (a capture found spun, in a story of spun captures only, or
a passage only spun copies carry), and every repair is noted with its odds.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .text import WORD, lower_words, zipf

MAX_PHRASE = 4  # the longest thesaurus phrase looked up ("sign of the zodiac")
# A context-free model overrates the odds for words writers use often (a news word like "aides" or
# "assist" is common in news, whatever its synonym's frequency): measured on the dev stories, repairs
# of phrases with a Zipf frequency of 3 or more were right about half the time at odds of 3 to 30,
# and nearly always above 30; those of rarer phrases mostly right from 3 on.
MIN_ODDS = 30.0  # odds (spun : the writer's own) a repair of a common phrase needs
RARE = 3.0  # …a phrase rarer than this (Zipf) is rare in anyone's writing,
RARE_ODDS = 3.0  # …and its repair needs these odds
# wordfreq estimates a phrase's frequency near its rarest word's, which overrates a thesaurus's
# compounds ("fictional character", "jail cell") by orders of magnitude. As if independent, their
# words underrate them; this many Zipf units (a tenfold) above that is the estimate taken. Chosen on
# the dev stories where the repairs' precision in lone spun stories turns (0: 84 %, 1: 91 %, 2: 93 %).
PHRASE_BONUS = 1.0
MEMO = 1 << 17  # phrases whose lookups are remembered at most (a large archive's spun text stays bounded)
SUFFIXES = ("ings", "ing", "es", "s", "ed", "d")  # inflections a spinner carries over to the synonym
_SUFFIX_ENDS = frozenset(suffix[-1] for suffix in SUFFIXES)
SENTENCE_END = ".!?:\"“”'‘’(—–-"  # after these (or at the start) a capital letter is no sign of a name


@dataclass(frozen=True)
class Thesaurus:
    pairs: dict[str, dict[str, int]]  # spun phrase → {original word: sense rank}
    sense_share: tuple[float, ...]  # share of swaps that take a word's first, second, … sense
    swap_share: float  # share of the words a spinner could swap that it swaps
    # The spun phrases' first words, each with the most words a phrase it starts has.
    longest: dict[str, int] = field(init=False, repr=False, compare=False)
    # What each phrase looked up gave (the table does not change): whether it is known, its candidates.
    _seen: dict[str, bool] = field(init=False, repr=False, compare=False)
    _found: dict[str, list[tuple[str, float, str]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        longest: dict[str, int] = {}
        for k in self.pairs:
            words = k.split(" ")
            longest[words[0]] = max(longest.get(words[0], 0), len(words))
        object.__setattr__(self, "longest", longest)
        object.__setattr__(self, "_seen", {})
        object.__setattr__(self, "_found", {})

    def _known(self, key: str) -> bool:
        """A spun phrase, as it stands or inflected."""
        known = self._seen.get(key)
        if known is None:
            if len(self._seen) >= MEMO:
                self._seen.clear()
            known = self._seen[key] = any(base in self.pairs for base, _suffix in _forms(key))
        return known

    def candidates(self, key: str) -> list[tuple[str, float, str]]:
        """(original, log10 odds against the phrase being the writer's own, how) for a lowercase phrase,
        best first; inflected phrases are looked up by their base ("hittings" → "hitting" → "hits")."""
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= MEMO:
                self._found.clear()
            found = self._found[key] = self._candidates(key)
        return list(found)

    def _candidates(self, key: str) -> list[tuple[str, float, str]]:
        out: list[tuple[str, float, str]] = []
        for base, suffix in _forms(key):
            originals = self.pairs.get(base)
            if not originals:
                continue
            own = 10 ** phrase_zipf(key) * (1 - self.swap_share)
            for original, rank in originals.items():
                word = inflect(original, suffix) if suffix else original
                if word is None:
                    continue
                spun = 10 ** zipf(word) * self.swap_share * self.sense_share[rank]
                odds = math.log10(spun / own) if own > 0 else 9.0
                out.append((word, odds, f"sense {rank + 1} of “{original}”"))
        out.sort(key=lambda c: (-c[1], c[0]))
        return out

    def supports(self, spun: tuple[str, ...], clean: tuple[str, ...]) -> bool:
        """The thesaurus reads ``spun`` as a spinner's word for ``clean`` at even odds or better."""
        want = " ".join(clean)
        return any(" ".join(lower_words(w)) == want and odds >= 0 for w, odds, _ in self.candidates(" ".join(spun)))

    def apply(self, text: str, protected: set[tuple[str, ...]] = frozenset()
              ) -> tuple[str, list[tuple[str, str, float, str]]]:
        """Repair the phrases of ``text`` a spinner likely wrote; skip phrases in ``protected`` (wording
        a clean witness uses) and capitalised words inside a sentence (names). Returns the new text
        and the repairs (spun, clean, odds, which sense)."""
        matches = list(WORD.finditer(text))
        toks = [m.group(0).lower() for m in matches]
        common, rare = math.log10(MIN_ODDS), math.log10(RARE_ODDS)
        out: list[str] = []
        repairs: list[tuple[str, str, float, str]] = []
        pos = i = 0
        while i < len(toks):
            hit = None
            start = matches[i].start()
            # Names, numbers and a contraction's second part ("t" of "isn't") are no synonyms.
            most = max(self.longest.get(toks[i], 0), 1)
            skip = _name(text, start) or text[start].isdigit() or (i > 0 and text[start - 1 : start] in ("'", "’"))
            for n in range(min(most, len(toks) - i), 0, -1) if not skip else ():
                phrase = tuple(toks[i : i + n])
                key = " ".join(phrase)
                if not self._known(key):
                    continue
                end = matches[i + n - 1].end()
                if phrase in protected or text[end : end + 1] in ("'", "’"):
                    continue  # wording a clean copy uses; a contraction's first part ("isn" of "isn't")
                if n > 1 and text[matches[i].end() : matches[i + n - 1].start()].strip(" -"):
                    continue  # a phrase's words stand together, with spaces or hyphens between
                found = self.candidates(key)
                # rare in anyone's writing: a rare word in it (a compound of common words is a collocation)
                if found and found[0][1] >= (rare if zipf(key) < RARE else common):
                    hit = (n, *found[0])
                    break
            if hit is None:
                i += 1
                continue
            n, word, odds, how = hit
            start, end = matches[i].start(), matches[i + n - 1].end()
            clean = word[:1].upper() + word[1:] if text[start].isupper() else word
            out += [text[pos:start], clean]
            repairs.append((text[start:end], clean, round(10 ** odds, 1), how))
            pos, i = end, i + n
        out.append(text[pos:])
        return "".join(out), repairs


def phrase_zipf(key: str) -> float:
    """Zipf frequency of a phrase: wordfreq's estimate (near its rarest word's), but no more than
    its words' as if independent, raised by ``PHRASE_BONUS`` for their keeping company."""
    words = key.split()
    if len(words) == 1:
        return zipf(key)
    return min(zipf(key), sum(zipf(w) for w in words) - 9 * (len(words) - 1) + PHRASE_BONUS)


def _forms(key: str):
    """The phrase as it stands, then its bases with the inflection a spinner may have carried over
    ("hittings" → ("hitting", "s")): (base, suffix) pairs."""
    yield key, ""
    if key[-1:] not in _SUFFIX_ENDS:
        return
    last = key.rsplit(" ", 1)[-1]
    for suffix in SUFFIXES:
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            yield key[: -len(suffix)], suffix


def thesaurus_reason(how: str, odds: float) -> str:
    """A thesaurus repair's evidence, in words."""
    return f"a spinner's synonym ({how} in the thesaurus; odds {odds:g}:1 against the writer's own word)"


def _name(text: str, start: int) -> bool:
    """A capitalised word inside a sentence: a name, which the spinner's thesaurus may hold too."""
    if not text[start].isupper():
        return False
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and text[j] not in SENTENCE_END


def inflect(word: str, suffix: str) -> str | None:
    """``word`` with the inflection a spinner carried over, spelt as English spells it; None when
    the result is no known word."""
    head, _, last = word.rpartition(" ")
    if suffix in ("s", "es"):
        form = (last + "es" if last.endswith(("s", "x", "z", "ch", "sh")) else
                last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s")
    elif suffix in ("ed", "d"):
        form = (last + "d" if last.endswith("e") else
                last[:-1] + "ied" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "ed")
    elif suffix in ("ing", "ings"):
        form = (last[:-1] if last.endswith("e") and not last.endswith("ee") else last) + "ing"
        form += "s" if suffix == "ings" else ""
    else:
        form = last
    if zipf(form) < 1.0:
        return None
    return f"{head} {form}" if head else form


@cache
def thesaurus() -> Thesaurus | None:
    """The shipped reverse thesaurus (recension/data/spin_thesaurus.json.gz), or None without it."""
    path = resources.files("recension.data").joinpath("spin_thesaurus.json.gz")
    if not path.is_file():
        return None
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return Thesaurus(data["pairs"], tuple(data["sense_share"]), data["swap_share"])
