"""The hostile corpus (tests/hostile.py) through a whole build: everything good is used, each bad
capture is reported once, nothing runs in a browser, nothing is lost, and a failed build leaves the
previous site intact."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT
from hostile import make_hostile
from test_browser import ARGS, CHROMIUM, _need_browser

INVOKE = [sys.executable, "-m", "invoke"]


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(content: Path, out: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([*INVOKE, "build", "--content", str(content), "--output", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900, env=env)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    expect = make_hostile(content / "captures")
    before = _digests(content)
    out = root / "site"
    proc = _build(content, out, {"RECENSION_SPIN_LEXICON": str(root / "lexicon.json")})
    return {"content": content, "expect": expect, "before": before, "out": out, "proc": proc}


def test_the_build_succeeds_and_reports_each_bad_capture_once(hostile):
    proc, expect = hostile["proc"], hostile["expect"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    log = proc.stdout + proc.stderr
    report = json.loads((hostile["out"] / "report.json").read_text("utf-8"))
    failed = {f["path"].split("captures/", 1)[1]: f["reason"] for f in report["failures"]}
    for name, what in expect.items():
        if what == "bad":
            assert name in failed, name
        if what == "good":
            assert name not in failed, (name, failed.get(name))
    warnings = [ln for ln in log.splitlines() if "skipped:" in ln]
    assert len(warnings) == len(failed)
    for name in failed:
        assert sum(1 for ln in warnings if name in ln) == 1, name
        assert failed[name]
    assert re.search(r"Recension: \d+ captures? → \d+ stor(y|ies); \d+ captures? not used", proc.stdout)


def test_every_good_capture_is_in_a_story(hostile):
    pages = sorted(hostile["out"].glob("stories/*/index.html"))
    text = "\n".join(p.read_text("utf-8") for p in pages)
    for town in ["Juniper", "Oakhurst", "Penrith", "Kestrel", "Larkfield", "Marlow"]:
        assert town in text, town
    titles = [re.search(r"<h1>(.*?)</h1>", p.read_text("utf-8")).group(1) for p in pages]
    assert titles.count("Council decides") == 2  # two stories, one title: two pages
    dup = [p for p in pages if "Marlow" in p.read_text("utf-8")]
    assert len(dup) == 1  # identical captures are one story


def test_raw_captures_are_untouched_and_all_reachable(hostile):
    assert _digests(hostile["content"]) == hostile["before"]
    out = hostile["out"]
    linked = set()
    for page in out.rglob("*.html"):
        for url in re.findall(r'href="([^"]+)"', page.read_text("utf-8")):
            if "raw/" in url:
                linked.add((page.parent / urllib.parse.unquote(url)).resolve())
    for name in hostile["expect"]:
        raw = out / "raw" / (name if name.endswith(".txt") else name + ".txt")
        assert raw.is_file() and raw.resolve() in linked, name
        assert raw.read_bytes() == (hostile["content"] / "captures" / name).read_bytes()


class _Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


FORBIDDEN = {"iframe", "object", "embed", "svg", "math", "img", "base", "form", "input", "frame", "frameset",
             "style", "applet"}


def test_no_markup_from_a_capture_reaches_a_page(hostile):
    out = hostile["out"]
    for page in out.rglob("*.html"):
        if "pagefind" in page.relative_to(out).parts:
            continue
        parser = _Elements()
        parser.feed(page.read_text("utf-8"))
        for tag, attrs in parser.found:
            assert tag not in FORBIDDEN, (page, tag)
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for k in ("href", "src", "action", "content"):
                value = re.sub(r"\s", "", attrs.get(k, "")).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page, tag, attrs)
            if tag == "meta":
                assert attrs.get("http-equiv", "").lower() != "refresh", page
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" or re.fullmatch(
                    r"[./]*(theme/js|pagefind)/[\w.-]+\.js", attrs.get("src", "")), (page, attrs)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_no_payload_runs_in_a_browser(hostile):
    _need_browser()
    from playwright.sync_api import sync_playwright

    out = hostile["out"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = [p for p in sorted(out.rglob("*.html")) if "pagefind" not in p.relative_to(out).parts]
    outside, dialogs = [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pg = browser.new_page()
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            pg.route("**/*", lambda r: (outside.append(r.request.url), r.abort())
                     if not r.request.url.startswith(base) else r.continue_())
            for page in pages:
                url = base + "/" + urllib.parse.quote(page.relative_to(out).as_posix())
                pg.goto(url)
                pg.wait_for_timeout(50)
                assert pg.evaluate("typeof window.__pwned") == "undefined", page
                for link in pg.locator("a").all()[:200]:
                    href = link.get_attribute("href") or ""
                    assert not href.lower().strip().startswith(("javascript:", "data:")), (page, href)
            browser.close()
    finally:
        server.shutdown()
    assert not dialogs and not outside, (dialogs, outside)


def test_a_failed_build_leaves_the_previous_site(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    for p in (ROOT / "content" / "captures").glob("*.txt"):
        (content / "captures" / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "site"
    lexicon = {"RECENSION_SPIN_LEXICON": str(tmp_path / "lexicon.json")}
    assert _build(content, out, lexicon).returncode == 0
    before = _digests(out)
    # A page asking for a template the theme does not have makes Pelican fail part way through.
    (content / "pages").mkdir()
    (content / "pages" / "broken.md").write_text("Title: Broken\nTemplate: no-such-template\n\nText.\n")
    proc = _build(content, out, lexicon)
    assert proc.returncode != 0
    assert "left as it was" in proc.stderr
    assert _digests(out) == before
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir())


def test_invoke_check_reports_without_building(hostile, tmp_path):
    proc = subprocess.run([*INVOKE, "check", "--content", str(hostile["content"])], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    bad = [n for n, what in hostile["expect"].items() if what == "bad"]
    for name in bad:
        assert sum(1 for ln in proc.stdout.splitlines() if ln.startswith(name + ":")) == 1, name
    assert re.search(r"Recension: \d+ captures checked; \d+ usable, \d+ not usable", proc.stdout)
