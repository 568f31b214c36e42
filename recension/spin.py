"""Spinning: telling the spun witness from the clean one, learning and applying substitutions.

A spinner replaces words with dictionary synonyms, which are mostly rarer than the words a
reporter chose ("final yr" for "last year"). So where two aligned readings differ by a short
substitution, the side with the rarer words (lower Zipf frequency) is the likelier spun one;
averaged over all of a capture's substitutions this gives its spin score. Each substitution
between a spun and a cleaner witness teaches a pair (spun phrase → clean phrase) that repairs
what the spun witness alone carries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .text import WORD, opcodes, zipf

Vouch = Callable[[tuple[str, ...], tuple[str, ...]], bool]  # does another source read spun → clean so too?

MAX_PHRASE = 3  # substitutions longer than this (in words, either side) are rewrites, not spins
GAP_PER_WORD = 0.1  # mean Zipf gap per substituted word (spun side rarer) that marks spinning
MIN_SUBS = 6  # …given at least this many substituted words


@dataclass(frozen=True)
class Substitution:
    spun: tuple[str, ...]
    clean: tuple[str, ...]


def substitutions(a: tuple[str, ...], b: tuple[str, ...]) -> list[Substitution]:
    """Short word-for-word replacements between two token sequences (a's words → b's words)."""
    out: list[Substitution] = []
    for op, i1, i2, j1, j2 in opcodes(a, b):
        if op == "replace" and i2 - i1 <= MAX_PHRASE and j2 - j1 <= MAX_PHRASE:
            out.append(Substitution(a[i1:i2], b[j1:j2]))
    return out


def _rarity_gap(sub: Substitution) -> float:
    """How much rarer the first side's words are than the second's (Zipf units)."""
    fa = sum(zipf(w) for w in sub.spun) / len(sub.spun)
    fb = sum(zipf(w) for w in sub.clean) / len(sub.clean)
    return fb - fa


def spin_scores(pairs: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]]) -> dict[str, tuple[float, int]]:
    """Per witness: (mean rarity gap of its substituted words, number of substitutions)."""
    total: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for wa, ta, wb, tb in pairs:
        for sub in substitutions(ta, tb):
            gap = _rarity_gap(sub)
            total[wa] += gap
            total[wb] -= gap
            count[wa] += 1
            count[wb] += 1
    return {w: (total[w] / count[w], count[w]) for w in count}


SUB_RATE = 0.04  # share of a witness's words substituted against the reference that marks spinning


def detect(pairs: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]],
           witnesses: list[str]) -> tuple[dict[str, tuple[float, int]], set[str], str | None]:
    """Spin scores, the spun witnesses and the reference (least-spun) witness of one story.

    The reference is the witness whose substituted words are, on average, the most common against
    all the others. Another witness is spun when, against the reference, many of its words are
    substituted (≥ SUB_RATE) and its substitutes are rarer (≥ GAP_PER_WORD Zipf). Against a single
    reference, two spun copies of one story no longer cancel each other out.
    """
    scores = spin_scores(pairs)
    if len(witnesses) < 2 or not scores:
        return scores, set(), witnesses[0] if witnesses else None
    ref = min(witnesses, key=lambda w: (scores.get(w, (0.0, 0))[0], w))
    gap: dict[str, float] = defaultdict(float)
    subs: dict[str, int] = defaultdict(int)
    words: dict[str, int] = defaultdict(int)
    for wa, ta, wb, tb in pairs:
        for w, mine, theirs in ((wa, ta, tb), (wb, tb, ta)):
            other = wb if w == wa else wa
            if other != ref:
                continue
            words[w] += len(mine)
            for sub in substitutions(mine, theirs):
                gap[w] += _rarity_gap(sub)
                subs[w] += len(sub.spun)
    spun = {w for w in witnesses if w != ref and words[w] and subs[w] / words[w] >= SUB_RATE
            and subs[w] >= MIN_SUBS and gap[w] / max(1, subs[w]) >= GAP_PER_WORD}
    return scores, spun, ref


class Lexicon:
    """Spun phrase → clean phrase, with counts; learned from aligned readings.

    ``clean`` counts how often each phrase occurs in clean witnesses: a phrase reporters use
    themselves ("customers") is only repaired where the evidence for the substitution outweighs it.
    """

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        self.clean: Counter = Counter()
        self.kept: Counter = Counter()  # phrases spun witnesses left as the clean one reads them

    def learn(self, spun: tuple[str, ...], clean: tuple[str, ...]) -> None:
        for sub in substitutions(spun, clean):
            self.pairs[sub.spun][sub.clean] += 1
        # Words a spinner adds ("Chinese" → "Chinese language", "new" → "brand new") show as
        # deletions; learn them with one word of context on either side.
        for op, i1, i2, j1, _j2 in opcodes(spun, clean):
            if op == "equal":
                self.kept.update(" ".join(g) for g in ngram_list(list(spun[i1:i2])))
            if op == "delete" and i2 - i1 < MAX_PHRASE:
                if i1 > 0 and j1 > 0 and spun[i1 - 1] == clean[j1 - 1]:
                    self.pairs[spun[i1 - 1 : i2]][clean[j1 - 1 : j1]] += 1
                if i2 < len(spun) and j1 < len(clean) and spun[i2] == clean[j1]:
                    self.pairs[spun[i1 : i2 + 1]][clean[j1 : j1 + 1]] += 1

    def update(self, other: Lexicon) -> None:
        for k, v in other.pairs.items():
            self.pairs[k].update(v)
        self.clean.update(other.clean)
        self.kept.update(other.kept)

    def add_use(self, other: Lexicon, phrases: set[str]) -> None:
        """Add ``other``'s clean and kept use of ``phrases`` alone (the spun phrases of the pairs:
        all that ``confidence`` reads), not of every phrase it has seen."""
        self.clean.update({k: n for k, n in other.clean.items() if k in phrases})
        self.kept.update({k: n for k, n in other.kept.items() if k in phrases})

    def pairs_only(self) -> Lexicon:
        """The pairs without the use counts (these are added later for the phrases that need them)."""
        lex = Lexicon()
        lex.pairs = self.pairs
        return lex

    def best(self, spun: tuple[str, ...], min_confidence: float = 0.0, in_spun: bool = False,
             vouch: Vouch | None = None, vouched: float = 0.0) -> tuple[tuple[str, ...], int] | None:
        """The clean reading most often seen for ``spun`` and its count, when sure enough: its
        confidence reaches ``min_confidence``, or ``vouched`` when ``vouch(spun, clean)`` agrees."""
        options = self.pairs.get(spun)
        if not options:
            return None
        ranked = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None  # no clear clean reading
        if len(ranked[0][0]) != len(spun) and ranked[0][1] < 2:
            return None  # an added or dropped word needs to be seen twice
        if min_confidence and (sure := self.confidence(spun, ranked[0][1], in_spun)) < min_confidence \
                and not (vouch is not None and sure >= vouched and vouch(spun, ranked[0][0])):
            return None
        return ranked[0]

    def confidence(self, spun: tuple[str, ...], count: int, in_spun: bool = False) -> float:
        """How sure a substitution is. By default against the phrase's use in clean text (is there
        spinning here at all?); for text known to be spun (``in_spun``), against the times spun
        copies kept the phrase where the clean copy has it too: how often the phrase, in spun text,
        is the spinner's word for the clean reading."""
        key = " ".join(spun)
        return count / (count + (self.kept.get(key, 0) if in_spun else self.clean.get(key, 0)))

    def density(self, tokens: list[str], min_confidence: float) -> tuple[float, int]:
        """Share of tokens covered by confident spun phrases (a capture's own-wording spin score),
        and how many different phrases cover them."""
        hits = 0
        seen: set[tuple[str, ...]] = set()
        i = 0
        pairs = self.pairs  # most phrases are in no pair: look before asking ``best``
        while i < len(tokens):
            for n in range(MAX_PHRASE, 0, -1):
                key = tuple(tokens[i : i + n])
                if len(key) == n and key in pairs and self.best(key, min_confidence):
                    hits += n
                    seen.add(key)
                    i += n
                    break
            else:
                i += 1
        return hits / max(1, len(tokens)), len(seen)

    def apply(self, text: str, protected: set[tuple[str, ...]], min_confidence: float = 0.0,
              vouch: Vouch | None = None, vouched: float = 0.0) -> tuple[str, list[tuple[str, str, int]]]:
        """Replace known spun phrases in ``text``; skip phrases the clean witnesses use themselves.

        Returns the new text and the (spun, clean, count) repairs made.
        """
        matches = list(WORD.finditer(text))
        toks = [m.group(0).lower() for m in matches]
        out: list[str] = []
        repairs: list[tuple[str, str, int]] = []
        pos = 0
        i = 0
        pairs = self.pairs
        while i < len(toks):
            done = False
            for n in range(MAX_PHRASE, 0, -1):
                key = tuple(toks[i : i + n])
                if len(key) < n or key not in pairs or key in protected:
                    continue
                hit = self.best(key, min_confidence, in_spun=True, vouch=vouch, vouched=vouched)
                glue = bool(hit) and _clitic(hit[0][0], toks[i - 1] if i else "")
                if glue and not (i and pos <= matches[i - 1].start()
                                 and text[matches[i - 1].end() : matches[i].start()] == " "):
                    hit = None  # "'s" for "is" joins the word before it, or nothing
                if hit:
                    start, end = matches[i].start(), matches[i + n - 1].end()
                    apostrophe = "’" if "’" in text else "'"
                    clean = phrase_text(hit[0], apostrophe)
                    if text[start].isupper():
                        clean = clean[:1].upper() + clean[1:]
                    if glue:  # "it is" → "it's": the word before is part of the repair
                        start = matches[i - 1].start()
                        clean = text[start : matches[i - 1].end()] + apostrophe + clean
                    out.append(text[pos:start])
                    out.append(clean)
                    repairs.append((text[start:end], clean, hit[1]))
                    pos = end
                    i += n
                    done = True
                    break
            if not done:
                i += 1
        out.append(text[pos:])
        return "".join(out), repairs

    def merge_max(self, other: Lexicon) -> None:
        """Take the larger count of each entry: merging a lexicon with itself changes nothing, so a
        build that reads the lexicon the previous build wrote gives the same result."""
        for k, v in other.pairs.items():
            for c, n in v.items():
                self.pairs[k][c] = max(self.pairs[k][c], n)
        for k, n in other.clean.items():
            self.clean[k] = max(self.clean[k], n)
        for k, n in other.kept.items():
            self.kept[k] = max(self.kept[k], n)

    def for_repair(self) -> Lexicon:
        """The lexicon as repair reads it: the pairs, and clean use only of their spun phrases (all
        that ``confidence`` asks), without the clean counts of every other phrase."""
        lex = Lexicon()
        lex.pairs.update({k: Counter(v) for k, v in self.pairs.items()})
        lex.clean.update({k: n for k in map(" ".join, self.pairs) if (n := self.clean.get(k))})
        lex.kept.update({k: n for k in map(" ".join, self.pairs) if (n := self.kept.get(k))})
        return lex

    def to_json(self, min_count: int = 1) -> dict:
        """Plain data: pairs with their counts, and how often each spun phrase occurs in clean text."""
        pairs = [[" ".join(k), " ".join(c), n] for k, v in sorted(self.pairs.items())
                 for c, n in sorted(v.items()) if n >= min_count]
        keys = {p[0] for p in pairs}
        return {"pairs": pairs, "clean_use": {k: self.clean[k] for k in sorted(keys) if self.clean.get(k)},
                "kept_use": {k: self.kept[k] for k in sorted(keys) if self.kept.get(k)}}

    @classmethod
    def from_json(cls, data: dict) -> Lexicon:
        lex = cls()
        for spun, clean, n in data.get("pairs", []):
            key, value = tuple(spun.split()), tuple(clean.split())
            lex.pairs[key][value] = max(lex.pairs[key][value], int(n))
        lex.clean.update({k: int(n) for k, n in data.get("clean_use", {}).items()})
        lex.kept.update({k: int(n) for k, n in data.get("kept_use", {}).items()})
        return lex


_CLITICS = frozenset({"s", "re", "ll", "ve", "d", "m"})  # the part after the apostrophe of "it's", "we're"…


def _clitic(token: str, before: str) -> bool:
    """``token`` is the part after a contraction's apostrophe, following ``before``."""
    return token in _CLITICS or (token == "t" and before.endswith("n"))


def phrase_text(tokens: tuple[str, ...], apostrophe: str = "'") -> str:
    """A phrase's words as text: a contraction's parts joined again ("don", "t" → "don't")."""
    out: list[str] = []
    for t in tokens:
        if out and _clitic(t, out[-1]):
            out[-1] += apostrophe + t
        else:
            out.append(t)
    return " ".join(out)


def ngrams(tokens: list[str], n: int = MAX_PHRASE) -> set[tuple[str, ...]]:
    """All phrases of 1..n tokens (used to protect wording the clean witnesses themselves use)."""
    return {tuple(tokens[i : i + k]) for k in range(1, n + 1) for i in range(len(tokens) - k + 1)}


def ngram_list(tokens: list[str], n: int = MAX_PHRASE) -> list[tuple[str, ...]]:
    """Every phrase of 1..n tokens, with repeats (for counting clean use)."""
    return [tuple(tokens[i : i + k]) for k in range(1, n + 1) for i in range(len(tokens) - k + 1)]
