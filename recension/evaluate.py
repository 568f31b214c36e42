"""``invoke eval``: run extract and collate on every corpus found and score them with the scorer.

A corpus is a folder with ``truth.json``; its ``meta.captures_dir`` says where the captures are.
Corpora whose captures come in both formats (text and HTML) are scored per format.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from .results import collate_result, extract_result

EXTRACT_KEYS = ("f1", "precision", "recall", "leak", "title", "spin_repair", "false_edit", "insert_leak")
COLLATE_KEYS = ("pair_f1", "twin_merged", "body_f1", "wer", "title", "spin_residue", "spin_restored",
                "spin_restored_lone", "insert_leak", "chrome_leak")


def corpora(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/truth.json")) if root.is_dir() else []


def score(scorer: Path, task: str, truth: Path, result: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, str(scorer), task, str(truth), str(result), "--json", *extra],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["summary"]


def evaluate_corpus(corpus: Path, scorer: Path, out: Path) -> list[dict]:
    """Score one corpus; return rows (name, task, figures, captures per second)."""
    truth_path = corpus / "truth.json"
    truth = json.loads(truth_path.read_text("utf-8"))
    src = corpus / truth.get("meta", {}).get("captures_dir", ".")
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    t0 = time.perf_counter()
    ext = extract_result(src)
    rate = len(ext["captures"]) / max(1e-9, time.perf_counter() - t0)
    ext_file = out / f"{corpus.name}-extract.json"
    ext_file.write_text(json.dumps(ext, ensure_ascii=False), "utf-8")
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
        rows.append({"corpus": corpus.name, "task": "collate",
                     "figures": score(scorer, "collate", truth_path, col_file), "rate": rate})
    return rows


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
    print(table(rows))
    (out / "summary.json").write_text(json.dumps(rows, indent=1), "utf-8")
    return rows
