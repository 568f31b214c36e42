"""Small text helpers shared by the collation stages: tokens, sentences, word frequencies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import Indel

TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
WORD = re.compile(r"\w+")

# Abbreviations after which a full stop does not end a sentence (titles, initials, months, corp).
_ABBREV = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "prof",
           "inc", "co", "corp", "ltd", "vs", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec", "mt", "ft", "fig", "approx", "est", "dept", "univ", "u.s", "u.k", "e.g", "i.e",
           "a.m", "p.m", "rev", "hon", "pres", "supt", "det", "cmdr", "adm", "maj", "messrs", "op", "vol", "pp"}
# A dateline run together with the first sentence: "BAAR, SWITZERLAND The company said…" (a place in
# capitals, with a comma or of two words or more, then a capitalised word that is not).
_DATELINE = re.compile(r"^(?:[A-Z]{3,}(?:[ -][A-Z]{2,})*,(?: [A-Z][A-Z.]+)+|[A-Z]{3,}(?:[ -][A-Z]{3,})+)"
                       r"(?= [A-Z][a-z])")
_SPLIT = re.compile(r"(?<=[.!?…])([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def opcodes(a: Sequence, b: Sequence) -> list[tuple[str, int, int, int, int]]:
    """How ``b`` differs from ``a``, in the form of difflib's ``get_opcodes`` (equal, replace, insert,
    delete; one operation between two equal runs), from rapidfuzz's longest common subsequence:
    exact where difflib's matcher is greedy, and some thirty times faster."""
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(a, b):
        if tag != "equal" and out and out[-1][0] != "equal":
            _, i1, _, j1, _ = out.pop()  # a delete beside an insert is one replacement
        if tag != "equal":
            tag = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        out.append((tag, i1, i2, j1, j2))
    return out


def unique_slug(slug: str, taken: set[str], fallback: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… (``fallback`` when empty): the first not in ``taken``, added to it."""
    base = slug = slug or fallback
    n = 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


_CLOSE = re.compile(r"[.!?…][\"”’')\]]*$")


_EMOJI_TAIL = "\ufe0f\u200d"  # variation selector and joiner that may follow an emoji


def closes_sentence(text: str) -> bool:
    """Whether text ends as a sentence does: a full stop, question or exclamation mark or ellipsis
    (closing quotes and brackets after it), or an emoji (not any symbol: "©" or "▶" closes nothing)."""
    text = text.strip()
    if _CLOSE.search(text):
        return True
    end = text.rstrip(_EMOJI_TAIL)[-1:]
    return bool(end) and (ord(end) >= 0x1F000 or 0x2600 <= ord(end) <= 0x27BF)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations and initials together."""
    out: list[str] = []
    start = 0
    lead = _DATELINE.match(paragraph)
    if lead:
        out.append(lead.group(0))
        start = lead.end() + 1
    for m in _SPLIT.finditer(paragraph, start):
        end = m.start() + len(m.group(1))
        head = paragraph[start:end]
        last = re.search(r"(\S+)$", head[:-1] if head.endswith(".") else head)
        word = (last.group(1) if last else "").rstrip(".").lower().lstrip("(\"“‘'")
        if head.endswith(".") and (word in _ABBREV or (len(word) == 1 and word.isalpha())):
            continue
        out.append(head.strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


@cache
def zipf(word: str) -> float:
    """Zipf frequency of an English word (0 for unknown words), from wordfreq."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def similarity(a: Sequence[str], b: Sequence[str], cutoff: float = 0.0) -> float:
    """Normalised Indel similarity of two token sequences (1 = identical); 0 when below ``cutoff``."""
    if cutoff and 2 * min(len(a), len(b)) < cutoff * (len(a) + len(b)):
        return 0.0  # the length difference alone keeps it below the cutoff
    return Indel.normalized_similarity(a, b, score_cutoff=cutoff or None)
