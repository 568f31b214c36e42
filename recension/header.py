"""The optional ``Key: value`` header at the top of a capture (Pelican's metadata style)."""

from __future__ import annotations

import re

# Keys a capture header may set. Other keys inside a header are ignored; a block of "Key: value"
# lines with none of these is not a header (so "Paywall: off" stays text for the chrome rules).
KEYS = {"title", "source", "url", "date", "author", "authors", "tags", "lang", "category", "slug", "summary",
        "byline", "attribution"}
_KEY = re.compile(r"^([A-Za-z][A-Za-z_-]{0,20}):\s*(.*)$")


def split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Return (metadata, rest of the text, number of header lines consumed)."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines):
        m = _KEY.match(lines[i].strip())
        if not m or not m.group(2).strip():
            break
        key = m.group(1).lower()
        if key in KEYS:
            meta["author" if key in ("authors", "byline") else key] = m.group(2).strip()
        i += 1
    if not meta or (i < len(lines) and lines[i].strip()):
        return {}, text, 0  # a header must end with a blank line (or the file)
    return meta, "\n".join(lines[i:]), i
