"""Tasks (invoke): build and preview the site, and run the pipeline outside it.

Pelican quickstart conventions, pointed at ``pelican.conf.py`` and ``publish.conf.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shlex
import shutil
import sys
import time
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = str(ROOT / "pelican.conf.py")
SETTINGS_FILE_PUBLISH = str(ROOT / "publish.conf.py")
CORPUS = Path(os.environ.get("RECENSION_CORPUS", ROOT.parent / "shared" / "corpus"))
SCORER = Path(os.environ.get("RECENSION_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _settings(path: str) -> dict:
    from pelican.settings import get_settings_from_file

    return get_settings_from_file(path)


CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": SETTINGS_FILE_PUBLISH,
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def pelican_run(c, cmd: str) -> None:
    c.run(f"{shlex.quote(sys.executable)} -m pelican {cmd}", pty=False)


@task
def clean(c):
    """Remove the generated site."""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])


@task(help={"output": "folder for the site (default output/)", "content": "content folder (default content/)"})
def build(c, output=None, content=None):
    """Build the site from content/, then its search index. Atomic: the site is built in a temporary
    folder beside the target and swapped in only when everything succeeded."""
    target = Path(output or CONFIG["deploy_path"]).resolve()
    staging = target.parent / f".{target.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    src = f" {shlex.quote(str(content))}" if content else ""
    try:
        started = time.perf_counter()
        pelican_run(c, f"{src} -s {shlex.quote(CONFIG['settings_base'])} -o {shlex.quote(str(staging))}")
        indexed = time.perf_counter()
        site_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB: Pelican and its workers
        search_index(c, staging, _settings(CONFIG["settings_base"]).get("RECENSION_CACHE_PATH"))
        _record_times({"pelican": indexed - started, "search index": time.perf_counter() - indexed,
                       "peak MiB, site": site_peak / 1024,
                       "peak MiB, whole build": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024})
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed: {target} is left as it was", file=sys.stderr)
        raise
    retired = target.parent / f".{target.name}.previous"
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    print(summary_line(target / "report.json"))


def _record_times(times: dict[str, float]) -> None:
    """Add whole-step times to the stage times the plugins wrote (``RECENSION_TIMINGS``, for ``invoke bench``)."""
    path = os.environ.get("RECENSION_TIMINGS")
    if not path:
        return
    try:
        stages = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        stages = {}
    Path(path).write_text(json.dumps({**stages, **times}, indent=1, sort_keys=True), "utf-8")


def summary_line(report_path: Path) -> str:
    """The build report in one line (the report page and report.json list each capture not used)."""
    try:
        report = json.loads(report_path.read_text("utf-8"))
    except (OSError, ValueError):
        return "Recension: no build report written"
    failed = len(report.get("failures", []))
    n, m = report.get("captures", 0), report.get("stories", 0)
    return (f"Recension: {n} capture{'s' if n != 1 else ''} → {m} stor{'ies' if m != 1 else 'y'}; "
            f"{failed} capture{'s' if failed != 1 else ''} not used"
            + (f" (see {report_path.parent / 'report'}/index.html)" if failed else ""))


@task(help={"content": "content folder (default content/)"})
def check(c, content=None):
    """Read every capture without building and print the build report: what would not be used, and why."""
    from recension.results import ingest_dir

    folder = (Path(content) if content else ROOT / _settings(CONFIG["settings_base"])["PATH"]) / "captures"
    captures, failures = ingest_dir(folder)
    for f in failures:
        print(f"{f['path']}: {f['reason']}")
    print(f"Recension: {len(captures) + len(failures)} captures checked; {len(captures)} usable, "
          f"{len(failures)} not usable")


# Story pages per Pagefind run. Pagefind holds a run's whole index in memory (about 250 MiB per
# 1,000 story pages here), so a larger archive is indexed in parts of about this many pages, which
# the search page merges (Pagefind's mergeIndex): the build's peak memory no longer grows with the
# archive. A page's part follows from a hash of its path, so a new story leaves the other parts as
# they were, and an unchanged part is copied from the cache instead of being indexed again. The
# part's size is what a rebuild with one capture added pays: on 1,000 story pages, parts of 250
# took 1.0 s to index again against 3.3 s for one whole index (4.2 s against 3.2 s cold).
SEARCH_PART = 250


def _search_part() -> int:
    env = os.environ.get("RECENSION_SEARCH_PART", "")
    return max(1, int(env)) if env.isdigit() else SEARCH_PART


def _site_pages(site: Path) -> tuple[str, list[tuple[str, str]]]:
    """A hash of every HTML page of the site (path and bytes) with Pagefind's version, and the pages
    Pagefind indexes (those with a ``data-pagefind-body``) with a hash of each."""
    from importlib.metadata import version

    h = hashlib.sha256(f"pagefind {version('pagefind')}".encode())
    indexed = []
    for page in sorted(site.rglob("*.html")):
        rel, data = page.relative_to(site).as_posix(), page.read_bytes()
        digest = hashlib.sha256(data).hexdigest()  # each page's bytes are hashed once, for both uses
        h.update(f"{rel}\0{digest}\0".encode())
        if b"data-pagefind-body" in data:
            indexed.append((rel, digest))
    return h.hexdigest(), indexed


def _pagefind(c, site: Path, output: Path | None = None) -> None:
    out = f" --output-path {shlex.quote(str(output))}" if output else ""
    c.run(f"{shlex.quote(sys.executable)} -m pagefind --site {shlex.quote(str(site))}{out} --silent", pty=False)


def _index_part(c, site: Path, pages: list[str], target: Path) -> None:
    """Pagefind over a folder of hard links to ``pages`` (copies where links cannot be made), so
    the part's URLs are the site's, written to ``target``."""
    import tempfile

    with tempfile.TemporaryDirectory(dir=site.parent, prefix=".search-part-") as tmp:
        for rel in pages:
            link = Path(tmp) / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, link)
            except OSError:
                shutil.copyfile(site / rel, link)
        _pagefind(c, Path(tmp), target.resolve())


def _keep(source: Path, kept: Path) -> None:
    """Copy an index folder into the cache, atomically."""
    shutil.rmtree(kept, ignore_errors=True)
    tmp = kept.with_name(f".{kept.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(source, tmp)
    tmp.rename(kept)


def _index_in_parts(c, site: Path, pages: list[tuple[str, str]], kept: Path | None) -> list[str]:
    """The pages' index in parts: the first into SITE/pagefind/, each other into SITE/pagefind/part-N/,
    each copied from the cache (``kept``) when its pages are the bytes it was built from. Returns
    the other parts' folders."""
    from importlib.metadata import version

    count = -(-len(pages) // _search_part())
    buckets: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    for rel, digest in pages:
        buckets[int(hashlib.sha256(rel.encode()).hexdigest()[:8], 16) % count].append((rel, digest))
    names, used = [], set()
    for n, bucket in enumerate(buckets):
        if not bucket:
            continue
        primary = not used  # the first part is the bundle the search page loads; it merges the others
        target = site / "pagefind" if primary else site / "pagefind" / f"part-{n}"
        h = hashlib.sha256(f"pagefind {version('pagefind')} part {n} of {count}".encode())
        for rel, digest in bucket:
            h.update(f"{rel}\0{digest}\0".encode())
        key = h.hexdigest()
        if kept and (kept / key).is_dir():
            shutil.copytree(kept / key, target)
        else:
            _index_part(c, site, [rel for rel, _ in bucket], target)
            if kept:
                _keep(target, kept / key)
        if not primary:
            names.append(f"part-{n}/")
        used.add(key)
    if kept:
        for old in kept.iterdir():
            if old.name not in used:
                shutil.rmtree(old, ignore_errors=True)
    return names


def search_index(c, site, cache: str | None = None) -> None:
    """Pagefind's index of the story bodies, written to SITE/pagefind/ (offline, no server needed),
    in parts when the archive is large (SITE/pagefind/parts.json lists the others for the search page).

    The index depends on the site's pages alone: when they are the bytes the last index was built
    from (kept under CACHE/pagefind/), that index (or that part of it) is copied instead of built again."""
    try:
        import pagefind  # noqa: F401 - only to know whether it is installed
    except ImportError:
        print("warning: Pagefind is not installed; the site has no search index (pip install 'pagefind[bin]')",
              file=sys.stderr)
        return
    site = Path(site)
    kept = Path(cache) / "pagefind" if cache else None
    digest, pages = _site_pages(site)
    others: list[str] = []
    if len(pages) > _search_part():
        if kept:
            for old in kept.glob("*"):
                if old.name != "parts":
                    shutil.rmtree(old, ignore_errors=True)  # a whole index kept from a smaller archive
            (kept / "parts").mkdir(parents=True, exist_ok=True)
        others = _index_in_parts(c, site, pages, kept / "parts" if kept else None)
    elif kept and (kept / digest).is_dir():
        shutil.copytree(kept / digest, site / "pagefind")
    else:
        _pagefind(c, site)
        if kept:
            for old in kept.glob("*"):
                shutil.rmtree(old, ignore_errors=True)  # one whole index is kept: the latest
            _keep(site / "pagefind", kept / digest)
    (site / "pagefind" / "parts.json").write_text(json.dumps({"bundles": others}) + "\n", "utf-8")


@task
def rebuild(c):
    """Clean, then build."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Rebuild whenever content, theme or settings change."""
    pelican_run(c, f"-r -s {shlex.quote(CONFIG['settings_base'])}")


@task
def serve(c, host=None, port=None, output=None):
    """Serve the built site on the loopback address (default 127.0.0.1:8000)."""
    host = host or CONFIG["host"]
    port = int(port or CONFIG["port"])
    out = f" -o {shlex.quote(output)}" if output else ""
    pelican_run(c, f"-l -s {shlex.quote(CONFIG['settings_base'])} -b {host} -p {port}{out}")


@task
def reserve(c):
    """Build, then serve."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build with the publish settings (absolute URLs, feeds), then the search index."""
    pelican_run(c, f"-s {shlex.quote(CONFIG['settings_publish'])}")
    search_index(c, CONFIG["deploy_path"])


@task
def livereload(c, host=None, port=None):
    """Serve with automatic reload when captures, pages, the theme, plugins or settings change."""
    from livereload import Server
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(CONFIG["settings_base"])
    pelican = Pelican(settings)

    def cached_build():
        pelican.run()

    cached_build()
    server = Server()
    content = settings["PATH"]
    for pattern in ("**/*.txt", "**/*.text", "**/*.html", "**/*.htm", "**/*.md"):
        server.watch(f"{content}/{pattern}", cached_build)
    for folder in (settings["THEME"], "plugins", "recension"):
        server.watch(f"{folder}/**/*", cached_build)
    server.watch(CONFIG["settings_base"], cached_build)
    server.serve(host=host or CONFIG["host"], port=int(port or CONFIG["port"]), root=settings["OUTPUT_PATH"])


def _write(out: str, data: dict) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


@task(help={"src": "folder of captures (walked recursively)", "out": "JSON file to write",
            "explain": "list every removed line and every repair with its reason"})
def extract(c, src, out, explain=False):
    """Ingest every capture under SRC; write the extract JSON (the evaluation contract)."""
    from recension.cache import collect_less
    from recension.results import extract_result

    collect_less()
    result = extract_result(Path(src), explain=explain)
    _write(out, result)
    for f in result["failures"]:
        print(f"warning: {f['path']}: {f['reason']}", file=sys.stderr)
    if explain:
        from recension.explain import print_explanations

        print_explanations(result)
    print(f"{len(result['captures'])} captures → {out}")


@task(help={"src": "folder of captures (walked recursively)", "out": "JSON file to write",
            "lexicon": "spin lexicon file to start from and update (default: none, learn from SRC alone)"})
def collate(c, src, out, lexicon=None):
    """Collate every capture under SRC into stories; write the collate JSON."""
    from recension.cache import collect_less
    from recension.results import collate_result

    collect_less()
    result = collate_result(Path(src), Path(lexicon) if lexicon else None)
    _write(out, result)
    for f in result["failures"]:
        print(f"warning: {f['path']}: {f['reason']}", file=sys.stderr)
    print(f"{len(result['stories'])} stories → {out}")


@task(help={"corpus": "corpus root (default ../shared/corpus)", "out": "folder for results"})
def eval(c, corpus=None, out="eval-out"):  # noqa: A001 - the task's name is the user's word
    """Score extract and collate on every corpus found; print one table."""
    from recension.evaluate import run_eval

    run_eval(Path(corpus) if corpus else CORPUS, SCORER, Path(out))


@task(help={"captures": "captures to generate (half as many stories; default 2000)",
            "runs": "runs per measurement, medians reported (default 3)",
            "group_scale": "also time grouping alone on this many synthetic bodies (e.g. 100000)",
            "keep": "folder to generate into and keep (default: a temporary one)"})
def bench(c, captures=2000, runs=3, group_scale=0, keep=None):
    """Time invoke build against plain Pelican on the same stories: cold, warm, one capture added."""
    from bench.run import main

    print(main(int(captures), int(runs), CORPUS if CORPUS.is_dir() else None, int(group_scale),
               Path(keep) if keep else None))
