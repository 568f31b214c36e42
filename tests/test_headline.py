"""The headline ranker: shipped model and table agree with the code; choices and reasons."""

import csv
import gzip
import json
from pathlib import Path

from recension.headline import FEATURES, Candidate, HandChooser, HeadlineModel, default_chooser, relative
from recension.textcapture import read_text

ROOT = Path(__file__).parents[1]
CASES = json.loads((ROOT / "tests/cases/captures.json").read_text("utf-8"))


def test_the_shipped_ranker_and_its_table_use_the_code_s_features():
    assert isinstance(default_chooser(), HeadlineModel)
    with gzip.open(ROOT / "recension/learn/headlines.csv.gz", "rt", encoding="utf-8") as fh:
        head = next(csv.reader(fh))
    assert head[3:-1] == FEATURES


def test_the_title_line_says_how_it_was_chosen():
    case = next(c for c in CASES if c["name"].startswith("dump with no title line"))
    cap = read_text("\n".join(case["lines"]).encode(), "x.txt")
    title = next(ln for ln in cap.lines if ln.role == "title")
    assert title.text == case["title"]
    assert "supported by its text" in title.reason and "headline ranker p=" in title.reason


def test_without_a_model_the_hand_weighted_score_decides():
    case = next(c for c in CASES if c["name"].startswith("dump with no title line"))
    cap = read_text("\n".join(case["lines"]).encode(), "x.txt", headline=HandChooser())
    assert cap.title == case["title"]
    assert "ranker" not in next(ln for ln in cap.lines if ln.role == "title").reason


def _raw(line, support, hand):
    return (line, f"line {line}", support, hand, "why", [0.0] * (len(FEATURES) - 6))


def test_candidates_are_compared_with_each_other():
    # Listed from the article upwards: line 9 is nearest the article, line 2 the farthest.
    cands = relative([_raw(9, 0.2, 0.5), _raw(5, 0.9, 1.5), _raw(2, 0.6, 1.0)])
    vec = {c.line: dict(zip(FEATURES, c.vector, strict=True)) for c in cands}
    assert vec[9]["support_gap"] == 0.9 - 0.2 and vec[5]["support_gap"] == 0.0
    assert vec[9]["hand_gap"] == 1.0 and vec[5]["hand_gap"] == 0.0
    assert vec[5]["support_order"] == 0.0 < vec[2]["support_order"] < vec[9]["support_order"]
    # strong candidates above: two above line 9 (lines 5 and 2), one above line 5, none above line 2
    assert vec[2]["strong_above"] == 0.0 < vec[5]["strong_above"] < vec[9]["strong_above"]


def test_the_hand_chooser_takes_the_first_of_equal_scores():
    a = Candidate(3, "a", 0.5, 1.0, "", ())
    b = Candidate(1, "b", 0.5, 1.0, "", ())
    assert HandChooser().choose([a, b]) == (a, "")
    assert HandChooser().choose([]) is None
