"""Multi-witness alignment: sentences of every version placed in one sequence of slots.

Witnesses are added one at a time (the fullest first). Each new witness is aligned to the slots
so far by dynamic programming over sentence similarity (order kept, gaps free); its sentences
that match nothing become new slots at their place. Inside a slot the readings are then
compared token by token (difflib), which is where substitutions and variants come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .text import lower_words, sentences, similarity

MATCH = 0.34  # token similarity above which two sentences may be aligned as versions


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence (or heading) of one witness, with where it sits in that witness."""

    witness: str
    index: int  # position in the witness
    para: int  # paragraph number in the witness
    kind: str  # p | h
    text: str
    tokens: tuple[str, ...]


@dataclass
class Slot:
    readings: dict[str, Unit] = field(default_factory=dict)  # witness -> unit

    def tokens(self) -> list[tuple[str, ...]]:
        return [u.tokens for u in self.readings.values()]


def units(witness: str, blocks: list[tuple[str, str]]) -> list[Unit]:
    """Split a witness's blocks (kind, text) into sentence units."""
    out: list[Unit] = []
    for para, (kind, text) in enumerate(blocks):
        parts = sentences(text) if kind == "p" else [text]  # headings, items, rows stay whole
        for s in parts:
            out.append(Unit(witness, len(out), para, kind, s, tuple(lower_words(s))))
    return out


def _sims(slots: list[Slot], new: list[Unit]) -> list[list[float]]:
    """Token similarity of every slot (its best reading) with every new unit, 0 under MATCH or where a
    short heading meets a sentence: one rapidfuzz batch per unit, not a call per pair."""
    variants: list[tuple[str, ...]] = []
    owner: list[int] = []
    for si, slot in enumerate(slots):
        for t in slot.tokens():
            variants.append(t)
            owner.append(si)
    out = [[0.0] * len(new) for _ in slots]
    for j, unit in enumerate(new):
        for _t, score, k in process.extract(unit.tokens, variants, scorer=Indel.normalized_similarity,
                                            score_cutoff=MATCH, limit=None):
            row = out[owner[k]]
            row[j] = max(row[j], score)
    for si, slot in enumerate(slots):
        kinds = {u.kind for u in slot.readings.values()}
        for j, unit in enumerate(new):
            if len(unit.tokens) < 4 and kinds - {unit.kind}:
                out[si][j] = 0.0  # a short heading is no version of a sentence
    return out


def align_witness(slots: list[Slot], new: list[Unit]) -> None:
    """Add a witness's units to ``slots`` in place (monotone DP, maximising similarity above MATCH)."""
    n, m = len(slots), len(new)
    sims = _sims(slots, new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1 diag, 2 up (skip slot), 3 left (skip unit)
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, mv = -1.0, 0
            if i > 0 and score[i - 1][j] > best:
                best, mv = score[i - 1][j], 2
            if j > 0 and score[i][j - 1] > best:
                best, mv = score[i][j - 1], 3
            if i > 0 and j > 0:
                s = sims[i - 1][j - 1]
                if s >= MATCH and score[i - 1][j - 1] + s - MATCH > best:
                    best, mv = score[i - 1][j - 1] + s - MATCH, 1
            score[i][j], move[i][j] = best, mv
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        mv = move[i][j]
        if mv == 1:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == 2:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    rebuilt: list[Slot] = []
    for si, uj in pairs:
        if si is not None:
            slot = slots[si]
            if uj is not None:
                slot.readings[new[uj].witness] = new[uj]
            rebuilt.append(slot)
        elif uj is not None:
            rebuilt.append(Slot({new[uj].witness: new[uj]}))
    slots[:] = rebuilt


def align(witnesses: dict[str, list[Unit]], order: list[str]) -> list[Slot]:
    """Align all witnesses (added in ``order``) into one list of slots."""
    slots: list[Slot] = []
    for w in order:
        align_witness(slots, witnesses[w])
    return slots


def merge_transposed(slots: list[Slot]) -> None:
    """Merge slots that hold the same sentence from disjoint witnesses, wherever they stand.

    The alignment keeps order, so a sentence that one version moved (a dateline put before the
    standfirst, a quote placed a paragraph later) becomes a second slot, and the canonical text
    would say it twice. No witness carries such a pair twice, so they are one sentence (a heading
    in one copy and a line in another alike): it stays where most witnesses have it (the earlier
    place on a tie).
    """
    first: dict[tuple[str, ...], int] = {}
    k = 0
    while k < len(slots):
        slot = slots[k]
        keys = {u.tokens for u in slot.readings.values() if u.tokens}
        j = next((first[t] for t in keys if t in first), None)
        if j is not None and not set(slots[j].readings) & set(slot.readings):
            keep, drop = (j, k) if len(slots[j].readings) >= len(slot.readings) else (k, j)
            slots[keep].readings.update(slots[drop].readings)
            del slots[drop]
            first = {}  # positions moved: index again from the start
            k = 0
            continue
        for t in keys:
            first.setdefault(t, k)
        k += 1


NEIGHBOUR_MATCH = 0.3  # adjacent slots from disjoint witnesses merge at this lower similarity


def merge_complementary(slots: list[Slot]) -> None:
    """Merge adjacent slots carried by disjoint witnesses when their readings are alike.

    The DP leaves a heavily reworded sentence as two neighbouring slots (one per witness); once
    spin repair has run, such neighbours are recognisably one sentence.
    """
    k = 0
    while k < len(slots) - 1:
        a, b = slots[k], slots[k + 1]
        if not set(a.readings) & set(b.readings):
            kinds = {u.kind for u in a.readings.values()} | {u.kind for u in b.readings.values()}
            sim = max(similarity(x, y) for x in a.tokens() for y in b.tokens())
            if len(kinds) == 1 and sim >= NEIGHBOUR_MATCH:
                a.readings.update(b.readings)
                del slots[k + 1]
                continue
        k += 1
