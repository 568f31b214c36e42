"""Bytes to text: BOMs, UTF-16 without BOM, UTF-8, then a detector for legacy code pages."""

from __future__ import annotations

import codecs
import re

from .model import CaptureError, Change

MAX_BYTES = 10 * 1024 * 1024  # larger captures are refused: no article is 10 MB of text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text shows NULs in every other byte; return the codec if the pattern is clear."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


# Characters that Western text in cp1252 decodes to: Latin-1 letters and typographic punctuation.
_WESTERN = set("‘’“”–—…€•™©®°£¥§«»·×÷¡¿") | {chr(c) for c in range(0xC0, 0x100)}


def _legacy_encoding(data: bytes) -> tuple[str, str]:
    """A single-byte code page for non-UTF-8 bytes: cp1252 when it reads as Western text, else the detector's."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        high = [ch for ch in western if ord(ch) > 127]
        if high and sum(ch in _WESTERN for ch in high) / len(high) >= 0.9:
            return "cp1252", "its bytes read as Western text (curly quotes, dashes, accented letters) in cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is None:
        return "cp1252", "no detector match; cp1252 assumed"
    return best.encoding, f"charset-normalizer chose {best.encoding}"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # control characters but tab, newline, form feed, CR


def looks_binary(text: str) -> bool:
    """Control characters (other than whitespace) in quantity mean this is not text."""
    if not text:
        return False
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) > 0.02


def decode_bytes(data: bytes) -> tuple[str, str, list[Change]]:
    """Return (text, encoding, changes); raise CaptureError when the bytes are not text."""
    if len(data) > MAX_BYTES:
        mb = 1024 * 1024
        raise CaptureError(f"capture is {len(data) // mb} MB, over the {MAX_BYTES // mb} MB limit")
    if not data.strip():
        raise CaptureError("capture is empty")
    changes: list[Change] = []
    encoding = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = codec
            data = data[len(bom) :]
            changes.append(Change("decode", "bom", f"byte-order mark says {codec}", before=bom.hex()))
            break
    if encoding is None:
        encoding = _utf16_without_bom(data)
        if encoding:
            changes.append(Change("decode", "encoding", f"NUL byte pattern shows {encoding} without a BOM"))
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = None
        if text is None:
            encoding, why = _legacy_encoding(data)
            changes.append(Change("decode", "encoding", f"not valid UTF-8; {why}"))
    else:
        text = None
    if text is None:
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text or looks_binary(text):
        raise CaptureError("capture is binary data, not text (control bytes found)")
    return text, encoding, changes
