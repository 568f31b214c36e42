"""Learn the headline ranker from corpora whose captures carry a gold title.

    python -m recension.learn.train_headlines features CORPUS_DIR... --out recension/learn/headlines.csv.gz
    python -m recension.learn.train_headlines train recension/learn/headlines.csv.gz \
        --out recension/data/headline_model.json
    python -m recension.learn.train_headlines cv recension/learn/headlines.csv.gz

Each text capture is read as the site reads it; every headline candidate (recension/headline.py)
becomes a row, labelled 1 when its text is the capture's gold title or the headline the capture
shows. ``cv`` reports, per corpus and with folds by article (an article never in both sides), how
often the chosen candidate is right, for the ranker and for the hand-weighted score.
Training needs requirements-train.txt; the site does not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import json
import re
import unicodedata
from pathlib import Path

from recension.headline import FEATURES, MODEL_WEIGHT, Candidate, HandChooser
from recension.learn.train_lines import _page_folds, _trees, page_key
from recension.model import CaptureError
from recension.textcapture import read_text


def norm_title(s: str | None) -> str:
    """The scorer's normalisation: NFKC, lower case, word tokens joined by one space."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", s or "").lower()))


class Recorder(HandChooser):
    """Chooses as the hand-weighted score does, keeping the candidates it was shown."""

    def __init__(self) -> None:
        self.seen: list[Candidate] = []

    def choose(self, candidates: list[Candidate]):
        self.seen = list(candidates)
        return super().choose(candidates)


def features(corpora: list[Path], out: Path) -> None:
    with gzip.open(out, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["corpus", "page", "capture", *FEATURES, "label"])
        for corpus in corpora:
            truth = json.loads((corpus / "truth.json").read_text("utf-8"))
            base = corpus / truth["meta"].get("captures_dir", ".")
            name = truth["meta"].get("converter") or corpus.name
            rows = 0
            for path, rec in sorted(truth["captures"].items()):
                if rec.get("format") != "text" or not rec.get("title") or not rec.get("body"):
                    continue
                recorder = Recorder()
                with contextlib.suppress(CaptureError, OSError):
                    read_text((base / path).read_bytes(), path, headline=recorder)
                gold = {norm_title(rec["title"]), norm_title(rec.get("headline"))} - {""}
                for c in recorder.seen:
                    w.writerow([name, page_key(rec["body"]), path, *[round(x, 4) for x in c.vector],
                                int(norm_title(c.text) in gold)])
                    rows += 1
            print(f"{corpus}: {rows} candidates")


def _load(path: Path):
    import numpy as np

    rows = []
    for part in str(path).split(","):  # several tables joined by commas read as one
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            r = csv.reader(fh)
            if next(r)[3:-1] != FEATURES:
                raise SystemExit(f"{part} holds other features than recension/headline.py: run 'features' again")
            rows += list(r)
    X = np.array([[float(x) for x in row[3:-1]] for row in rows])
    y = np.array([int(row[-1]) for row in rows])
    return [row[0] for row in rows], [row[1] for row in rows], [(row[0], row[2]) for row in rows], X, y


def _model():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=16, min_samples_leaf=20,
                                          l2_regularization=1.0, random_state=0)


def train(table: Path, out: Path) -> None:
    _corpus, _pages, _caps, X, y = _load(table)
    model = {"kind": "gradient-boosted trees (scikit-learn HistGradientBoostingClassifier), log-odds",
             "features": FEATURES, **_trees(_model().fit(X, y))}
    out.write_text(json.dumps(model, separators=(",", ":")), "utf-8")
    print(f"trained on {len(y)} candidates ({y.mean():.1%} headlines) → {out}")


def _chosen_right(groups: list[list[int]], score, y) -> float:
    """Share of captures (lists of candidate rows) whose highest-scored candidate is a headline."""
    return sum(int(y[max(ks, key=lambda k: (score[k], -k))]) for ks in groups) / len(groups)


def cv(table: Path, folds: int = 5, seed: int = 0) -> None:
    """Out of fold by article, per corpus: how often the chosen candidate is a gold headline, by the
    hand-weighted score, by the ranker alone and by the two together (as shipped)."""
    import numpy as np

    corpus, pages, caps, X, y = _load(table)
    prob = np.zeros(len(y))
    for test in _page_folds(np.array(pages), folds, seed):
        te = np.array([p in test for p in pages])
        prob[te] = _model().fit(X[~te], y[~te]).predict_proba(X[te])[:, 1]
    prob = np.clip(prob, 1e-6, 1 - 1e-6)
    hand = X[:, FEATURES.index("hand")]
    both = hand + MODEL_WEIGHT * np.log(prob / (1 - prob))
    groups: dict[tuple[str, str], list[int]] = {}
    for k, cap in enumerate(caps):
        groups.setdefault(cap, []).append(k)
    print(f"{'corpus':14} {'captures':>8} {'reachable':>9} {'hand':>6} {'ranker':>6} {'both':>6}")
    for c in sorted(set(corpus)):
        mine = [ks for (cc, _), ks in groups.items() if cc == c]

        cells = " ".join(f"{_chosen_right(mine, s, y):6.3f}" for s in (hand, prob, both))
        print(f"{c:14} {len(mine):8d} {_chosen_right(mine, y, y):9.3f} {cells}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m recension.learn.train_headlines")
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("features")
    f.add_argument("corpora", nargs="+", type=Path)
    f.add_argument("--out", type=Path, required=True)
    t = sub.add_parser("train")
    t.add_argument("table", type=Path)
    t.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("cv")
    c.add_argument("table", type=Path)
    c.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.cmd == "features":
        features(a.corpora, a.out)
    elif a.cmd == "train":
        train(a.table, a.out)
    else:
        cv(a.table, seed=a.seed)


if __name__ == "__main__":
    main()
