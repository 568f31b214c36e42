"""Saved HTML pages: the article text and metadata via trafilatura, then our line rules."""

from __future__ import annotations

from .decode import decode_bytes
from .model import Capture, CaptureError
from .textcapture import build
from .titles import strip_site_suffix


def read_html(data: bytes, path: str, folder_source: str | None = None, mtime: float | None = None) -> Capture:
    """Ingest one HTML capture. Raises CaptureError when no article can be found."""
    import trafilatura

    html, encoding, changes = decode_bytes(data)
    doc = trafilatura.bare_extraction(html, include_comments=False, favor_precision=True, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        raise CaptureError("no article found in the HTML page")
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    page: dict[str, str] = {}
    for key, attr in (("title", "title"), ("source", "sitename"), ("byline", "author"), ("url", "url"),
                      ("date", "date"), ("lang", "language"), ("summary", "description")):
        value = getattr(doc, attr, None)
        if value:
            page[key] = str(value)
    if "title" in page:
        page["title"] = strip_site_suffix(page["title"], page.get("source", ""))
    cap = Capture(path=path, format="html", encoding=encoding, raw_bytes=len(data), text=paragraphs + [""],
                  page_meta=page, folder_source=folder_source, mtime=mtime, changes=changes)
    return build(cap)
