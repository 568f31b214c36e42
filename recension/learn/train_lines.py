"""Learn the line classifier from corpora with gold article text.

    python -m recension.learn.train_lines features CORPUS_DIR... --out recension/learn/lines.csv.gz
    python -m recension.learn.train_lines train recension/learn/lines.csv.gz --out recension/data/line_model.json
    python -m recension.learn.train_lines cv recension/learn/lines.csv.gz
    python -m recension.learn.train_lines cv-extract recension/learn/lines.csv.gz CORPUS_DIR --out oof.json
    python -m recension.learn.train_lines cv-collate recension/learn/lines.csv.gz CORPUS_DIR --out oof.json
    python -m recension.learn.train_lines cv-pipeline recension/learn/lines.csv.gz CORPUS_DIR --out oof.json \
        --headlines recension/learn/headlines.csv.gz [--stories]

A line is labelled article when its text occurs in the gold body (short lines only as a whole
gold line). Features are structural (recension/linefeatures.py). The model is scikit-learn's
histogram gradient boosting, exported as plain JSON trees that recension/lineclassifier.py
evaluates without scikit-learn. Training needs requirements-train.txt; the site does not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

from recension.decode import decode_bytes
from recension.header import split_header
from recension.layout import heading_kinds
from recension.linefeatures import make_doc, names, vectors
from recension.model import CaptureError
from recension.repair import repair_text


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", s).strip()


def _trigrams(text: str) -> set[tuple[str, ...]]:
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


def labelled_rows(text: str, gold: str, kinds: list[str] | None = None) -> list[tuple[list[float], int]]:
    """Feature rows of a capture's lines, labelled 1 when the line is in the gold article text.

    Long lines count as article when most of their word trigrams are in the gold (so a paragraph
    with an inserted sentence or a small edit still counts); short lines only as a whole gold line.
    """
    doc = make_doc(text.split("\n"), kinds)
    gold_lines = {_norm(x) for x in gold.split("\n") if x.strip()}
    gold_tri = _trigrams(_norm(gold))
    rows = []
    for k, v in enumerate(vectors(doc)):
        line = _norm(doc.texts[doc.idx[k]])
        tri = _trigrams(line)
        if len(tri) < 4:
            y = int(line in gold_lines)
        else:
            y = int(len(tri & gold_tri) / len(tri) >= 0.6)
        rows.append((v, y))
    return rows


def page_key(gold: str) -> str:
    """The same article in two corpora gets the same key, so no fold holds it twice."""
    return " ".join(re.findall(r"\w+", _norm(gold).lower())[:40])


def features(corpora: list[Path], out: Path) -> None:
    """Feature table of the text captures of ``corpora`` (spun captures left out: their words
    are not the gold's)."""
    header = ["page", *names(), "label"]
    with gzip.open(out, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for corpus in corpora:
            truth = json.loads((corpus / "truth.json").read_text("utf-8"))
            base = corpus / truth["meta"].get("captures_dir", ".")
            for path, rec in sorted(truth["captures"].items()):
                if rec.get("format") != "text" or not rec.get("body") or rec.get("kind") == "spun":
                    continue
                try:
                    text, _, _ = decode_bytes((base / path).read_bytes())
                except CaptureError:
                    continue
                text, repairs = repair_text(text)
                _, rest, consumed = split_header(text)
                gold = rec.get("extract_body") or rec["body"]
                kinds = heading_kinds(repairs, consumed + 1, rest.count("\n") + 1)
                for v, y in labelled_rows(rest, gold, kinds):
                    w.writerow([page_key(rec["body"]), *[round(x, 4) for x in v], y])


# All the other tables together (the same pages dumped by other converters) weigh this share of the
# first table (the corpora's own text captures: site chrome around reprints and origins) in
# training, so more layouts make the model robust without drowning the captures it is for.
OTHER_TABLES_WEIGHT = 0.5


def _load(path: Path):
    """The feature table; ``path`` may name several tables joined by commas (the first the corpora's
    own, the others the same pages by other converters), read as one with a weight per row."""
    import numpy as np

    parts: list[list[list[str]]] = []
    for part in str(path).split(","):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            r = csv.reader(fh)
            head = next(r)
            parts.append(list(r))
    rows = [row for part in parts for row in part]
    others = sum(len(p) for p in parts[1:])
    w_other = OTHER_TABLES_WEIGHT * len(parts[0]) / others if others else 1.0
    weights = np.array([1.0] * len(parts[0]) + [w_other] * others)
    pages = np.array([row[0] for row in rows])
    X = np.array([[float(x) for x in row[1:-1]] for row in rows])
    y = np.array([int(row[-1]) for row in rows])
    return head[1:-1], pages, X, y, weights


def _model():
    import os

    from sklearn.ensemble import HistGradientBoostingClassifier

    params = dict(max_iter=150, learning_rate=0.1, max_depth=5, max_leaf_nodes=15, min_samples_leaf=40,
                  l2_regularization=1.0)
    params.update(json.loads(os.environ.get("RECENSION_TRAIN_PARAMS", "{}")))  # for experiments
    return HistGradientBoostingClassifier(random_state=0, **params)


def _trees(clf) -> dict:
    trees = []
    for predictors in clf._predictors:
        nodes = predictors[0].nodes
        trees.append([[int(n["feature_idx"]), float(n["num_threshold"]), int(n["left"]), int(n["right"]),
                       int(n["is_leaf"]), float(n["value"])] for n in nodes])
    return {"baseline": float(clf._baseline_prediction.ravel()[0]), "trees": trees}


def _page_folds(pages, folds: int, seed: int = 0) -> list[set]:
    import numpy as np

    uniq = np.array(sorted(set(pages)))
    np.random.default_rng(seed).shuffle(uniq)
    return [set(uniq[f::folds]) for f in range(folds)]


def _stage2_rows(pages, words, p1):
    import numpy as np

    from recension.lineclassifier import STAGE2_NAMES, stage2_vectors

    rows = np.zeros((len(p1), len(STAGE2_NAMES)))
    start = 0
    while start < len(p1):
        end = start
        while end < len(p1) and pages[end] == pages[start]:
            end += 1
        rows[start:end] = stage2_vectors([float(x) for x in p1[start:end]], [int(w) for w in words[start:end]])
        start = end
    return rows


def fit_two_stage(X, y, pages, feature_names: list[str], w=None) -> dict:
    """Stage 1 on all lines; stage 2 on stage-1 scores predicted out of fold (by page)."""
    import numpy as np

    from recension.lineclassifier import STAGE2_NAMES

    w = np.ones(len(y)) if w is None else w
    words = np.rint(np.expm1(X[:, feature_names.index("words")])).astype(int)
    oof = np.zeros(len(y))
    for test_pages in _page_folds(pages, 5, seed=1):
        te = np.array([p in test_pages for p in pages])
        oof[te] = _model().fit(X[~te], y[~te], sample_weight=w[~te]).predict_proba(X[te])[:, 1]
    stage2 = _model().fit(_stage2_rows(pages, words, oof), y, sample_weight=w)
    return {"kind": "two-stage gradient-boosted trees (scikit-learn HistGradientBoostingClassifier), log-odds",
            "features": feature_names, "stage2_features": STAGE2_NAMES,
            "stage1": _trees(_model().fit(X, y, sample_weight=w)), "stage2": _trees(stage2)}


def train(table: Path, out: Path) -> None:
    feature_names, pages, X, y, w = _load(table)
    model = fit_two_stage(X, y, pages, feature_names, w)
    out.write_text(json.dumps(model, separators=(",", ":")), "utf-8")
    print(f"trained on {len(y)} lines of {len(set(pages))} pages ({y.mean():.2%} article) → {out}")


def cv(table: Path, folds: int = 5) -> None:
    """Cross-validated line accuracy of the first stage, folds by page."""
    import numpy as np

    _names, pages, X, y, w = _load(table)
    acc = []
    for test_pages in _page_folds(pages, folds):
        te = np.array([p in test_pages for p in pages])
        clf = _model().fit(X[~te], y[~te], sample_weight=w[~te])
        acc.append((clf.predict(X[te]) == y[te]).mean())
    print(f"line accuracy by page-fold: {np.mean(acc):.4f} ({', '.join(f'{a:.3f}' for a in acc)})")


def _fold_models(table: Path, folds: int, seed: int):
    """(test pages, model trained on every other page) for each fold of the feature table."""
    import numpy as np

    from recension.lineclassifier import LineModel

    feature_names, pages, X, y, w = _load(table)
    for test_pages in _page_folds(pages, folds, seed):
        tr = np.array([p not in test_pages for p in pages])
        yield test_pages, LineModel(fit_two_stage(X[tr], y[tr], pages[tr], feature_names, w[tr]))


def _out_of_fold_text(table: Path, corpus: Path, folds: int, seed: int,
                      headlines: Path | None = None) -> tuple[list, dict]:
    """Every text capture of ``corpus`` read by the model of the fold that holds its article, and
    (with a ``headlines`` table) by a headline ranker trained on the same fold: the captures and
    each one's ranker."""
    from recension.ingest import folder_source
    from recension.textcapture import read_text

    rankers = _fold_rankers(headlines) if headlines else None
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    base = corpus / truth["meta"].get("captures_dir", ".")
    captures, chooser = [], {}
    for test_pages, model in _fold_models(table, folds, seed):
        ranker = rankers(test_pages) if rankers else None
        for path, rec in sorted(truth["captures"].items()):
            if rec.get("format") != "text" or not rec.get("body") or page_key(rec["body"]) not in test_pages:
                continue
            with contextlib.suppress(CaptureError, OSError):
                captures.append(read_text((base / path).read_bytes(), path, folder_source(path), model=model,
                                          headline=ranker))
                chooser[path] = ranker
    return captures, chooser


def _fold_rankers(headlines: Path):
    """A function from a fold's test pages to a headline ranker trained on the other pages."""
    import numpy as np

    from recension.headline import FEATURES, HeadlineModel
    from recension.learn.train_headlines import _load as load_headlines
    from recension.learn.train_headlines import _model as headline_model

    _corpora, pages, _caps, x, y = load_headlines(headlines)
    pages = np.array(pages)

    def ranker(test_pages: set):
        train = np.array([p not in test_pages for p in pages])
        return HeadlineModel({"features": FEATURES, **_trees(headline_model().fit(x[train], y[train]))})

    return ranker


def _with_the_rest(captures: list, corpus: Path) -> list:
    """``captures`` and the corpus's other captures (saved pages, which no line model reads), by path."""
    from recension.ingest import read_capture

    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    base = corpus / truth["meta"].get("captures_dir", ".")
    read = {c.path for c in captures}
    for path in sorted(set(truth["captures"]) - read):
        with contextlib.suppress(CaptureError, OSError):
            captures.append(read_capture((base / path).read_bytes(), path))
    return sorted(captures, key=lambda c: c.path)


def cv_extract(table: Path, corpus: Path, out: Path, folds: int = 5, seed: int = 0) -> None:
    """Out-of-fold extraction of every text capture of ``corpus``, for an honest score (``seed``
    draws the folds: differences smaller than the spread between seeds are noise)."""
    from recension.results import capture_record

    records = [capture_record(c) for c in _out_of_fold_text(table, corpus, folds, seed)[0]]
    out.write_text(json.dumps({"captures": records}, ensure_ascii=False), "utf-8")
    print(f"{len(records)} captures extracted out of fold → {out}")


def cv_collate(table: Path, corpus: Path, out: Path, folds: int = 5, seed: int = 0) -> None:
    """Collation of ``corpus`` with each text capture read by a model that never saw its article
    (folds by page): the honest collate figures, since the dev stories' articles are in the
    training table."""
    from recension.collate import collate_archive
    from recension.results import story_record

    captures = _with_the_rest(_out_of_fold_text(table, corpus, folds, seed)[0], corpus)
    stories, _ = collate_archive(captures)
    out.write_text(json.dumps({"stories": [story_record(s) for s in stories]}, ensure_ascii=False), "utf-8")
    print(f"{len(stories)} stories of {len(captures)} captures collated out of fold → {out}")


def cv_pipeline(table: Path, corpus: Path, out: Path, headlines: Path, stories: bool = False, folds: int = 5,
                seed: int = 0) -> None:
    """The whole pipeline out of fold: each text capture read by the line model and the headline
    ranker of the fold that holds its article (also when its site template classifies it again),
    then the archive collated as a build does; writes the extract records (or, with ``stories``,
    the collate records) of ``corpus``."""
    from recension.collate import collate_archive
    from recension.results import capture_record, restore_spun, story_record
    from recension.templates import reclassify

    read, chooser = _out_of_fold_text(table, corpus, folds, seed, headlines)
    captures = _with_the_rest(read, corpus)
    # The site-template pass classifies each capture again with its own fold's ranker.
    found, archive = collate_archive(captures, rebuild=lambda batch: [reclassify(c, t, chooser.get(c.path))
                                                                      for c, t in batch])
    if stories:
        result = {"stories": [story_record(s) for s in found]}
    else:
        result = {"captures": [capture_record(c) for c in restore_spun(found, archive)]}
    out.write_text(json.dumps(result, ensure_ascii=False), "utf-8")
    print(f"{len(captures)} captures of {corpus} through the whole pipeline out of fold → {out}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["features", "train", "cv", "cv-extract", "cv-collate", "cv-pipeline"])
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--seed", type=int, default=0, help="cv-*: the seed that draws the folds")
    ap.add_argument("--headlines", type=Path, help="cv-pipeline: the headline ranker's feature table")
    ap.add_argument("--stories", action="store_true", help="cv-pipeline: write the collate records")
    args = ap.parse_args(argv)
    if args.command == "features":
        features(args.inputs, args.out)
    elif args.command == "train":
        train(args.inputs[0], args.out)
    elif args.command == "cv":
        cv(args.inputs[0])
    elif args.command == "cv-extract":
        cv_extract(args.inputs[0], args.inputs[1], args.out, seed=args.seed)
    elif args.command == "cv-collate":
        cv_collate(args.inputs[0], args.inputs[1], args.out, seed=args.seed)
    else:
        cv_pipeline(args.inputs[0], args.inputs[1], args.out, args.headlines, args.stories, seed=args.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
