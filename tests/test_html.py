"""Saved HTML pages as captures: structure, metadata with origins, overrides, sanitising, bad input.

The pages in tests/cases/html were written for these tests (invented site and story).
"""

from __future__ import annotations

import re

import pytest
from conftest import CASES

from recension.collate import collate
from recension.ingest import read_capture
from recension.model import CaptureError
from recension.render import story_html

PAGES = CASES / "html"


def _page(name: str, sidecar: bytes | None = None):
    return read_capture((PAGES / name).read_bytes(), name, 0.0, sidecar)


def test_structure_is_kept():
    cap = _page("article.html")
    kinds = [b.kind for b in cap.blocks]
    assert {"p", "h", "li", "quote", "row"} <= set(kinds)
    items = [b.text for b in cap.blocks if b.kind == "li"]
    assert items == ["A steel deck rated for 44-tonne lorries", "Two footpaths and a protected cycle lane",
                     "Lighting that dims when the crossing is empty"]
    assert [b.text for b in cap.blocks if b.kind == "row"][1] == "2019 | 11,200"
    assert cap.blocks[0].kind == "p"  # the repeated headline is the title, not body


def test_chrome_of_the_page_is_gone():
    body = _page("article.html").body
    for chrome in ("Home", "Most read", "Council approves new budget", "© 2024 The Valley Courier", "tracking"):
        assert chrome not in body


def test_metadata_with_origins():
    cap = _page("article.html")
    expect = {
        "title": ("Old river bridge reopens after two-year repair", "meta og:title"),
        "byline": ("Sara Lindqvist", "JSON-LD author"),
        "source": ("The Valley Courier", "JSON-LD publisher"),
        "url": ("https://courier.example/news/bridge-reopens", "link canonical"),
        "lang": ("en-GB", "html lang"),
        "summary": ("Traffic returns to the river crossing on Monday.", "meta description"),
    }
    for key, (value, origin) in expect.items():
        assert (cap.meta[key].value, cap.meta[key].origin) == (value, origin), key
    assert cap.meta["date"].value.startswith("2024-05-06")


def test_sidecar_and_header_override_the_markup():
    cap = _page("article.html", sidecar=b"Title: Bridge is back\nSource: Courier Weekly\n")
    assert (cap.title, cap.source) == ("Bridge is back", "Courier Weekly")
    assert cap.meta["title"].origin == "header"
    data = b"Date: 2024-05-07\n\n" + (PAGES / "article.html").read_bytes()
    assert read_capture(data, "x.html", 0.0).meta["date"].value == "2024-05-07"


def test_nothing_active_survives_to_the_page():
    html = story_html(collate([_page("article.html")])[0])
    low = html.lower()
    for bad in ("<script", "<style", "<iframe", "<svg", "<img", "<object", "javascript:", "data:", "onerror",
                "onload", "href=", "src="):
        assert bad not in low, bad
    assert "<ul>" in html and "<table>" in html and "<blockquote>" in html
    assert "Click here to report a fault" in html  # the link's words stay, as plain text


@pytest.mark.parametrize("name,reason", [
    ("deep.html", "nested"),
    ("no-article.html", "no article"),
])
def test_bad_pages_get_a_reason(name, reason):
    with pytest.raises(CaptureError, match=reason):
        _page(name)


def test_truncated_page_keeps_what_it_has():
    cap = _page("truncated.html")
    assert cap.title == "Storm closes coastal road"
    assert len(re.findall(r"coastal road between the two harbours", cap.body)) == 3


def test_wrong_charset_declaration_is_ignored_for_the_bytes():
    cap = _page("wrong-charset.html")
    assert "cafés said the “new” rules — first announced in March — would cost each of them about €300" in cap.body
