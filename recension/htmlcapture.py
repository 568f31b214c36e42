"""Saved HTML pages: the article's blocks via trafilatura (structure kept), metadata from the markup,
then the same line rules and site templates as plain text.

Links become plain text and images are dropped: nothing in the output points at another host.
"""

from __future__ import annotations

from lxml import etree

from .decode import decode_bytes
from .header import split_header
from .htmlmeta import page_metadata
from .model import Capture, CaptureError, Change, Meta
from .textcapture import build
from .titles import strip_site_suffix

LAYOUT_CELL_WORDS = 60  # a table cell this long holds running text: the table is layout, not data
PARSER_DEPTH = 255  # libxml2 stops nesting here; content deeper than this is out of reach


def too_deep(html: str) -> bool:
    """True when the markup reaches the parser's nesting limit (the article may be beyond it)."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return False
    deepest = 0
    for el in tree.iter():
        depth = sum(1 for _ in el.iterancestors())
        if depth > deepest:
            deepest = depth
            if deepest >= PARSER_DEPTH - 1:
                return True
    return False


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def blocks(xml: str) -> list[tuple[str, str]]:
    """(kind, text) blocks from trafilatura's XML: headings, paragraphs, list items, quotes, table rows."""
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=False))
    main = root.find("main") if root.find("main") is not None else root
    out: list[tuple[str, str]] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            out.append(("h", _text(el)))
        elif tag == "p":
            out.append(("p", _text(el)))
        elif tag == "item":
            out.append(("li", _text(el)))
        elif tag == "quote":
            inner = [c for c in el if isinstance(c.tag, str)]
            if inner:
                for c in inner:
                    out.append(("quote", _text(c)))
            else:
                out.append(("quote", _text(el)))
        elif tag == "row":
            cells = [_text(c) for c in el if isinstance(c.tag, str)]
            if any(len(c.split()) > LAYOUT_CELL_WORDS for c in cells):
                out.extend(("p", c) for c in cells if c)  # a layout table: its cells are the text
            else:
                out.append(("row", " | ".join(c for c in cells)))
        else:
            children = [c for c in el if isinstance(c.tag, str)]
            if el.text and el.text.strip() and not children:
                out.append(("p", _text(el)))
            for c in children:
                walk(c)
                if c.tail and c.tail.strip():
                    out.append(("p", " ".join(c.tail.split())))

    if main.text and main.text.strip():
        out.append(("p", " ".join(main.text.split())))
    for child in main:
        walk(child)
        if child.tail and child.tail.strip():
            out.append(("p", " ".join(child.tail.split())))
    return [(k, t) for k, t in out if t]


SHORT = 100  # words: a precise extraction this short has probably found a notice, not the article


def article_blocks(html: str) -> list[tuple[str, str]]:
    """The article's blocks: trafilatura favouring precision (our own rules remove what it lets
    through); when that finds almost nothing, its balanced setting, if that finds much more."""
    import trafilatura

    options = dict(output_format="xml", include_comments=False, include_formatting=True, include_tables=True,
                   include_images=False, include_links=False, with_metadata=False)

    def run(**favour) -> tuple[list[tuple[str, str]], int]:
        xml = trafilatura.extract(html, **favour, **options)
        found = blocks(xml) if xml else []
        return found, sum(len(t.split()) for _, t in found)

    found, size = run(favor_precision=True)
    if size < SHORT:
        wider, wider_size = run()
        if wider_size >= 2 * max(size, 1):
            return wider
    return found


def read_html(data: bytes, path: str, folder_source: str | None = None, mtime: float | None = None,
              sidecar: dict[str, str] | None = None) -> Capture:
    """Ingest one HTML capture. Raises CaptureError when no article can be found."""
    import trafilatura

    html, encoding, changes = decode_bytes(data)
    header, html, _ = split_header(html)
    header = {**header, **(sidecar or {})}
    if "<" not in html:
        raise CaptureError("not an HTML page (no markup)")
    found = article_blocks(html)
    if not found:
        if too_deep(html):
            raise CaptureError(f"markup nested {PARSER_DEPTH}+ levels deep; no article found within reach")
        raise CaptureError("no article found in the HTML page")
    page = page_metadata(html)
    if not {"title", "source", "date"} <= set(page):
        doc = trafilatura.bare_extraction(html, with_metadata=True, only_with_metadata=False, fast=True)
        for key, attr in (("title", "title"), ("source", "sitename"), ("byline", "author"), ("date", "date"),
                          ("url", "url"), ("lang", "language"), ("summary", "description")):
            value = getattr(doc, attr, None) if doc is not None else None
            if value and key not in page:
                page[key] = Meta(str(value), "trafilatura metadata")
    if "title" in page:
        page["title"] = Meta(strip_site_suffix(page["title"].value, page.get("source", Meta("", "")).value),
                             page["title"].origin)
    if header:
        changes = changes + [Change("header", "metadata", f"header or sidecar set {', '.join(sorted(header))}")]
    cap = Capture(path=path, format="html", encoding=encoding, raw_bytes=len(data),
                  text=[t for _, t in found] + [""], kinds=[k for k, _ in found] + ["p"], page_meta=page,
                  header=header, folder_source=folder_source, mtime=mtime, changes=changes)
    return build(cap)
