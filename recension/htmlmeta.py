"""Metadata of a saved page from its markup, each value with the tag it came from.

Order of trust per field: JSON-LD and Open Graph (what the publisher declares for sharing), then
other meta tags, then the document itself (``<h1>``, ``<time>``, ``<title>``, ``<html lang>``).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator

from lxml import html as lxml_html

from .model import Meta
from .titles import strip_site_suffix

_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


def _jsonld(tree) -> Iterator[dict]:
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if "@graph" in item and isinstance(item["@graph"], list):
                    stack.extend(item["@graph"])
                yield item


def _name(value) -> str:
    if isinstance(value, list):
        return ", ".join(n for v in value if (n := _name(v)))
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return str(value or "")


def _meta(tree, *names: str) -> tuple[str, str] | None:
    for n in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[@{attr}="{n}"]/@content')
            if found and found[0].strip():
                return found[0].strip(), f"meta {n}"
    return None


def page_metadata(html: str) -> dict[str, Meta]:
    """Title, byline, date, source, url, summary, lang found in the page's markup."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return {}
    out: dict[str, Meta] = {}

    def put(key: str, value: str | None, origin: str) -> None:
        # Publishers escape twice ("&amp;#163;" in the markup leaves "&#163;" in the value).
        value = " ".join(_ENTITY.sub(lambda m: html_lib.unescape(m.group(0)), value or "").split())
        if value and key not in out:
            out[key] = Meta(value[:500], origin)

    og = _meta(tree, "og:title", "twitter:title")
    if og:
        put("title", *og)
    h1 = tree.xpath("//h1")
    if h1:
        put("title", h1[0].text_content(), "h1")
    articles = [d for d in _jsonld(tree) if "headline" in d or "datePublished" in d]
    for d in articles[:1]:
        put("title", _name(d.get("headline")), "JSON-LD headline")
        put("byline", _name(d.get("author")), "JSON-LD author")
        put("date", _name(d.get("datePublished")), "JSON-LD datePublished")
        put("source", _name(d.get("publisher")), "JSON-LD publisher")
        put("summary", _name(d.get("description")), "JSON-LD description")
    for key, names in (("byline", ("author", "article:author", "byl")),
                       ("date", ("article:published_time", "datePublished", "date", "pubdate", "publishdate")),
                       ("source", ("og:site_name", "application-name")), ("url", ("og:url",)),
                       ("summary", ("og:description", "description"))):
        hit = _meta(tree, *names)
        if hit:
            put(key, *hit)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical:
        put("url", canonical[0], "link canonical")
    times = tree.xpath("//time/@datetime")
    if times:
        put("date", times[0], "time datetime")
    title = tree.xpath("//title")
    if title:
        put("title", strip_site_suffix(title[0].text_content(), out.get("source", Meta("", "")).value), "title")
    lang = tree.xpath("/html/@lang")
    if lang:
        put("lang", lang[0], "html lang")
    if "title" in out and out["title"].origin != "title":
        out["title"] = Meta(strip_site_suffix(out["title"].value, out.get("source", Meta("", "")).value),
                            out["title"].origin)
    return out
