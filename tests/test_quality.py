"""Quality gates: the scorer's figures on the development corpora must not fall below the floors.

Skipped, with a message, where ../shared/corpus is absent (a user's clone).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS, SCORER

FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text("utf-8"))

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.is_file()),
    reason=f"evaluation corpora not found at {CORPUS} (quality gates run where ../shared is present)",
)


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from recension.evaluate import corpora, evaluate_corpus

    out = tmp_path_factory.mktemp("eval")
    rows = []
    for corpus in corpora(CORPUS):
        if corpus.name in {key.split("/")[0] for task in FLOORS.values() for key in task}:
            rows += evaluate_corpus(corpus, SCORER, out)
    return {(r["task"], r["corpus"]): r["figures"] for r in rows}


GATES = [(task, corpus, bound, key, value)
         for task, per_corpus in FLOORS.items()
         for corpus, bounds in per_corpus.items()
         for bound, values in bounds.items()
         for key, value in values.items()]


@pytest.mark.parametrize("task,corpus,bound,key,value", GATES, ids=lambda x: str(x))
def test_floor(figures, task, corpus, bound, key, value):
    got = figures.get((task, corpus))
    assert got is not None, f"no {task} figures for {corpus}"
    if bound == "min":
        assert got[key] >= value, f"{task} {corpus} {key} = {got[key]:.4f} < floor {value}"
    else:
        assert got[key] <= value, f"{task} {corpus} {key} = {got[key]:.4f} > ceiling {value}"
