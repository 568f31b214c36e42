"""One version against the canonical text, word by word (as NewsDiffs and Juxta show revisions).

The comparison runs on word tokens (case and punctuation set aside), paragraph breaks included,
and yields runs: ``equal``; ``insert`` (the version has words the canonical text lacks);
``delete`` (the canonical text has words the version lacks); ``replace``; and ``restored``, a
replacement that undoes a spun phrase the notes record as restored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import opcodes

PARA = "\n\n"
_TOKEN = re.compile(r"\n\s*\n|\S+")
_NORM = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Run:
    """A stretch of the comparison: what the version reads and what the canonical text reads."""

    op: str  # equal | insert | delete | replace | restored
    version: str
    canonical: str


def _tokens(text: str) -> list[str]:
    return [PARA if not t.strip() else t for t in _TOKEN.findall(text)]


@lru_cache(maxsize=1 << 16)  # a story's words recur in every version compared with it
def _key(token: str) -> str:
    return token if token == PARA else (_NORM.sub("", token.lower()) or token)


def _join(tokens: list[str]) -> str:
    return " ".join(tokens).replace(f" {PARA} ", PARA).replace(f"{PARA} ", PARA).replace(f" {PARA}", PARA)


WORD_DIFF_LIMIT = 4000  # tokens per side: longer differing stretches are shown as removed and added whole


def compare(canonical: str, version: str, restored: Iterable[tuple[str, str]] = ()) -> list[Run]:
    """Runs that turn the canonical text into the version; ``restored`` holds (spun, clean) pairs.

    Paragraphs are matched first, then words inside the paragraphs that differ, so the work stays
    near linear in the length of the texts."""
    undone = {(_norm(s), _norm(c)) for s, c in restored}
    pa, pb = canonical.split(PARA), version.split(PARA)
    runs: list[Run] = []

    def add(op: str, now: str, was: str) -> None:
        if runs and runs[-1].op == op == "equal":
            runs[-1] = Run(op, runs[-1].version + now, runs[-1].canonical + was)
        else:
            runs.append(Run(op, now, was))

    for op, i1, i2, j1, j2 in opcodes([_norm(p) for p in pa], [_norm(p) for p in pb]):
        sep = PARA if runs else ""
        if op == "equal":
            text = PARA.join(pb[j1:j2])
            add("equal", sep + text, sep + PARA.join(pa[i1:i2]))
            continue
        a, b = _tokens(PARA.join(pa[i1:i2])), _tokens(PARA.join(pb[j1:j2]))
        if sep:
            add("equal", sep, sep)
        if len(a) > WORD_DIFF_LIMIT or len(b) > WORD_DIFF_LIMIT:
            add("replace" if a and b else "insert" if b else "delete", _join(b), _join(a))
            continue
        for iop, x1, x2, y1, y2 in opcodes([_key(t) for t in a], [_key(t) for t in b]):
            was, now = _join(a[x1:x2]), _join(b[y1:y2])
            if iop == "replace" and (_norm(now), _norm(was)) in undone:
                iop = "restored"
            add(iop, now, was)
    return runs


def _norm(text: str) -> str:
    return " ".join(_key(t) for t in _tokens(text) if t != PARA)


def summary(runs: list[Run]) -> dict[str, int]:
    """Words the version adds, lacks and reads otherwise, and spun phrases restored."""
    count = {"added": 0, "lacking": 0, "different": 0, "restored": 0}
    for r in runs:
        if r.op == "insert":
            count["added"] += len(r.version.split())
        elif r.op == "delete":
            count["lacking"] += len(r.canonical.split())
        elif r.op == "replace":
            count["different"] += 1
        elif r.op == "restored":
            count["restored"] += 1
    return count
