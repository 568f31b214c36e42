"""Collation: captures → stories, each with a canonical text, variants and source notes.

Steps, each pure: group the captures (group.py); align each story's witnesses sentence by
sentence (align.py); score each witness's spinning (spin.py); choose each slot's reading by
votes, ties going to the less-spun witness; repair what a spun witness alone carries with the
substitutions the story itself shows; flag editorial insertions (editorial.py); pick the
headline best supported by the canonical body; write the notes (notes.py).
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from . import editorial, spin
from .align import Slot, Unit, align, merge_complementary, merge_transposed, units
from .group import pair_counts
from .model import Capture, Passage, Segment, Story, Variant
from .notes import story_notes
from .text import WORD, closes_sentence, lower_words, opcodes, similarity, zipf
from .thesaurus import thesaurus, thesaurus_reason


def story_id(paths: list[str]) -> str:
    return "s" + hashlib.sha1("\n".join(sorted(paths)).encode()).hexdigest()[:10]


def _reading_key(u: Unit) -> tuple[str, ...]:
    return u.tokens


def _choose(slot: Slot, rank: dict[str, tuple]) -> tuple[Unit, list[str], str]:
    """The reading with most unspun witnesses, then most witnesses; ties to the less-spun witness
    (``rank``: spun first in its key). Copies of one spun text agree with each other, so spun
    witnesses outvote no unspun one. Returns (unit, carriers, reason)."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for w, u in slot.readings.items():
        groups[_reading_key(u)].append(w)

    def clean(ws: list[str]) -> int:
        return sum(1 for w in ws if not rank[w][0])

    ordered = sorted(groups.values(), key=lambda ws: (-clean(ws), -len(ws), min(rank[w] for w in ws)))
    best = ordered[0]
    witness = min(best, key=lambda w: rank[w])
    if len(groups) == 1:
        reason = "all sources agree" if len(best) > 1 else "one source"
    elif len(best) < len(ordered[1]):
        others = ordered[1]
        reason = (f"the unspun sources' reading ({clean(best)} of {len(slot.readings)}); {len(others)} copies read "
                  f"otherwise, {len(others) - clean(others)} of them spun")
    elif len(best) > len(ordered[1]):
        reason = f"carried by {len(best)} of {len(slot.readings)} sources"
    else:
        reason = "sources split evenly; the least-spun source's reading"
    return slot.readings[witness], sorted(best), reason


def _factual(words: str, opens: bool) -> bool:
    """Words with a digit or a capital (``opens``: they open the sentence, whose first capital says
    nothing): a number or a name."""
    return any(ch.isdigit() for ch in words) or any(ch.isupper() for ch in words[1 if opens else 0 :])


def _fragment(text: str) -> bool:
    """Not a sentence: short, or without a sentence's end (a headline, a menu item, a date)."""
    return len(WORD.findall(text)) < 8 or not closes_sentence(text)


BRIDGES = 2  # copies that go straight on around a loose line one copy alone carries inside the text


def _bridging(slots: list[Slot], k: int, witness: str, own: list[Unit]) -> set[str]:
    """The other witnesses that carry the shared passages on either side of slot ``k`` with nothing
    of their own between them, when all that ``witness`` (its units ``own``) has between them is
    lines without a sentence's end (a teaser's headline and its cut-off snippet, a list of links)."""
    before = next((s for s in reversed(slots[:k]) if len(s.readings) > 1), None)
    after = next((s for s in slots[k + 1 :] if len(s.readings) > 1), None)
    if before is None or after is None or witness not in before.readings or witness not in after.readings:
        return set()
    between = own[before.readings[witness].index + 1 : after.readings[witness].index]
    if any(closes_sentence(u.text) for u in between):
        return set()  # the copy adds a passage of its own there, heading and all
    return {w for w, u in before.readings.items()
            if w != witness and w in after.readings and after.readings[w].index == u.index + 1}


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def _majority_tokens(chosen: Unit, slot: Slot, spun: set[str]) -> tuple[str, list[tuple[str, str, list[str]]]]:
    """Where two or more other sources agree on a word against the chosen reading, take theirs;
    against an unspun reading, spun sources have no say.

    Returns the merged text and the (old, new, witnesses) substitutions made.
    """
    others = [u for w, u in slot.readings.items()
              if w != chosen.witness and (w not in spun or chosen.witness in spun)]
    if len(others) < 2:
        return chosen.text, []
    proposals: dict[tuple[int, int, tuple[str, ...]], list[str]] = defaultdict(list)
    agree: Counter = Counter()
    for u in others:
        for op, i1, i2, j1, j2 in opcodes(chosen.tokens, u.tokens):
            if op == "equal":
                for k in range(i1, i2):
                    agree[k] += 1
            elif op == "replace" and i2 - i1 <= spin.MAX_PHRASE and j2 - j1 <= spin.MAX_PHRASE:
                proposals[(i1, i2, u.tokens[j1:j2])].append(u.witness)
    spans = _spans(chosen.text)
    text, merged, pos, last = chosen.text, [], 0, 0
    made: list[tuple[str, str, list[str]]] = []
    for (i1, i2, alt), ws in sorted(proposals.items()):
        backing = 1 + min((agree[k] for k in range(i1, i2)), default=0)
        if len(ws) <= backing or i1 < last:
            continue
        src = slot.readings[ws[0]]
        j = _find(src.tokens, alt)
        alt_spans = _spans(src.text)
        new = src.text[alt_spans[j][0] : alt_spans[j + len(alt) - 1][1]] if j is not None else " ".join(alt)
        start, end = spans[i1][0], spans[i2 - 1][1]
        merged += [text[pos:start], new]
        made.append((text[start:end], new, sorted(ws)))
        pos, last = end, i2
    merged.append(text[pos:])
    return "".join(merged), made


def _common_words(text: str, tokens: tuple[str, ...], slot: Slot, witness: str) -> tuple[str, int]:
    """Where every reading is spun, take at each difference the other reading's words when they are
    commoner: a spinner's synonyms are rarer, and where two spun copies differ one of them often kept
    the reporter's word (on the dev stories, any margin of Zipf frequency above none restored less).
    Returns the text and the number of changes."""
    spans = _spans(text)
    best: dict[tuple[int, int], tuple[float, str]] = {}  # place → the commonest other reading
    for w, u in sorted(slot.readings.items()):
        if w == witness:
            continue
        uspans = _spans(u.text)
        for op, i1, i2, j1, j2 in opcodes(tokens, u.tokens):
            if op != "replace" or i2 - i1 > spin.MAX_PHRASE or j2 - j1 > spin.MAX_PHRASE \
                    or i2 - 1 >= len(spans) or j2 - 1 >= len(uspans):
                continue
            mine = text[spans[i1][0] : spans[i2 - 1][1]]
            new = u.text[uspans[j1][0] : uspans[j2 - 1][1]]
            if _factual(mine, i1 == 0) or _factual(new, j1 == 0):
                continue  # spinners leave numbers and names alone: a difference there is no synonym
            ours = sum(zipf(t) for t in tokens[i1:i2]) / (i2 - i1)
            theirs = sum(zipf(t) for t in u.tokens[j1:j2]) / (j2 - j1)
            if theirs > ours and theirs > best.get((i1, i2), (ours, ""))[0]:
                best[(i1, i2)] = (theirs, new)
    out, pos, last, n = [], 0, 0, 0
    for (i1, i2), (_z, new) in sorted(best.items()):
        if i1 < last:
            continue
        start, end = spans[i1][0], spans[i2 - 1][1]
        out += [text[pos:start], new]
        pos, last, n = end, i2, n + 1
    out.append(text[pos:])
    return "".join(out), n


CONTAINED_WORDS = 4  # a passage this long or longer whose words stand inside another is said once


HOSTS_LOOKED_AT = 64  # a sentence opening shared by more passages than this is too common to look further


def _said_once(segments: list[tuple[Unit, Segment, bool]]) -> None:
    """A sentence whose words all stand, in order, inside a longer sentence that other copies carry
    (none of its own) is said there already: one copy joined into one line what the others break
    into several (a list, a caption and its credit), and the alignment kept both. The shorter is
    dropped, in place. A copy that repeats a fact in its own words keeps both sentences. Hosts are
    looked up by the sentence's first words, so the work stays near linear in the text."""
    shown = {k: tuple(lower_words(seg.text)) for k, (_u, seg, _b) in enumerate(segments) if seg.shown}
    joined = {k: " " + " ".join(words) + " " for k, words in shown.items()}
    hosts: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for k, words in shown.items():
        for i in range(len(words) - CONTAINED_WORDS + 1):
            hosts[words[i : i + CONTAINED_WORDS]].add(k)
    for k, words in shown.items():
        found = hosts.get(words[:CONTAINED_WORDS], set()) if len(words) >= CONTAINED_WORDS else set()
        if not 1 < len(found) <= HOSTS_LOOKED_AT:
            continue
        mine = set(segments[k][1].witnesses)
        if any(len(shown[h]) > len(words) and not mine & set(segments[h][1].witnesses) and joined[k] in joined[h]
               for h in sorted(found) if h != k):
            unit, seg, brk = segments[k]
            segments[k] = (unit, replace(seg, status="chrome", reason=(
                "its words stand, in the same order, inside a longer passage other copies carry (a copy "
                "joined what the others break into lines): said once")), brk)


def _find(hay: tuple[str, ...], needle: tuple[str, ...]) -> int | None:
    for i in range(len(hay) - len(needle) + 1):
        if hay[i : i + len(needle)] == needle:
            return i
    return None


def _variants(chosen_text: str, chosen_tokens: tuple[str, ...], carriers: list[str], slot: Slot,
              passage: int) -> list[Variant]:
    """Apparatus entries: each place where another source's wording differs from the chosen text."""
    out: list[Variant] = []
    spans = _spans(chosen_text)
    places: dict[tuple[int, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for w, u in sorted(slot.readings.items()):
        if w in carriers:
            continue
        uspans = _spans(u.text)
        for op, i1, i2, j1, j2 in opcodes(chosen_tokens, u.tokens):
            if op == "equal" or not spans or not uspans:
                continue
            theirs = u.text[uspans[j1][0] : uspans[j2 - 1][1]] if j2 > j1 else "(omits)"
            places[(i1, i2)][theirs].append(w)
    for (i1, i2), readings in sorted(places.items()):
        ours = chosen_text[spans[i1][0] : spans[i2 - 1][1]] if i2 > i1 and i2 - 1 < len(spans) else ""
        rs = ((ours or "(nothing)", tuple(carriers)),) + tuple((t, tuple(ws)) for t, ws in sorted(readings.items()))
        out.append(Variant(passage, ours, rs, "chosen by vote; ties to the least-spun source"))
    return out


LONE_DENSITY = 0.008  # share of a capture's words that sure archive spin pairs cover when it is spun
# …by this many different phrases at least: a clean text uses a phrase spinners also use now and then
# ("police force" covers 0.9 % of a short report), a spun one many (on the dev stories: clean copies
# over the density show one phrase, spun ones 4 to 20).
LONE_PHRASES = 3
DETECT_CONFIDENCE = 0.6  # …counting only pairs this sure (evidence for the pair against clean use)
# …or when the reverse thesaurus would repair this share of its words (on the dev stories: at most
# 1.6 % in a capture that is not spun, 0.7 % in an aeb page; 3 % and 8.6 % in the two spun captures
# the archive's pairs missed).
THESAURUS_DENSITY = 0.025
DENSITY_SAMPLE = 600  # words read for it
# Archive pairs repair text known to be spun when, in spun copies, the phrase stood for the clean
# reading at least this often (Lexicon.confidence with in_spun).
ARCHIVE_CONFIDENCE = 0.7
VOUCHED_CONFIDENCE = 0.5  # …or this, when the reverse thesaurus reads the pair so too (spun text no clean copy covers)
BATCH = 500  # stories per batch of either collation pass: results are let go as they come


def build_story(caps: list[Capture], archive: spin.Lexicon | None = None) -> Story:
    """Collate the captures of one story (with the archive's spin lexicon, when given)."""
    return _collate_story(caps, archive)[0]


@dataclass
class _Prepared:
    """What a story's collation computes before any spin lexicon is used (so both passes share it)."""

    caps: list[Capture]
    paths: list[str]
    witness_units: dict[str, list]
    slots: list[Slot]
    scores: dict
    spun: set[str]

    def fresh(self) -> _Prepared:
        """A copy whose slots and spun set the collation may change."""
        return replace(self, slots=[Slot(dict(s.readings)) for s in self.slots], spun=set(self.spun))


def _prepare(caps: list[Capture]) -> _Prepared:
    caps = sorted(caps, key=lambda c: c.path)
    paths = [c.path for c in caps]
    witness_units = {c.path: units(c.path, [(b.kind, b.text) for b in c.blocks]) for c in caps}
    order = sorted(paths, key=lambda p: (-len(witness_units[p]), p))
    slots = align(witness_units, order)
    pairs = []
    for slot in slots:
        items = sorted(slot.readings.items())
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (wa, ua), (wb, ub) = items[x], items[y]
                if ua.tokens != ub.tokens:
                    pairs.append((wa, ua.tokens, wb, ub.tokens))
    scores, spun, _reference = spin.detect(pairs, paths)
    return _Prepared(caps, paths, witness_units, slots, scores, spun)


def _rank(prep: _Prepared) -> dict:
    spin_of = {p: prep.scores.get(p, (0.0, 0))[0] for p in prep.paths}
    return {p: (p in prep.spun, spin_of[p], -len(prep.witness_units[p]), p) for p in prep.paths}


def _learn(prep: _Prepared) -> spin.Lexicon:
    """The story's own substitutions: spun reading → the cleaner reading chosen at the same place."""
    rank = _rank(prep)
    lexicon = spin.Lexicon()
    for slot in prep.slots:
        unit, _carriers, _why = _choose(slot, rank)
        for w, u in slot.readings.items():
            if w in prep.spun and w != unit.witness and unit.witness not in prep.spun:
                lexicon.learn(u.tokens, unit.tokens)
    for p in prep.paths:
        if p not in prep.spun:
            lexicon.clean.update(" ".join(g) for u in prep.witness_units[p] for g in spin.ngram_list(list(u.tokens)))
    return lexicon


def _first_pass(item: tuple[list[Capture], object, str]) -> tuple[_Prepared | None, spin.Lexicon, tuple]:
    """One story of the first pass (a task in the pool): aligned, the substitutions it teaches, and
    the words the archive needs of it. With a ``store`` (``item``: captures, store, key) the
    worker keeps the alignment there for the second pass instead of sending it back, so the
    alignments of a batch are never all held by the main process."""
    caps, store, key = item
    prep = _prepare(caps)
    lexicon = _learn(prep)
    words = (_vocabulary(prep), _sentences(prep))
    if store is None:
        return prep, lexicon, words
    store.put("prepared-" + key, prep)
    # The use counts stay in the store, apart from the pairs: the archive reads back those of the
    # pairs' phrases alone, once, and a build with nothing new reads the pairs alone.
    pairs = lexicon.pairs_only()
    store.put("learned-" + key, (pairs, *words))
    store.put("uses-" + key, lexicon)
    return None, pairs, words


def _second_pass(item: tuple[_Prepared | list[Capture], spin.Lexicon, dict, object, str, str]) -> Story:
    """One story of the second pass (a task in the pool), collated with the archive lexicon: from
    its alignment, or from the store's copy of it (aligning again when that is gone); kept in the
    store under ``done`` when there is one."""
    source, archive, stock, store, key, done = item
    prep = source if isinstance(source, _Prepared) else None
    if prep is None and store is not None:
        prep = store.get("prepared-" + key)
    if prep is None:
        prep = _prepare(source)
    story = _collate_story(prep.caps, archive, prep, stock)[0]
    if store is not None:
        store.put(done, _without_captures(story))
    return story


def _without_captures(story: Story) -> tuple[list[str], Story]:
    """What the store keeps of a story: its captures' paths, not the captures (the archive has
    them: a cached story is keyed by its captures' content)."""
    return [c.path for c in story.captures], replace(story, captures=[])


def _use_counts(store, key: str, phrases: set[str]) -> tuple[Counter, Counter] | None:
    """One story's clean and kept use of ``phrases``, from the store (None when it is not there)."""
    uses = store.get("uses-" + key)
    if uses is None:
        return None
    one = spin.Lexicon()
    one.add_use(uses, phrases)
    return one.clean, one.kept


def _archive_uses(learned: spin.Lexicon, store, keys: list[str], phrases: set[str]) -> None:
    """Add the stories' clean and kept use of ``phrases`` to ``learned``. The store keeps the sum with
    the stories it covers, under the phrases' digest: the next build with the same phrases reads back
    only the stories that came or went (none when nothing changed), not every story's counts."""
    total_key = "uses-total-" + hashlib.sha256("\n".join(sorted(phrases)).encode()).hexdigest()
    want = Counter(keys)
    covered: Counter = Counter()
    total: tuple[Counter, Counter] | None = None
    if (kept := store.get(total_key)) is not None:
        covered, *sums = kept
        total = (sums[0], sums[1])
        for k, sign in [*((k, -1) for k in sorted((covered - want).elements())),
                        *((k, 1) for k in sorted((want - covered).elements()))]:
            counts = _use_counts(store, k, phrases)
            if counts is None:
                total = None  # a story's counts are gone from the cache: sum them all again
                break
            for mine, theirs in zip(total, counts, strict=True):
                for phrase, n in theirs.items():
                    mine[phrase] += sign * n
        if total is not None and any(n < 0 for c in total for n in c.values()):
            total = None  # a sum that does not hold what it says it covers: sum them all again
    if total is None:
        covered, total = Counter(), (Counter(), Counter())
        for k in keys:
            if (counts := _use_counts(store, k, phrases)) is not None:
                for mine, theirs in zip(total, counts, strict=True):
                    mine.update(theirs)
    if covered != want:
        # in phrase order, with no phrase left at nothing: the same counters however they were summed
        total = tuple(Counter({p: n for p, n in sorted(c.items()) if n}) for c in total)
        store.put(total_key, (want, *total))
    learned.clean.update(total[0])
    learned.kept.update(total[1])


STOCK_WORDS = 5  # a sentence this long, word for word in another story, is not that story's own wording by chance
RELATED_SHARE = 0.5  # stories sharing this share of their sentences are near-duplicates, not stock-sharers
STOCK_POSTING = 12  # a sentence in more stories than this is stock whatever else they share


def sentence_key(tokens: tuple[str, ...]) -> bytes:
    """A sentence's tokens as a short digest: how the archive compares sentences across stories
    without holding every story's text."""
    return hashlib.blake2b("\x1f".join(tokens).encode(), digest_size=8).digest()


def _sentences(prep: _Prepared) -> tuple[frozenset[bytes], int]:
    """The story's sentences of five words or more (as ``sentence_key``), in any of its versions,
    with its headlines' frames (``_frame_keys``), and how many sentences its longest version has (a
    spun version's sentences are other sentences, so the union counts one text more than once)."""
    per_version = [{sentence_key(u.tokens) for u in us if len(u.tokens) >= STOCK_WORDS}
                   for us in prep.witness_units.values()]
    frames = {k for k in _frame_keys(prep).values() if k is not None}
    return frozenset().union(frames, *per_version), max(map(len, per_version), default=0)


FRAME_TAG = b"frame:"  # a headline frame's key: tagged, since a shared frame makes no two stories related


def _frame_keys(prep: _Prepared) -> dict[str, bytes | None]:
    """Per capture: its headline's frame (editorial.headline_frame, against its own text's words)
    as a key the archive compares across stories, as it does sentences (tagged: a frame makes no
    two stories related)."""
    out: dict[str, bytes | None] = {}
    for c in prep.caps:
        own = {t for u in prep.witness_units.get(c.path, ()) for t in u.tokens}
        frame = editorial.headline_frame(c.title, own) if c.title else None
        out[c.path] = FRAME_TAG + sentence_key(frame) if frame else None
    return out


def _stock(sentences: list[tuple[frozenset, int]]) -> list[dict]:
    """Per story: its sentences that unrelated stories carry too, with how many (``sentences``: per
    story, as ``_sentences`` gives them). Two stories that share half the sentences of a version are
    one story the grouping kept apart (or a reprint of a reprint): what they share is their text,
    not stock."""
    carriers: dict[object, list[int]] = defaultdict(list)
    for n, (sents, _size) in enumerate(sentences):
        for s in sents:
            carriers[s].append(n)
    text = [ns for s, ns in carriers.items() if not (isinstance(s, bytes) and s.startswith(FRAME_TAG))]
    shared = pair_counts(text, STOCK_POSTING)

    def related(a: int, b: int) -> bool:
        pair = (a, b) if a < b else (b, a)
        return shared.get(pair, 0) >= RELATED_SHARE * min(sentences[a][1], sentences[b][1])

    out = []
    for n, (sents, _size) in enumerate(sentences):
        found = {}
        for s in sents:
            ns = carriers[s]
            others = [m for m in ns if m != n and (len(ns) > STOCK_POSTING or not related(n, m))]
            if others:
                found[s] = len(others)
        out.append(found)
    return out


def _thesaurus_density(words, units: list[Unit]) -> float:
    """Share of a witness's words the reverse thesaurus would repair, read on its opening passages
    up to ``DENSITY_SAMPLE`` words (enough to tell a spun text; the repair reads all of it)."""
    texts, n = [], 0
    for u in units:
        if n >= DENSITY_SAMPLE:
            break
        texts.append(u.text)
        n += len(u.tokens)
    return len(words.apply(" ".join(texts))[1]) / n if n else 0.0


def _collate_story(caps: list[Capture], archive: spin.Lexicon | None,
                   prep: _Prepared | None = None,
                   stock: dict[bytes, int] | None = None) -> tuple[Story, spin.Lexicon]:
    """One story's canonical text and notes. ``stock``: its sentences that other stories of the
    archive carry too, with how many."""
    stock = stock or {}
    prep = (prep or _prepare(caps)).fresh()
    caps, paths, witness_units, slots, scores, spun = (prep.caps, prep.paths, prep.witness_units, prep.slots,
                                                       prep.scores, prep.spun)
    words = thesaurus()
    # A capture whose own wording is full of phrases the archive knows as spun, or of phrases the
    # reverse thesaurus reads as a spinner's, is spun, even alone or with no clean version beside it.
    # The thesaurus reads the witnesses from the least spun on, and stops at the first it finds
    # clean: the others are no more spun than it (spin.detect flagged those that are).
    read = True
    for p in sorted((p for p in paths if p not in spun), key=lambda p: (scores.get(p, (0.0, 0))[0], p)):
        toks = [t for u in witness_units[p] for t in u.tokens]
        share, phrases = archive.density(toks, DETECT_CONFIDENCE) if archive is not None else (0.0, 0)
        if share >= LONE_DENSITY and phrases >= LONE_PHRASES:
            spun.add(p)
        elif read and words is not None:
            read = _thesaurus_density(words, witness_units[p]) >= THESAURUS_DENSITY
            if read:
                spun.add(p)
    rank = _rank(prep)
    lexicon = _learn(prep)
    clean_tokens = [t for p in paths if p not in spun for u in witness_units[p] for t in u.tokens]
    protected = spin.ngrams(clean_tokens)
    restored: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for slot in slots:
        if any(w not in spun for w in slot.readings):
            continue  # a clean reading is there: the vote decides
        for w, u in list(slot.readings.items()):
            text, reps = lexicon.apply(u.text, protected)
            learned = [(a, b, f"seen {n}× in this story's copies") for a, b, n in reps]
            if archive is not None:
                text, more = archive.apply(text, protected, ARCHIVE_CONFIDENCE,
                                           words.supports if words is not None else None, VOUCHED_CONFIDENCE)
                learned += [(a, b, f"seen {n}× in the archive") for a, b, n in more]
            if words is not None:
                text, more = words.apply(text, protected)
                learned += [(a, b, thesaurus_reason(how, odds)) for a, b, odds, how in more]
            if learned:
                slot.readings[w] = replace(u, text=text, tokens=tuple(lower_words(text)))
                restored[w] += learned
    merge_transposed(slots)
    merge_complementary(slots)
    chosen_units = [_choose(s, rank) for s in slots]
    attested = [k for k, s in enumerate(slots) if len(s.readings) > 1]
    attested_span = (attested[0], attested[-1]) if attested else None
    # the copies whose text begins where the shared text does
    begin = {w for w, u in slots[attested[0]].readings.items() if u.index == 0} if attested else set()
    segments: list[tuple[Unit, Segment, bool]] = []  # (unit, segment, starts paragraph)
    variants: list = []
    multi = len(paths) > 1
    # paragraphs with a whole sentence in them: their short sentences are the paragraph's, not furniture
    whole = {w: [u for u in witness_units[w] if not _fragment(u.text)] for w in paths}  # whole sentences
    prose = {(w, u.para) for w, us in whole.items() for u in us}
    # where each witness's whole sentences begin and end: a short line between them is the article's
    reach = {w: (us[0].index, us[-1].index) if us else (0, -1) for w, us in whole.items()}
    for k, (slot, (unit, carriers, why)) in enumerate(zip(slots, chosen_units, strict=True)):
        text, majority = _majority_tokens(unit, slot, spun)
        if len(slot.readings) > 1 and all(w in spun for w in slot.readings):
            text, _n = _common_words(text, tuple(lower_words(text)), slot, unit.witness)
        single = multi and len(slot.readings) == 1
        # An island: the witness carrying it carries attested passages right around it (so it is not
        # the tail a truncated copy lacks, nor a section one copy alone kept).
        near = [slots[j] for j in range(max(0, k - 2), min(len(slots), k + 3)) if j != k]
        island = single and len(slots) > 2 and any(
            len(sl.readings) > 1 and unit.witness in sl.readings for sl in near)
        elsewhere = max((stock.get(sentence_key(u.tokens), 0) for u in slot.readings.values()), default=0)
        own_line = (unit.witness, unit.para) not in prose  # its paragraph has no whole sentence
        # a heading (the capture's subhead, a question-style one too), a list item, a link
        heading = own_line and (unit.kind == "h" or not closes_sentence(text))
        reason = editorial.editorial_reason(text, single, island, elsewhere, heading)
        outside = single and attested_span and not attested_span[0] <= k <= attested_span[1]
        if outside and own_line and _fragment(text) \
                and not reach[unit.witness][0] < unit.index < reach[unit.witness][1]:
            status = "chrome"
            reason = ("one copy alone carries it, outside the text the copies share and beyond its own "
                      "sentences, and it is no sentence nor in a paragraph with one")
        elif single and heading and \
                len(bridged := _bridging(slots, k, unit.witness, witness_units[unit.witness])) >= BRIDGES:
            status = "chrome"
            reason = (f"one copy alone carries it, a line without a sentence's end, where {len(bridged)} "
                      "other copies go straight on from the text before it to the text after it: a link to "
                      "another story, a caption or a teaser set inside the article")
        elif outside and k < attested_span[0] and unit.witness not in begin and begin >= set(paths) - {unit.witness}:
            status = "chrome"
            reason = ("one copy alone carries it above the text, where every other copy begins: the page's "
                      "summary, caption or teaser, not the story's text")
        elif single and elsewhere and not reason:
            status = "chrome"
            reason = (f"one copy alone carries it, and it stands word for word in {elsewhere} other, unrelated "
                      f"stor{'y' if elsewhere == 1 else 'ies'} of the archive: a teaser or boilerplate from "
                      "elsewhere, not this story's text")
        elif reason:
            status = "editorial"
        elif single:
            status, reason = "single-source", f"only {unit.witness} carries it"
        else:
            status = "attested"
            reason = why + (f"; {len(majority)} word(s) taken from the majority" if majority else "")
        starts = [u.index == 0 or witness_units[w][u.index - 1].para != u.para for w, u in slot.readings.items()]
        breaks = sum(starts) * 2 >= len(starts) or unit.kind != "p"
        segments.append((unit, Segment(text, tuple(carriers if not single else [unit.witness]), status, reason),
                         breaks))
        if len(slot.readings) > 1:
            variants.append((len(segments) - 1, slot, unit, carriers, text))
    _said_once(segments)
    if segments and not any(seg.shown for _u, seg, _b in segments):
        # Every sentence flagged (a story that is all stock remarks, say): flags that would leave
        # the story no text are withdrawn, and the notes say so.
        segments = [(u, replace(seg, status="single-source" if len(seg.witnesses) == 1 and multi else "attested",
                                reason=f"{seg.reason}; kept: flagged, it would leave the story no text")
                     if seg.status == "editorial" else seg, b) for u, seg, b in segments]
    passages: list[Passage] = []
    seg_to_passage: dict[int, int] = {}
    current: list[Segment] = []
    kind = "p"
    for idx, (unit, seg, brk) in enumerate(segments):
        if current and (brk or unit.kind != kind):
            passages.append(Passage(kind, tuple(current)))
            current = []
        kind = unit.kind
        current.append(seg)
        seg_to_passage[idx] = len(passages)
    if current:
        passages.append(Passage(kind, tuple(current)))
    apparatus: list[Variant] = []
    for idx, slot, _unit, carriers, text in variants:
        if segments[idx][1].shown:  # no readings for a sentence the text does not show
            apparatus += _variants(text, tuple(lower_words(text)), carriers, slot, seg_to_passage[idx])
    story = Story(id=story_id(paths), captures=caps, passages=passages, variants=apparatus)
    templated = {p: stock[k] for p, k in _frame_keys(prep).items() if k in stock}
    _choose_title(story, lexicon, protected, spun, rank, archive, templated)
    _choose_standfirst(story, spun, rank)
    story.notes = story_notes(story, scores, spun, restored)
    return story, lexicon


STANDFIRST_SUPPORT = 0.5  # share of a standfirst's content words (rarer weigh more) the canonical text carries


REPEATS = 0.8  # token similarity at which a summary merely repeats the text's opening


def _repeats_opening(words: list[str], opening: list[str]) -> bool:
    """The summary is the text's opening again, maybe cut short or without its dateline
    ("LONDON (Reuters) -"): it matches the opening's words from one of its first few."""
    n = len(words)
    return any(similarity(words, opening[skip : skip + n], REPEATS) for skip in range(min(8, len(opening))))


def _choose_standfirst(story: Story, spun: set[str], rank: dict) -> None:
    """The story's standfirst: the summary line of the least-spun source that has one (a text
    capture's standfirst, a saved page's description), when the canonical text bears it out and it
    does not merely repeat the text's opening or the headline. Spun sources are passed over."""
    from .chrome import key
    from .titles import support

    opening = lower_words(story.body[:1500])
    for c in sorted(story.captures, key=lambda c: (rank[c.path], c.path)):
        text = " ".join(c.get("summary").split())
        if c.path in spun or len(WORD.findall(text)) < 6 or key(text) in (key(story.title), key(c.title)):
            continue
        if _repeats_opening(lower_words(text), opening) or support(text, story.body) < STANDFIRST_SUPPORT:
            continue
        story.standfirst, story.standfirst_source = text, c.path
        return


TEMPLATE_PENALTY = 1.0  # a templated headline counts one source less


def _choose_title(story: Story, lexicon: spin.Lexicon, protected: set, spun: set[str], rank: dict,
                  archive: spin.Lexicon | None = None, templated: dict[str, int] | None = None) -> None:
    """The headline most sources show and the canonical text best supports; the others are variants.

    Score: the number of sources showing it (a wire headline is reprinted, an editorial one is not),
    plus the share of its words found in the canonical text, less its evaluative words, less one
    when its frame heads unrelated stories too (``templated``: path → how many; a rewriter's
    template, filled in with this story's words).
    """
    from .titles import strip_site_suffix, support

    templated = templated or {}

    def template(paths: list[str]) -> bool:
        return all(p in templated for p in paths)

    body = story.body
    shown: dict[str, list[str]] = defaultdict(list)
    fixed_of: dict[str, str] = {}
    for c in story.captures:
        title = strip_site_suffix(c.title.strip(), c.source)
        if not title:
            continue
        fixed = title
        if c.path in spun:
            fixed, _ = lexicon.apply(title, protected)
            if archive is not None:
                fixed, _ = archive.apply(fixed, protected, ARCHIVE_CONFIDENCE)
        key = " ".join(lower_words(fixed))
        shown[key].append(c.path)
        fixed_of.setdefault(key, fixed)
    if not shown:
        first = story.passages[0].text if story.passages else ""
        story.title, story.title_reason = " ".join(first.split()[:12]), "no source has a headline: the opening words"
        return
    cands = []
    for key, paths in shown.items():
        backing = support(fixed_of[key], body)
        opinion = len(editorial.opinion_markers(fixed_of[key]))
        score = len(paths) + backing - 0.15 * opinion - (TEMPLATE_PENALTY if template(paths) else 0.0)
        cands.append((-score, min(rank[p] for p in paths), key, backing, paths))
    cands.sort()
    _, _, key, backing, paths = cands[0]
    story.title = fixed_of[key]
    story.title_reason = (f"shown by {len(paths)} of {len(story.captures)} sources; {backing:.0%} of its words "
                          "(weighted by rarity) are in the canonical text")
    if template(paths):
        story.title_reason += (f"; its frame heads {max(templated[p] for p in paths)} unrelated stories too "
                               "(a template), but no other headline scored higher")
    others = sorted({p for *_x, ps in cands[1:] if template(ps) for p in ps})
    if others:
        story.title_reason += (f"; {len(others)} source(s) show a templated headline, a frame that heads unrelated "
                               "stories too: counted one source less")
    for _s, _r, k, _sup, ps in cands[1:]:
        story.title_variants.append((fixed_of[k], ps[0]))


def collate(captures: list[Capture], seed: spin.Lexicon | None = None) -> list[Story]:
    """All captures → stories, in a stable order (by first capture path)."""
    return collate_archive(captures, seed)[0]


def _story_key(caps: list[Capture]) -> str:
    """A story's captures, as they stand (text, roles, metadata), hashed (by their content keys)."""
    from .cache import capture_digest, content_key

    return content_key([(c.path, capture_digest(c)) for c in sorted(caps, key=lambda c: c.path)])


def _vocabulary(prep: _Prepared) -> frozenset[str]:
    """The words of a story's texts and headlines (what its second pass can look up)."""
    vocab = {t for units in prep.witness_units.values() for u in units for t in u.tokens}
    return frozenset(vocab | {t for c in prep.caps for t in lower_words(c.title)})


def _relevant(vocab: frozenset[str], archive: spin.Lexicon, by_first: dict, decided: dict) -> str:
    """What the second pass can read of the archive lexicon for a story of these words: for each
    phrase whose words all occur in the story's text or headlines, the clean reading ``best`` gives
    at the two confidences used (spun detection, repair). Counts that move no decision change
    nothing here, so a new capture elsewhere rarely sends a story to be collated again.
    ``decided`` keeps each phrase's decision for the other stories of the archive."""
    entries = []
    for t in sorted(vocab & by_first.keys()):  # the story's words that start a phrase of the lexicon
        for phrase in by_first[t]:
            if all(x in vocab for x in phrase):
                decision = decided.get(phrase)
                if decision is None:
                    decision = decided[phrase] = (archive.best(phrase, DETECT_CONFIDENCE),
                                                  archive.best(phrase, ARCHIVE_CONFIDENCE, in_spun=True))
                if decision != (None, None):
                    entries.append((phrase, decision))
    return repr(sorted(entries))


def collate_archive(captures: list[Capture], seed: spin.Lexicon | None = None,
                    stages: dict[str, float] | None = None, rebuild=None,
                    store=None) -> tuple[list[Story], spin.Lexicon]:
    """Stories and the archive's spin lexicon.

    Two passes: the first collates every story and learns its spin substitutions; together, merged
    with the ``seed`` lexicon (the shipped seed, or what earlier builds learned), they are the
    archive's lexicon, which the second pass uses to recognise and repair spun text that no clean
    version covers. ``stages``, when given, receives the seconds each stage took; ``rebuild`` classifies
    captures again with their site templates (``templates.apply_templates``); ``store`` (``get``/``put``
    by key, as ``cache.Store``) keeps each story's alignment and collation between builds, keyed
    by its captures and by the archive lexicon entries its words could use.
    """
    from time import perf_counter

    from .results import with_templates

    clock = perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        if stages is not None:
            stages[stage] = stages.get(stage, 0.0) + perf_counter() - clock
        clock = perf_counter()

    from .cache import parallel_map
    from .textcapture import without_reading

    captures, groups = with_templates(captures, rebuild, store)
    lap("grouping and site templates")
    by_path = {c.path: without_reading(c) for c in captures}
    keys = [_story_key([by_path[p] for p in g]) if store is not None else "" for g in groups]
    # First pass. What the archive needs of each story (its lexicon and words) is kept apart from
    # its alignment, which only a story collated again needs. With a cache folder the pool's
    # workers write both there; the archive then takes the stories' pairs as they come, and the
    # use counts of just the pairs' phrases once all pairs are known (read back from the cache).
    disk = store if getattr(store, "folder", None) else None

    def shared_words(vocab: frozenset[str], sents: tuple[frozenset, int]) -> tuple[frozenset[str], tuple]:
        return frozenset(map(sys.intern, vocab)), sents  # one string per word across the stories

    learned = spin.Lexicon()
    words_of: list[tuple[frozenset, tuple]] = [(frozenset(), (frozenset(), 0))] * len(groups)
    todo = []
    for n, k in enumerate(keys):
        hit = store.get("learned-" + k) if store is not None else None
        if hit is None:
            todo.append(n)
            continue
        learned.update(hit[0])
        words_of[n] = shared_words(*hit[1:])
    prepared: dict[int, _Prepared] = {}
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        tasks = [([by_path[p] for p in groups[n]], disk, keys[n]) for n in batch]
        for n, (prep, lexicon, words) in zip(batch, parallel_map(_first_pass, tasks), strict=True):
            words_of[n] = shared_words(*words)
            learned.update(lexicon)
            if prep is not None:
                prepared[n] = prep
                if store is not None:
                    store.put("learned-" + keys[n], (lexicon, *words_of[n]))
    if disk is not None:
        phrases = set(map(" ".join, learned.pairs)) | set(map(" ".join, seed.pairs if seed is not None else ()))
        _archive_uses(learned, disk, keys, phrases)
    lap("alignment")
    stock = _stock([sentences for _vocab, sentences in words_of])
    archive = learned  # the archive's lexicon: what the stories teach, merged with the seed by maximum
    if seed is not None:
        archive.merge_max(seed)
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in archive.pairs:
        by_first[phrase[0]].append(phrase)
    # Second pass, for the stories whose captures or usable lexicon entries changed.
    decided: dict[tuple[str, ...], tuple] = {}
    keys2 = ["story-" + hashlib.sha256((k + _relevant(vocab, archive, by_first, decided) + repr(sorted(st.items())))
                                       .encode()).hexdigest() if k else ""
             for (vocab, _sents), k, st in zip(words_of, keys, stock, strict=True)]
    def one_copy(story: Story | tuple[list[str], Story] | None) -> Story | None:
        """The story with the archive's own captures in place of the copies the pool gave it, or of
        the paths the cache keeps (equal ones: a cached story is keyed by its captures' content), so
        a large archive holds each capture once."""
        if isinstance(story, tuple):
            paths, story = story
            story.captures = [by_path[p] for p in paths]
        elif story is not None:
            story.captures = [by_path[c.path] for c in story.captures]
        return story

    stories = [one_copy(store.get(k2)) if store is not None else None for k2 in keys2]
    todo = [n for n, story in enumerate(stories) if story is None]
    repair = archive.for_repair()

    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        tasks = [(prepared.pop(n, None) or [by_path[p] for p in groups[n]], repair, stock[n], disk, keys[n], keys2[n])
                 for n in batch]
        for n, story in zip(batch, parallel_map(_second_pass, tasks), strict=True):
            if store is not None and disk is None:
                store.put(keys2[n], _without_captures(story))
            stories[n] = one_copy(story)
    lap("readings, spin repair and notes")
    return sorted(stories, key=lambda s: s.captures[0].path), archive


__all__ = ["collate", "collate_archive", "build_story"]
