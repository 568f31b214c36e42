"""``invoke eval``: run extract and collate on every corpus found and score them with the scorer.

A corpus is a folder with ``truth.json``; its ``meta.captures_dir`` says where the captures are.
Corpora whose captures come in both formats (text and HTML) are scored per format, and their saved
pages also as other converters' text dumps (``aeb/lynx``…).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .results import collate_result, extract_result

EXTRACT_KEYS = ("f1", "precision", "recall", "leak", "title", "spin_repair", "false_edit", "insert_leak")
COLLATE_KEYS = ("pair_f1", "twin_merged", "body_f1", "wer", "title", "spin_residue", "spin_residue_clean",
                "spin_restored", "spin_restored_lone", "insert_leak", "chrome_leak")


def corpora(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/truth.json")) if root.is_dir() else []


def score(scorer: Path, task: str, truth: Path, result: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, str(scorer), task, str(truth), str(result), "--json", *extra],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["summary"]


def _scorer_module(scorer: Path):
    spec = importlib.util.spec_from_file_location("recension_scorer", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spin_residue_by_cover(scorer: Path, truth: dict, result: dict) -> dict:
    """Spin residue split by whether a clean copy carries the passage, with the scorer's own
    alignment and outcome rules. ``spin_residue`` counts a story's substitutions wherever they
    are; a truncated or edited copy is clean only where it has the text, so the figure is given
    for the substitutions some unspun copy carries (``clean``: six words around the spun place,
    in that copy's own gold text), for the rest of stories with a clean copy (``uncovered``: a
    truncated copy's missing tail, a deleted paragraph), and for stories all of whose copies are
    spun (``lone``)."""
    sc = _scorer_module(scorer)
    caps = truth["captures"]
    story_of = {p: i for i, s in enumerate(result["stories"]) for p in s["captures"]}
    counts: dict[str, list[int]] = {k: [0, 0] for k in ("clean", "uncovered", "lone")}
    for sid, st in sorted(truth["stories"].items()):
        members = sorted(k for k in caps if caps[k]["story"] == sid)
        votes = Counter(story_of[k] for k in members if k in story_of)
        if not votes:
            continue
        out = result["stories"][min(votes, key=lambda i: (-votes[i], i))]
        gold = sc.words(st["body"])
        align = sc.Alignment(gold, sc.words(out.get("body") or ""))
        clean = [sc.words(caps[k].get("extract_body") or caps[k]["body"]) for k in members
                 if caps[k]["kind"] != "spun"]
        for k in members:
            subs = [(s, a) for s, a in zip(caps[k].get("spun", []), caps[k].get("spun_at", []), strict=False)
                    if isinstance(a, int)]
            if not subs:
                continue
            outcomes = sc.spin_outcomes(align, [s for s, _ in subs], [a for _, a in subs])
            for (sub, at), outcome in zip(subs, outcomes, strict=True):
                window = gold[max(0, at - 3) : at + len(sc.words(sub[0])) + 3]
                where = ("lone" if not clean else
                         "clean" if any(sc.contains_seq(c, window) for c in clean) else "uncovered")
                counts[where][0] += 1
                counts[where][1] += outcome == "residue"
    return {f"spin_residue_{k}": (res / n if n else None) for k, (n, res) in counts.items()}


def _extract(src: Path, ext_file: Path) -> float:
    """Write the extract result of the captures under ``src``; return captures per second."""
    t0 = time.perf_counter()
    ext = extract_result(src)
    rate = len(ext["captures"]) / max(1e-9, time.perf_counter() - t0)
    ext_file.write_text(json.dumps(ext, ensure_ascii=False), "utf-8")
    return rate


def evaluate_corpus(corpus: Path, scorer: Path, out: Path) -> list[dict]:
    """Score one corpus; return rows (name, task, figures, captures per second)."""
    truth_path = corpus / "truth.json"
    truth = json.loads(truth_path.read_text("utf-8"))
    src = corpus / truth.get("meta", {}).get("captures_dir", ".")
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    ext_file = out / f"{corpus.name}-extract.json"
    rate = _extract(src, ext_file)
    formats = sorted({c.get("format", "text") for c in truth["captures"].values()})
    # An extraction corpus (one page as text and as HTML) is scored per format, never collated.
    extraction_only = truth.get("meta", {}).get("params", {}).get("cmd") == "extract"
    has_stories = not extraction_only and "stories" in truth
    split = len(formats) > 1 and extraction_only
    for fmt in formats if split else [None]:
        extra = ("--format", fmt) if fmt else ()
        rows.append({"corpus": corpus.name + (f"/{fmt}" if fmt else ""), "task": "extract",
                     "figures": score(scorer, "extract", truth_path, ext_file, *extra), "rate": rate})
    if has_stories and len({c["story"] for c in truth["captures"].values()}) < len(truth["captures"]):
        t0 = time.perf_counter()
        col = collate_result(src)
        rate = len(truth["captures"]) / max(1e-9, time.perf_counter() - t0)
        col_file = out / f"{corpus.name}-collate.json"
        col_file.write_text(json.dumps(col, ensure_ascii=False), "utf-8")
        figures = score(scorer, "collate", truth_path, col_file)
        figures.update(spin_residue_by_cover(scorer, truth, col))
        rows.append({"corpus": corpus.name, "task": "collate", "figures": figures, "rate": rate})
    return rows


# Other HTML-to-text converters than the one an extraction corpus's text was made with: its saved
# pages are dumped through each (recension/learn/dumps.py) and scored too, since a user's captures
# come from any of them.
DUMP_CONVERTERS = ("inscriptis", "html2text", "markdownify", "soup", "lynx", "w3m")


def dump_corpora(corpus: Path, out: Path, names: tuple[str, ...] = DUMP_CONVERTERS) -> list[tuple[str, Path]]:
    """(name, folder) of the dumps of an extraction corpus's saved pages by each converter that can
    run here, written under ``out`` (kept while the corpus's truth is the same)."""
    truth_bytes = (corpus / "truth.json").read_bytes()
    if json.loads(truth_bytes).get("meta", {}).get("params", {}).get("cmd") != "extract":
        return []
    from .learn.dumps import missing, write_dumps

    stamp = hashlib.sha256(truth_bytes).hexdigest()
    folder = out / "dumps" / corpus.name
    ready = [n for n in names if not missing(n)]
    stale = [n for n in ready if not (folder / n / "truth.json").is_file()
             or (folder / n / ".source").read_text("utf-8", "replace") != stamp]
    for name in write_dumps(corpus, folder, stale):
        (folder / name / ".source").write_text(stamp, "utf-8")
    return [(f"{corpus.name}/{n}", folder / n) for n in ready]


def evaluate_dump(name: str, folder: Path, scorer: Path) -> dict:
    """Score extraction on one converter's dumps."""
    ext_file = folder.parent / f"{folder.name}-extract.json"
    rate = _extract(folder, ext_file)
    return {"corpus": name, "task": "extract", "figures": score(scorer, "extract", folder / "truth.json", ext_file),
            "rate": rate}


def _fmt(v) -> str:
    return "–" if v is None else f"{v:.3f}"


def table(rows: list[dict]) -> str:
    """A Markdown table of the rows (as the README carries it)."""
    lines = []
    ext = [r for r in rows if r["task"] == "extract"]
    col = [r for r in rows if r["task"] == "collate"]
    if ext:
        lines.append("| extract | " + " | ".join(EXTRACT_KEYS) + " | captures/s |")
        lines.append("|---" * (len(EXTRACT_KEYS) + 2) + "|")
        for r in ext:
            lines.append(f"| {r['corpus']} | " + " | ".join(_fmt(r["figures"].get(k)) for k in EXTRACT_KEYS)
                         + f" | {r['rate']:.0f} |")
    if col:
        lines.append("")
        lines.append("| collate | " + " | ".join(COLLATE_KEYS) + " | captures/s |")
        lines.append("|---" * (len(COLLATE_KEYS) + 2) + "|")
        for r in col:
            lines.append(f"| {r['corpus']} | " + " | ".join(_fmt(r["figures"].get(k)) for k in COLLATE_KEYS)
                         + f" | {r['rate']:.0f} |")
    return "\n".join(lines)


def run_eval(root: Path, scorer: Path, out: Path) -> list[dict]:
    found = corpora(root)
    if not found or not scorer.is_file():
        print(f"No corpora or scorer found (looked in {root} and {scorer}); nothing to evaluate.")
        return []
    rows: list[dict] = []
    for corpus in found:
        rows += evaluate_corpus(corpus, scorer, out)
        rows += [evaluate_dump(name, folder, scorer) for name, folder in dump_corpora(corpus, out)]
    print(table(rows))
    (out / "summary.json").write_text(json.dumps(rows, indent=1), "utf-8")
    return rows
