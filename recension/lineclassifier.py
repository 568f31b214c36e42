"""The learned line classifier: gradient-boosted trees stored as JSON, evaluated in pure Python.

Two stages. The first scores each line from its own structural features and its neighbours'
(recension/linefeatures.py). The second re-scores each line from the first stage's scores around
it — the article is a contiguous region, so a line among article lines is likelier article — and
from the maximum-sum span of those scores. Trained by recension/learn/train_lines.py; the model
file is recension/data/line_model.json.
"""

from __future__ import annotations

import bisect
import json
import math
from functools import cache
from importlib import resources

from .chrome import best_span


class Trees:
    """Gradient-boosted regression trees on log-odds, compiled to one Python function when loaded."""

    def __init__(self, data: dict) -> None:
        self.baseline: float = data["baseline"]
        self.trees: list[list[list]] = data["trees"]
        self._score = _compile(self.baseline, self.trees)

    def probability(self, x: list[float]) -> float:
        return 1.0 / (1.0 + math.exp(-self._score(x)))


def _compile(baseline: float, trees: list[list[list]]):
    """Nested if/else source for all trees (about ten times faster than walking node lists), the
    features unpacked into locals first."""
    used = 1 + max((node[0] for nodes in trees for node in nodes if not node[4]), default=0)
    names = ", ".join(f"x{i}" for i in range(used))
    src = ["def score(x):", f"    {names}, = x[:{used}]", f"    t = {baseline!r}"]

    def emit(nodes: list[list], n: int, depth: int) -> None:
        feature, threshold, left, right, leaf, value = nodes[n]
        pad = "    " * depth
        if leaf:
            src.append(f"{pad}t += {value!r}")
            return
        src.append(f"{pad}if x{feature} <= {threshold!r}:")
        emit(nodes, left, depth + 1)
        src.append(f"{pad}else:")
        emit(nodes, right, depth + 1)

    for nodes in trees:
        emit(nodes, 0, 1)
    src.append("    return t")
    namespace: dict = {}
    exec(compile("\n".join(src), "<line-model>", "exec"), namespace)  # noqa: S102 - our own model file
    return namespace["score"]


STAGE2_NAMES = ["p", "p-3", "p-2", "p-1", "p+1", "p+2", "p+3", "mean5", "mean15", "max_before", "max_after",
                "in_pspan", "dist_pspan", "words", "rel_pos", "sure_before", "sure_after", "between_sure"]
SURE = 0.8  # a first-stage score this high marks a line the article surely contains


def stage2_vectors(probs: list[float], words: list[int]) -> list[list[float]]:
    """Context of first-stage scores for each line."""
    n = len(probs)
    s, e, _ = best_span([(p - 0.5) * math.log1p(w) for p, w in zip(probs, words, strict=True)])
    sure = [k for k, p in enumerate(probs) if p >= SURE]
    out = []
    for k in range(n):
        def at(j: int) -> float:
            return probs[j] if 0 <= j < n else -1.0

        w5 = probs[max(0, k - 5) : k + 6]
        w15 = probs[max(0, k - 15) : k + 16]
        before = max(probs[max(0, k - 10) : k], default=-1.0)
        after = max(probs[k + 1 : k + 11], default=-1.0)
        inside = float(s <= k <= e)
        dist = 0.0 if inside else float(s - k if k < s else k - e)
        lo, hi = bisect.bisect_left(sure, k), bisect.bisect_right(sure, k)
        sb = k - sure[lo - 1] if lo > 0 else None  # nearest sure line before, and after (linear in all)
        sa = sure[hi] - k if hi < len(sure) else None
        out.append([probs[k], at(k - 3), at(k - 2), at(k - 1), at(k + 1), at(k + 2), at(k + 3), sum(w5) / len(w5),
                    sum(w15) / len(w15), before, after, inside, math.log1p(dist), math.log1p(words[k]),
                    k / max(1, n - 1), math.log1p(sb) if sb is not None else -1.0,
                    math.log1p(sa) if sa is not None else -1.0, float(sb is not None and sa is not None)])
    return out


class LineModel:
    def __init__(self, data: dict) -> None:
        self.features: list[str] = data["features"]
        self.stage1 = Trees(data["stage1"])
        self.stage2 = Trees(data["stage2"]) if data.get("stage2") else None

    def probabilities(self, vectors: list[list[float]], words: list[int]) -> list[float]:
        """P(article line) for each line of one capture."""
        p1 = [self.stage1.probability(v) for v in vectors]
        if self.stage2 is None:
            return p1
        return [self.stage2.probability(v) for v in stage2_vectors(p1, words)]


@cache
def default_model() -> LineModel | None:
    path = resources.files("recension.data").joinpath("line_model.json")
    if not path.is_file():
        return None
    return LineModel(json.loads(path.read_text("utf-8")))
