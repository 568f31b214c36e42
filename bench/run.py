"""The speed benchmark behind ``invoke bench``: Recension against plain Pelican on the same stories.

Generates a synthetic archive (``bench/generate.py``), then times, as medians of several runs:
plain Pelican building the stories as Markdown (cold, and warm with its content cache), and
``invoke build`` on the captures (cold: empty cache; warm: nothing changed; after adding one new
capture), with per-stage times, captures per second and peak memory (the largest process of the
build). Optionally, grouping alone on many synthetic bodies. Prints Markdown tables; a benchmark,
not a test: nothing here is asserted.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANCHOR_CONF = """\
PATH = {content!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
RELATIVE_URLS = True
TIMEZONE = "UTC"
SITENAME = "Plain Pelican"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""
_MEASURE = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t, "
            "'peak_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Wall time and peak memory (largest process) of a command."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"]:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {result['rc']})")
    return result


def _median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def plain_pelican(work: Path, runs: int) -> dict:
    conf = work / "anchor.conf.py"
    conf.write_text(ANCHOR_CONF.format(content=str(work / "markdown"), output=str(work / "anchor-out"),
                                       cache=str(work / "anchor-cache")), "utf-8")
    cmd = [sys.executable, "-m", "pelican", "-s", str(conf)]
    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(work / "anchor-out", ignore_errors=True)
        shutil.rmtree(work / "anchor-cache", ignore_errors=True)
        cold.append(measure(cmd))
        warm.append(measure(cmd))
    return {"cold": _median(cold, "seconds"), "warm": _median(warm, "seconds"),
            "peak_mib": max(r["peak_mib"] for r in cold + warm)}


def _new_capture(work: Path, n: int) -> Path:
    """A new version of an existing story, from a site the archive has not seen."""
    md = sorted((work / "markdown").glob("*.md"))[n % 7]
    head, body = md.read_text("utf-8").split("\n\n", 1)
    title = head.splitlines()[0].removeprefix("Title: ")
    path = work / "captures" / "new-site" / f"added-{n}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"Source: New Site {n}\n\n{title}\n\n{body}\nAdded in run {n}.\n", "utf-8")
    return path


def recension(work: Path, runs: int) -> dict:
    cache = work / "recension-cache"
    timings = work / "timings.json"
    env = {"RECENSION_CACHE": str(cache), "RECENSION_SPIN_LEXICON": str(cache / "spin-lexicon.json"),
           "RECENSION_TIMINGS": str(timings)}
    cmd = [sys.executable, "-m", "invoke", "-r", str(ROOT), "build", "--content", str(work), "--output",
           str(work / "recension-out")]
    rows: dict[str, list[dict]] = {"cold": [], "warm": [], "added": []}
    for n in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        for phase in ("cold", "warm", "added"):
            if phase == "added":
                _new_capture(work, n)
            r = measure(cmd, env)
            r["stages"] = json.loads(timings.read_text("utf-8"))
            rows[phase].append(r)
        shutil.rmtree(work / "captures" / "new-site")
    out = {}
    for phase, rs in rows.items():
        stages = {k: statistics.median(r["stages"].get(k, 0.0) for r in rs) for k in rs[0]["stages"]}
        out[phase] = {"seconds": _median(rs, "seconds"), "peak_mib": max(r["peak_mib"] for r in rs),
                      "stages": stages}
    return out


def grouping_scale(n: int, seed: int = 0) -> dict:
    """Grouping alone on ``n`` synthetic bodies (stories of 1–3 versions, some spun): seconds."""
    from wordfreq import top_n_list

    sys.path.insert(0, str(ROOT))
    from recension.group import group

    rng = random.Random(seed)
    words = top_n_list("en", 5000)[50:]
    names = [w.capitalize() for w in top_n_list("en", 20000)[5000:]]
    bodies: dict[str, str] = {}
    k = 0
    while len(bodies) < n:
        sents = [" ".join(rng.choices(words, k=12)).capitalize() + f" {rng.choice(names)} {rng.choice(names)} "
                 f"{rng.randint(1, 99999)} " + " ".join(rng.choices(words, k=6)) + "."
                 for _ in range(rng.randint(6, 14))]
        for v in range(min(1 + k % 3, n - len(bodies))):
            text = sents if v != 1 else [" ".join(w if rng.random() > 0.2 else rng.choice(words) for w in s.split())
                                          for s in sents]
            bodies[f"s{k:06d}-{v}"] = "\n\n".join(text)
        k += 1
    start = time.perf_counter()
    groups, _ = group(bodies)
    return {"bodies": n, "stories": k, "groups": len(groups), "seconds": time.perf_counter() - start}


def report(captures: int, stories: int, anchor: dict, ours: dict, scale: dict | None) -> str:
    cold, warm, added = ours["cold"], ours["warm"], ours["added"]
    ingest = cold["stages"].get("ingest", 0.0)
    lines = [f"{captures} captures of {stories} stories (plain Pelican: the same {stories} stories as Markdown); "
             f"medians; {os.cpu_count()} CPUs",
             "",
             "| build | plain Pelican | Recension | ratio | target |",
             "|---|---|---|---|---|",
             f"| cold | {anchor['cold']:.1f} s | {cold['seconds']:.1f} s | "
             f"{cold['seconds'] / anchor['cold']:.2f}× | ≤ 1.2× |",
             f"| warm (nothing changed) | {anchor['warm']:.1f} s | {warm['seconds']:.1f} s | "
             f"{warm['seconds'] / anchor['warm']:.2f}× | – |",
             f"| one capture added | {anchor['warm']:.1f} s (cached) | {added['seconds']:.1f} s | "
             f"{added['seconds'] / anchor['warm']:.2f}× | ≤ 1.05× |",
             f"| peak memory | {anchor['peak_mib']:.0f} MiB | {max(r['peak_mib'] for r in ours.values()):.0f} MiB | | "
             "≤ 1 GiB at 10,000 |",
             f"| of which the site build (Pelican with Recension) | | "
             f"{max(r['stages'].get('peak MiB, site', 0) for r in ours.values()):.0f} MiB | | |",
             "",
             "| stage (s) | cold | warm | one added |",
             "|---|---|---|---|"]
    stage_names = ["ingest", "grouping and site templates", "alignment", "readings, spin repair and notes"]
    for k in stage_names:
        lines.append(f"| {k} | {cold['stages'].get(k, 0):.2f} | {warm['stages'].get(k, 0):.2f} | "
                     f"{added['stages'].get(k, 0):.2f} |")
    for r in (cold, warm, added):
        r["stages"]["render and the rest"] = (r["stages"].get("pelican", 0)
                                              - sum(r["stages"].get(k, 0) for k in stage_names))
    for k in ("render and the rest", "search index"):
        lines.append(f"| {k} | {cold['stages'].get(k, 0):.2f} | {warm['stages'].get(k, 0):.2f} | "
                     f"{added['stages'].get(k, 0):.2f} |")
    lines += ["", f"ingest: {captures / max(ingest, 1e-9):.0f} captures/s cold (target ≥ 600); "
              f"whole build: {captures / cold['seconds']:.0f} captures/s cold"]
    if scale:
        lines.append(f"grouping alone: {scale['bodies']:,} bodies in {scale['seconds']:.1f} s "
                     f"({scale['groups']:,} groups of {scale['stories']:,} stories; target ≤ 60 s at 100,000)")
    return "\n".join(lines)


def main(captures: int = 2000, runs: int = 3, corpus: Path | None = None, group_scale: int = 0,
         keep: Path | None = None) -> str:
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    work = keep or Path(tempfile.mkdtemp(prefix="recension-bench-"))
    try:
        made = generate(work, captures, corpus)
        anchor = plain_pelican(work, runs)
        ours = recension(work, runs)
        scale = grouping_scale(group_scale) if group_scale else None
        text = report(made["captures"], made["stories"], anchor, ours, scale)
        (work / "bench.json").write_text(json.dumps({"generated": made, "plain_pelican": anchor, "recension": ours,
                                                     "grouping": scale}, indent=1), "utf-8")
        return text
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
