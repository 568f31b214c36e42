"""The built site in a real browser (headless Chromium driven by Playwright), as a reader uses it.

Needs Debian's ``chromium`` and the ``playwright`` package. Without them these tests skip with a
message, except in CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed"
    else:
        reason = "" if os.path.exists(CHROMIUM) else "Debian's chromium is not installed (apt-get install chromium)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")


def _build_and_serve(tmp_path_factory, content: Path | None = None, env: dict | None = None):
    """Build a site with its search index by ``invoke build`` and serve it by ``invoke serve``;
    yields (base URL, site folder)."""
    _need_browser()
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "RECENSION_SPIN_LEXICON": str(tmp_path_factory.mktemp("lex") / "lexicon.json"), **(env or {})}
    build = [sys.executable, "-m", "invoke", "build", "--output", str(out)]
    if content is not None:
        build += ["--content", str(content)]
    proc = subprocess.run(build, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "--port", str(port), "--output", str(out)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                os.killpg(server.pid, signal.SIGTERM)
                pytest.fail("invoke serve did not start")
            time.sleep(0.2)
    yield base, out
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample site, built with its search index by ``invoke build`` and served by ``invoke serve``."""
    yield from _build_and_serve(tmp_path_factory)


@pytest.fixture(scope="module")
def served_in_parts(tmp_path_factory):
    """A generated archive of a few stories whose search index is built in parts of one page each."""
    from bench.generate import generate

    content = tmp_path_factory.mktemp("content")
    generate(content, captures=6, corpus=None)
    shutil.rmtree(content / "markdown")
    yield from _build_and_serve(tmp_path_factory, content, {"RECENSION_SEARCH_PART": "1"})


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _guarded_page(browser, base: str):
    """A page that records console errors and every request to another host (and blocks it)."""
    host = urlparse(base).netloc
    pg = browser.new_page()
    pg.errors, pg.outside = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def guard(route):
        url = route.request.url
        if urlparse(url).netloc != host and not url.startswith(("data:", "blob:")):
            pg.outside.append(url)
            return route.abort()
        return route.continue_()

    pg.route("**/*", guard)
    return pg


@pytest.fixture()
def page(browser, served):
    pg = _guarded_page(browser, served[0])
    yield pg
    pg.close()


def _story_url(out: Path) -> str:
    pages = sorted(out.glob("stories/*/index.html"))
    assert len(pages) == 1
    return "/" + pages[0].parent.relative_to(out).as_posix() + "/"


def test_home_lists_the_sample_story(page, served):
    base, out = served
    page.goto(base + "/")
    links = page.locator("ol.stories h2 a")
    assert links.count() == 1
    assert "facial recognition" in links.first.inner_text().lower()
    links.first.click()
    page.wait_for_load_state()
    assert page.url.endswith(_story_url(out))
    assert not page.errors and not page.outside


def test_story_shows_notes_and_switches_versions(page, served):
    base, out = served
    page.goto(base + _story_url(out))
    assert page.locator("section.notes h2").inner_text() == "Source notes"
    assert page.locator("section.notes ol.sources > li").count() == 2
    select = page.locator("#version-select")
    assert select.is_visible()
    first, second = page.locator(".versions .version").nth(0), page.locator(".versions .version").nth(1)
    assert first.is_visible() and not second.is_visible()
    select.select_option(index=1)
    assert second.is_visible() and not first.is_visible()
    assert second.locator("ins, del, mark").count() > 0  # the differences are marked
    assert not page.errors and not page.outside


def test_search_finds_the_story_by_a_word_of_its_body(page, served):
    base, out = served
    page.goto(base + "/search/")
    box = page.locator("#search input")
    box.wait_for(timeout=10_000)
    box.fill("Megvii")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10_000)
    assert result.get_attribute("href").rstrip("/").endswith(_story_url(out).rstrip("/"))
    assert not page.errors and not page.outside


def test_search_finds_a_story_in_the_last_part_of_a_parted_index(browser, served_in_parts):
    import gzip
    import json
    import re

    base, out = served_in_parts
    bundles = json.loads((out / "pagefind" / "parts.json").read_text("utf-8"))["bundles"]
    assert bundles  # a few story pages in parts of one page: more than one part

    def texts(bundle: Path) -> list[dict]:
        files = sorted((bundle / "fragment").glob("*.pf_fragment"))
        raw = [gzip.decompress(p.read_bytes()).decode("utf-8") for p in files]
        return [json.loads(r[r.index("{"):]) for r in raw]  # after Pagefind's signature

    last = texts(out / "pagefind" / bundles[-1])[0]
    others = " ".join(f["content"] for b in ["", *bundles] for f in texts(out / "pagefind" / b) if f != last).lower()
    word = next(w for w in re.findall(r"[a-z]{7,}", last["content"].lower()) if w not in others)
    pg = _guarded_page(browser, base)
    try:
        pg.goto(base + "/search/")
        box = pg.locator("#search input")
        box.wait_for(timeout=10_000)
        box.fill(word)
        result = pg.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=10_000)
        assert result.get_attribute("href").rstrip("/").endswith(last["url"].rstrip("/"))
        assert not pg.errors and not pg.outside
    finally:
        pg.close()


@pytest.mark.parametrize("where", ["/", "story", "/sources/", "source", "/search/", "/archives/"])
def test_no_serious_accessibility_violation(page, served, where):
    from axe_playwright_python.sync_playwright import Axe

    base, out = served
    if where == "story":
        where = _story_url(out)
    elif where == "source":
        where = "/" + sorted(out.glob("sources/*/index.html"))[0].parent.relative_to(out).as_posix() + "/"
    page.goto(base + where)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not page.errors and not page.outside


def test_narrow_screen_needs_no_sideways_scrolling(browser, served):
    base, out = served
    pg = browser.new_page(viewport={"width": 360, "height": 740})
    for where in ["/", _story_url(out), "/sources/"]:
        pg.goto(base + where)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360, where
    pg.close()


def test_keyboard_reaches_the_skip_link_and_the_version_picker(page, served):
    base, out = served
    page.goto(base + _story_url(out))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main", timeout=5_000)  # following the link takes a moment
    assert page.url.endswith("#main")
    page.focus("#version-select")
    page.keyboard.press("ArrowDown")
    assert page.locator(".versions .version").nth(1).is_visible()
