"""Grouping captures into stories by what spinners and rewriters leave alone.

A spinner swaps content words but keeps numbers, names and their order (the "immutables" of
spun-content detection). Each body becomes the sequence of its immutables; an inverted index
over immutable bigrams yields candidate pairs (no all-pairs comparison); a candidate is
confirmed when their rare immutables overlap and most sentences of the shorter body have a
version (token similarity) in the other. Confirmed pairs are joined with union-find. The result does not
depend on the order of the input.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import LCSseq

from .rules import stopwords
from .text import TOKEN, lower_words, sentences, similarity

# A bigram shared by more captures than this is too common to suggest a story (site names, "U.S.").
MAX_POSTING = 12
MIN_SHARED = 3  # candidate pairs share at least this many immutable bigrams (or word 4-grams)
FEW_IMMUTABLES = 8  # below this many immutable bigrams a body is also indexed by its word 4-grams
MIN_RARE = 0.25  # idf-weighted overlap of immutables over the smaller set
MIN_COVERAGE = 0.42  # share of the shorter body's sentences that align to a sentence of the other
SENTENCE_MATCH = 0.5  # token similarity at which two sentences are versions of one another
LEAD = 4  # versions share at least one of the shorter body's first sentences


@dataclass(frozen=True)
class Evidence:
    a: str
    b: str
    ordered: float
    rare: float
    coverage: float


def immutables(text: str) -> list[str]:
    """Numbers and names in order: tokens with digits, and capitalised words not opening a sentence."""
    sw = stopwords()
    out: list[str] = []
    prev = "."
    for tok in TOKEN.findall(text):
        if not tok.isalpha() and any(ch.isdigit() for ch in tok):  # a word of letters has no digit
            out.append(tok)
        elif tok[0].isupper() and prev not in (".", "!", "?", "“", '"', ":", "—", "–") and tok.lower() not in sw:
            out.append(tok.lower())
        prev = tok
    return out


@lru_cache(maxsize=4096)
def _sentence_tokens(body: str) -> tuple[tuple[str, ...], ...]:
    """A body's sentences of five words or more, as lower-cased tokens (each body is in many pairs)."""
    return tuple(tuple(w) for p in body.split("\n\n") for s in sentences(p) if len(w := lower_words(s)) >= 5)


def coverage(a: str, b: str) -> float:
    """Share of the shorter body's sentences that have a version in the other body; nothing when
    none of its opening sentences has one (two stories that share only a closing boilerplate
    paragraph, such as a company's "About" block, are not versions of each other)."""
    sa, sb = _sentence_tokens(a), _sentence_tokens(b)
    if len(sa) > len(sb):
        sa, sb = sb, sa
    if not sa:
        return 0.0

    def has_version(k: int) -> bool:
        # Versions keep their order: look first where the sentence would be, then further away.
        s, mid, n = sa[k], min(len(sb) - 1, round(k * len(sb) / len(sa))), len(sb)
        order = (j for d in range(n) for j in ((mid - d, mid + d) if d else (mid,)) if 0 <= j < n)
        return any(similarity(s, sb[j], SENTENCE_MATCH) >= SENTENCE_MATCH for j in order)

    lead = [has_version(k) for k in range(min(LEAD, len(sa)))]
    if not any(lead):
        return 0.0  # the opening sentences decide first: most candidate pairs end here
    return (sum(lead) + sum(has_version(k) for k in range(len(lead), len(sa)))) / len(sa)


def _memo_coverage(a: str, b: str, memo) -> float:
    if memo is None:
        return coverage(a, b)
    key = "coverage-" + hashlib.sha256(f"{len(a)}:{a}{b}".encode("utf-8", "surrogatepass")).hexdigest()
    found = memo.get(key)
    if found is None:
        found = coverage(a, b)
        memo.put(key, found)
    return found


def _bigrams(seq: list[str]) -> set[tuple[str, str]]:
    return set(zip(seq, seq[1:], strict=False))


def pair_counts(postings, limit: int) -> dict[tuple, int]:
    """How many postings each pair of members shares (members in posting order), over postings of
    two to ``limit`` members: longer ones are too common to tell anything."""
    shared: dict[tuple, int] = defaultdict(int)
    for members in postings:
        if 1 < len(members) <= limit:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    shared[(members[x], members[y])] += 1
    return shared


def _memo_immutables(bodies: dict[str, str], memo) -> dict[str, list[str]]:
    """Each body's immutables, kept between builds in one entry for the whole archive (by the
    body's hash, under the pipeline version): a build with nothing new reads one file instead of
    finding the names and numbers of every body again."""
    if memo is None:
        return {i: immutables(b) for i, b in bodies.items()}
    from .cache import pipeline_version

    entry = "immutables-" + pipeline_version()
    keys = {i: hashlib.sha256(b.encode("utf-8", "surrogatepass")).hexdigest() for i, b in bodies.items()}
    known = memo.get(entry) or {}
    seqs = {i: known[k] if k in known else immutables(bodies[i]) for i, k in keys.items()}
    if set(keys.values()) != set(known):  # keep the archive's bodies only
        memo.put(entry, {keys[i]: seq for i, seq in seqs.items()})
    return seqs


def group(bodies: dict[str, str], memo=None) -> tuple[list[list[str]], list[Evidence]]:
    """Partition capture ids into stories; return groups (sorted) and the confirmed evidence.

    ``memo`` (``get``/``put`` by key, as ``cache.Store``) keeps the sentence coverage of each
    pair of bodies between builds: the costly step, and one that depends on the two texts alone."""
    ids = sorted(bodies)
    seqs = _memo_immutables(bodies, memo)
    grams = {i: _bigrams(seqs[i]) for i in ids}
    postings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i in ids:
        for g in grams[i]:
            postings[g].append(i)
    # Bodies with few names or numbers (a how-to, a list) are also indexed by their word 4-grams,
    # which versions that were not spun share verbatim.
    for i in ids:
        if len(grams[i]) < FEW_IMMUTABLES:
            words = lower_words(bodies[i])
            for g in {tuple(words[k : k + 4]) for k in range(len(words) - 3)}:
                postings[("#",) + g].append(i)
    shared = pair_counts(postings.values(), MAX_POSTING)
    sets = {i: set(seqs[i]) for i in ids}
    df: dict[str, int] = defaultdict(int)
    for i in ids:
        for t in sets[i]:
            df[t] += 1
    n = len(ids)
    weight = {t: math.log((n + 1) / d) for t, d in df.items()}  # idf of each immutable
    mass = {i: sum(weight[t] for t in sets[i]) for i in ids}

    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    evidence: list[Evidence] = []
    for (a, b), count in sorted(shared.items()):
        if count < MIN_SHARED:
            continue
        sa, sb = seqs[a], seqs[b]
        ordered = LCSseq.similarity(sa, sb) / max(1, min(len(sa), len(sb)))
        ta, tb = sets[a], sets[b]
        common = sum(weight[t] for t in ta & tb)
        rare = common / max(1e-9, min(mass[a], mass[b]))
        if rare < MIN_RARE and min(len(ta), len(tb)) >= FEW_IMMUTABLES:
            continue
        cov = _memo_coverage(bodies[a], bodies[b], memo)
        if cov >= MIN_COVERAGE:
            evidence.append(Evidence(a, b, round(ordered, 3), round(rare, 3), round(cov, 3)))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    _sentence_tokens.cache_clear()  # the bodies' sentences are not needed past grouping
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        groups[find(i)].append(i)
    return sorted(groups.values()), evidence
