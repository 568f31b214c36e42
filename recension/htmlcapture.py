"""Saved HTML pages: the article text and metadata via trafilatura, then our line rules."""

from __future__ import annotations

from datetime import UTC, datetime

from .decode import decode_bytes
from .model import Capture, CaptureError, Change, Meta
from .textcapture import classify
from .titles import strip_site_suffix


def read_html(data: bytes, path: str, folder_source: str | None = None, mtime: float | None = None) -> Capture:
    """Ingest one HTML capture. Raises CaptureError when no article can be found."""
    import trafilatura

    html, encoding, changes = decode_bytes(data)
    doc = trafilatura.bare_extraction(html, include_comments=False, favor_precision=True, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        raise CaptureError("no article found in the HTML page")
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    meta: dict[str, Meta] = {}
    for key, attr in (("title", "title"), ("source", "sitename"), ("byline", "author"), ("url", "url"),
                      ("date", "date"), ("lang", "language"), ("summary", "description")):
        value = getattr(doc, attr, None)
        if value:
            meta[key] = Meta(str(value), "page")
    lines, inferred, more = classify(paragraphs + [""])
    # Trafilatura already chose the article's blocks; keep them unless our rules name them chrome.
    for ln in lines:
        if ln.role == "chrome" and not ln.reason.startswith("known boilerplate"):
            ln.role, ln.reason = "body", "article block chosen by the HTML extractor"
        if ln.role in ("title", "masthead", "date", "byline") and "title" in meta:
            ln.role, ln.reason = "body", "article block chosen by the HTML extractor"
    for k, v in inferred.items():
        meta.setdefault(k, v)
    if "title" in meta and meta["title"].origin == "page":
        meta["title"] = Meta(strip_site_suffix(meta["title"].value, meta.get("source", Meta("", "")).value),
                             "page")
    if "source" not in meta and folder_source:
        meta["source"] = Meta(folder_source, "folder")
    if "date" not in meta and mtime is not None:
        stamp = datetime.fromtimestamp(mtime, tz=UTC).replace(tzinfo=None, microsecond=0)
        meta["date"] = Meta(stamp.isoformat(), "file-mtime")
    changes += more
    for ln in lines:
        if not ln.kept:
            changes.append(Change("chrome", ln.role, ln.reason, before=ln.text[:300], line=ln.number))
    return Capture(path=path, format="html", meta=meta, lines=lines, changes=changes, encoding=encoding,
                   raw_bytes=len(data))
