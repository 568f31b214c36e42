"""Quality gates: the scorer's figures on the development corpora must not fall below the floors.

Skipped, with a message, where ../shared/corpus is absent (a user's clone).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS, SCORER

FLOORS = tomllib.loads((Path(__file__).parent / "floors.toml").read_text("utf-8"))

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.is_file()),
    reason=f"evaluation corpora not found at {CORPUS} (quality gates run where ../shared is present)",
)


def _converter(corpus: str) -> str | None:
    """The converter a gate's corpus names (``aeb/lynx``: the saved pages dumped by lynx), if any."""
    from recension.evaluate import DUMP_CONVERTERS

    name = corpus.partition("/")[2]
    return name if name in DUMP_CONVERTERS else None


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    from recension.evaluate import corpora, dump_corpora, evaluate_corpus, evaluate_dump

    out = tmp_path_factory.mktemp("eval")
    named = {key for task in FLOORS.values() for key in task}
    rows = []
    for corpus in corpora(CORPUS):
        if corpus.name in {key.split("/")[0] for key in named}:
            rows += evaluate_corpus(corpus, SCORER, out)
            wanted = tuple(c for key in sorted(named) if key.startswith(corpus.name + "/") and (c := _converter(key)))
            rows += [evaluate_dump(name, folder, SCORER) for name, folder in dump_corpora(corpus, out, wanted)]
    return {(r["task"], r["corpus"]): r["figures"] for r in rows}


GATES = [(task, corpus, bound, key, value)
         for task, per_corpus in FLOORS.items()
         for corpus, bounds in per_corpus.items()
         for bound, values in bounds.items()
         for key, value in values.items()]


@pytest.mark.parametrize("task,corpus,bound,key,value", GATES, ids=lambda x: str(x))
def test_floor(figures, task, corpus, bound, key, value):
    from recension.learn.dumps import missing

    converter = _converter(corpus)
    if converter and (why := missing(converter)) and not os.environ.get("CI"):
        pytest.skip(f"{corpus} skipped: {why} (pip install -r requirements-dev.txt; apt-get install lynx w3m)")
    got = figures.get((task, corpus))
    assert got is not None, f"no {task} figures for {corpus}"
    if bound == "min":
        assert got[key] >= value, f"{task} {corpus} {key} = {got[key]:.4f} < floor {value}"
    else:
        assert got[key] <= value, f"{task} {corpus} {key} = {got[key]:.4f} > ceiling {value}"


def test_spin_residue_is_split_by_whether_a_clean_copy_carries_the_passage():
    from recension.evaluate import spin_residue_by_cover

    body = ("The council approved the new budget last year after a long debate. "
            "Officials said the mobile library would open in the spring for every district.")
    tokens = body.replace(".", "").split()
    caps = {
        "a.txt": {"story": "s1", "kind": "truncated", "format": "text", "body": body,
                  "extract_body": body.split(". ")[0] + "."},
        "b.txt": {"story": "s1", "kind": "spun", "format": "text", "body": body,
                  "spun": [["last year", "final yr"], ["mobile", "cell"]],
                  "spun_at": [tokens.index("last"), tokens.index("mobile")]},
    }
    truth = {"captures": caps, "stories": {"s1": {"title": "Budget", "body": body, "captures": list(caps)}}}
    spun_body = body.replace("last year", "final yr").replace("mobile", "cell")
    result = {"stories": [{"id": "x", "title": "Budget", "body": spun_body, "captures": list(caps)}]}
    got = spin_residue_by_cover(SCORER, truth, result)
    # The first substitution sits in the truncated copy's text, the second in the tail it lacks.
    assert (got["spin_residue_clean"], got["spin_residue_uncovered"], got["spin_residue_lone"]) == (1.0, 1.0, None)
    repaired = {"stories": [{**result["stories"][0], "body": body.replace("mobile", "cell")}]}
    assert spin_residue_by_cover(SCORER, truth, repaired)["spin_residue_clean"] == 0.0
