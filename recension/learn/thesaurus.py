"""Learn the reverse thesaurus that undoes a synonym spinner's swaps.

    python -m recension.learn.thesaurus /usr/share/wordnet ../shared/corpus/stories-dev \
        --out recension/data/spin_thesaurus.json.gz

Article spinners swap words for thesaurus synonyms: they look a word up, take one of its senses
and put that sense's first other word in its place ("know" → "cognize", "place" → "topographic
point", "hits" → "hittings"). Read backwards, a sense's words tell what each of them may have
been spun from: its first word is what a spinner writes for any of the others, its second word
what it writes for the first. This writes those reverse pairs from WordNet's database files
(the Debian package ``wordnet-base`` installs them in /usr/share/wordnet; WordNet 3.0, Princeton
University, under its BSD-style licence) and, with ``--mythes``, from the MyThes thesaurus that
office suites and many spinners use (Debian's ``mythes-en-us``: /usr/share/mythes/th_en_US_v2.dat,
itself drawn from WordNet but with its own senses and order), each with the rank of the sense among
the original word's senses (the lower of the two where both give a pair); and, from a corpus
whose truth lists each spun capture's substitutions (the scorer's ``spun`` field), how often a
spinner takes a word's first, second, … sense and how many of the words it could swap it does swap.
recension/thesaurus.py reads the table.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from recension.text import WORD, lower_words, zipf

POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
RANKS = 4  # sense ranks told apart: 0, 1, 2, and 3 or later
MIN_ORIGINAL_ZIPF = 3.0  # originals rarer than this are left out (spinners' repairs to rare words are guesses)


def _key(text: str) -> str:
    return " ".join(lower_words(text))


def read_wordnet(folder: Path) -> tuple[dict[tuple[str, str], list[str]], dict[str, list[tuple[str, str]]]]:
    """Synsets (pos, offset) → their words in order, and each word → its synsets in sense order."""
    members: dict[tuple[str, str], list[str]] = {}
    senses: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, pos in POS.items():
        for line in (folder / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence header
            t = line.split()
            n = int(t[3], 16)
            members[(pos, t[0])] = [re.sub(r"\(.*\)$", "", t[4 + 2 * i]).replace("_", " ") for i in range(n)]
        for line in (folder / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            t = line.split()
            count, pointers = int(t[2]), int(t[3])
            offsets = t[6 + pointers : 6 + pointers + count]
            senses[t[0].replace("_", " ")] += [(pos, o) for o in offsets]
    return members, senses


def read_mythes(path: Path) -> dict[str, list[list[str]]]:
    """MyThes's thesaurus: each word → its senses in order, each sense's plain synonyms in order
    (annotated terms — "(generic term)", "(antonym)", … — are no synonyms a spinner writes)."""
    lines = path.read_text("utf-8").splitlines()
    out: dict[str, list[list[str]]] = {}
    i = 1  # the first line names the encoding
    while i < len(lines):
        word, _, count = lines[i].rpartition("|")
        senses = [[t for t in row.split("|")[1:] if "(" not in t] for row in lines[i + 1 : i + 1 + int(count)]]
        out.setdefault(word.lower(), senses)
        i += 1 + int(count)
    return out


def spin_of(members: list[str], word: str) -> str | None:
    """What a spinner writes for ``word`` when it takes this sense: the sense's first other word."""
    others = [m for m in members if m.lower() != word.lower()]
    return others[0] if others else None


def spins(members, senses, word: str, mythes: dict[str, list[list[str]]] | None = None):
    """(rank, spun phrase) for each sense of ``word`` that a spinner could take, WordNet's senses
    ranked within each part of speech, MyThes's in its order (from 0; RANKS - 1 stands for that
    rank or later)."""
    by_pos: Counter = Counter()
    for pos, offset in senses.get(word.lower(), []):
        rank = min(by_pos[pos], RANKS - 1)
        by_pos[pos] += 1
        spun = spin_of(members[(pos, offset)], word)
        if spun is not None:
            yield rank, _key(spun)
    for rank, sense in enumerate((mythes or {}).get(word.lower(), [])):
        spun = spin_of(sense, word)
        if spun is not None:
            yield min(rank, RANKS - 1), _key(spun)


def reverse_pairs(members, senses, mythes=None) -> dict[str, dict[str, int]]:
    """Spun phrase → {original word: the best (lowest) rank of a sense that spins it so}."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for word in sorted(set(senses) | set(mythes or ())):
        original = _key(word)
        if not original or " " in original or len(original) < 3 or zipf(original) < MIN_ORIGINAL_ZIPF:
            continue  # phrases (wordfreq cannot tell their frequency), abbreviations and rare words
        for rank, key in spins(members, senses, word, mythes):
            if not key or key.replace(" ", "") == original or zipf(key) >= zipf(original):
                continue  # the same word spelt apart ("work flow"), or no rarer than the original
            if rank < out[key].get(original, RANKS):
                out[key][original] = rank
    return out


def spinner_habits(corpus: Path, members, senses, mythes=None) -> tuple[list[float], float]:
    """From a corpus's truth: the share of substitutions taking each sense rank, and the share of
    swappable words (words with a sense) that spun captures swapped."""
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))["captures"]
    ranks: Counter = Counter()
    subs = swappable = 0
    for rec in truth.values():
        if rec.get("kind") != "spun" or not rec.get("spun"):
            continue
        pairs = rec["spun"] if isinstance(rec["spun"], list) else ast.literal_eval(rec["spun"])
        subs += len(pairs)
        swappable += sum(1 for w in WORD.findall(rec["body"]) if w.lower() in senses or w.lower() in (mythes or ()))
        for original, spun in pairs:
            found = [rank for rank, key in spins(members, senses, original, mythes) if key == _key(spun)]
            if found:
                ranks[min(found)] += 1
    total = sum(ranks.values()) or 1
    return [round((ranks[k] + 1) / (total + RANKS), 4) for k in range(RANKS)], round(subs / max(1, swappable), 4)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wordnet", type=Path, help="WordNet 3.0 database folder (data.noun, index.noun, …)")
    ap.add_argument("corpus", type=Path, help="a corpus whose truth lists spun captures' substitutions")
    ap.add_argument("--mythes", type=Path, help="MyThes thesaurus file (th_en_US_v2.dat) to read as well")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    members, senses = read_wordnet(args.wordnet)
    mythes = read_mythes(args.mythes) if args.mythes else None
    pairs = reverse_pairs(members, senses, mythes)
    sense_share, swap_share = spinner_habits(args.corpus, members, senses, mythes)
    about = "WordNet 3.0 (Princeton University)"
    about += " and MyThes en_US v2 (its WordNet-based thesaurus)" if mythes else ""
    data = {
        "about": f"reverse synonym pairs from {about}; see recension/learn/thesaurus.py",
        "sense_share": sense_share,
        "swap_share": swap_share,
        "pairs": {k: dict(sorted(v.items())) for k, v in sorted(pairs.items())},
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))  # mtime 0: same inputs, same bytes
    n = sum(len(v) for v in pairs.values())
    print(f"{len(pairs)} spun phrases, {n} pairs; senses taken {sense_share}, words swapped {swap_share:.0%} → "
          f"{args.out} ({math.ceil(args.out.stat().st_size / 1024)} KiB)")


if __name__ == "__main__":
    main()
