"""Choosing a text capture's headline among the lines above its article.

The text reader (textcapture.py) lists the candidates — head lines that could be a headline — each
with structural evidence: how well the article's text supports its words, how near the article it
stands, its shape, what surrounds it. A learned ranker (gradient-boosted trees, trained by
recension/learn/train_headlines.py on the corpora's text captures and the aeb pages as other
converters dump them; recension/data/headline_model.json) scores each candidate; without the model
file the hand-weighted score decides. Only shape, position and support are features, no word.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

from .lineclassifier import Trees

# Evidence about one candidate, in the order of Candidate.vector.
FEATURES = [
    "support",  # share of its content words (rarer weigh more) found in the article's text
    "support_lead",  # the same, in the article's first three lines
    "echo",  # support in the page's title line (the capture's first line), when that is another line
    "match_first",  # the first line starts with it ("Headline - Site")
    "rank",  # log(1 + its rank among the candidates, counted up from the article)
    "gap",  # log(1 + non-blank lines between it and the article)
    "words", "chars", "title_case", "stop", "full_stop", "all_caps", "all_lower", "colon", "pipe", "question",
    "symbol_start",  # starts with neither letter nor digit nor quote (□ ☆ ━ [ …)
    "credit",  # a byline or date line follows
    "crowded",  # other lines stand beside it with no blank line between
    "marked",  # the converter's layout or the page's markup makes it a heading
    "line_score",  # the line classifier's probability that it is article text
    "first_line",  # it is the capture's first line
    "page_title",  # it is the first line with a site suffix taken off
    "rel_pos",  # its position in the capture, 0 to 1
    "repeats",  # log(1 + other lines with the same text)
    "support_above",  # support of the non-blank line above it (a headline over a standfirst)
    "support_below",  # support of the non-blank line below it
    "sentences",  # sentence ends inside it (a standfirst has two)
    "colon_end",  # ends with a colon
    "hand",  # the hand-weighted score
    "n_candidates",  # log(1 + candidates)
    "support_gap",  # the best candidate's support minus its own
    "support_order",  # log(1 + candidates with more support)
    "hand_gap",  # the best hand-weighted score minus its own
    "strong_above",  # log(1 + candidates above it with half their words supported)
]
STRONG = 0.5  # support at which a candidate counts as strong


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line that may be the headline, with its evidence."""

    line: int  # index in the capture's text lines
    text: str  # the headline it would give (a site suffix or section label taken off)
    support: float
    hand: float  # hand-weighted score (the choice without a model)
    reason: str
    vector: tuple[float, ...]  # FEATURES


def relative(raw: list[tuple[int, str, float, float, str, list[float]]]) -> list[Candidate]:
    """Candidates from (line, text, support, hand score, reason, own features), listed from the
    article upwards, adding the features that compare each with the others."""
    if not raw:
        return []
    best_sup = max(r[2] for r in raw)
    best_hand = max(r[3] for r in raw)
    n = math.log1p(len(raw))
    sups = sorted(r[2] for r in raw)
    above = [0] * len(raw)  # strong candidates farther from the article, counted from the far end
    for k in range(len(raw) - 2, -1, -1):
        above[k] = above[k + 1] + (raw[k + 1][2] >= STRONG)
    out = []
    for k, (line, text, sup, hand, reason, own) in enumerate(raw):
        order = len(sups) - bisect.bisect_right(sups, sup)  # candidates with more support
        vec = (*own, hand, n, best_sup - sup, math.log1p(order), best_hand - hand, math.log1p(above[k]))
        out.append(Candidate(line, text, sup, hand, reason, vec))
    return out


class Chooser(Protocol):
    def choose(self, candidates: list[Candidate]) -> tuple[Candidate, str] | None: ...


class HandChooser:
    """The highest hand-weighted score (the first candidate on a tie)."""

    def choose(self, candidates: list[Candidate]) -> tuple[Candidate, str] | None:
        best = max(candidates, key=lambda c: c.hand, default=None)
        return (best, "") if best else None


MODEL_WEIGHT = 0.5  # the ranker's log-odds, weighed so, are added to the hand-weighted score


class HeadlineModel:
    """The learned ranker beside the hand-weighted score: the candidate with the highest hand score
    plus the ranker's log-odds weighed by MODEL_WEIGHT. Out of fold by article, the ranker alone
    chose better on other converters' dumps but worse on the corpora's own captures; the sum keeps
    most of the gain on the dumps and loses less on aeb/text (README, Quality)."""

    def __init__(self, data: dict) -> None:
        if data["features"] != FEATURES:
            raise ValueError("headline model trained on other features")
        self.trees = Trees(data)

    def choose(self, candidates: list[Candidate]) -> tuple[Candidate, str] | None:
        if not candidates:
            return None
        scored = []
        for k, c in enumerate(candidates):
            p = min(max(self.trees.probability(list(c.vector)), 1e-6), 1 - 1e-6)
            scored.append((c.hand + MODEL_WEIGHT * math.log(p / (1 - p)), -k, p, c))
        _, _, p, best = max(scored, key=lambda s: s[:2])
        return best, f"headline ranker p={p:.2f}"


@cache
def default_chooser() -> Chooser:
    path = resources.files("recension.data").joinpath("headline_model.json")
    if not path.is_file():
        return HandChooser()
    return HeadlineModel(json.loads(path.read_text("utf-8")))
