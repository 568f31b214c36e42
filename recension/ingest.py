"""Ingest entry point: any capture file's bytes → a Capture (dispatch by format)."""

from __future__ import annotations

from pathlib import Path

from .model import Capture, CaptureError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


CAPTURE_FOLDER = "captures"  # content/captures/…: the files read as captures


def in_captures(rel_path: str) -> str:
    """A content-relative path as it reads inside the captures folder (what notes, reports and the
    raw copies name)."""
    parts = Path(rel_path).parts
    return Path(*parts[parts.index(CAPTURE_FOLDER) + 1 :]).as_posix() if CAPTURE_FOLDER in parts else rel_path


def folder_source(rel_path: str) -> str | None:
    """The source named by the capture's folder (``captures/<source>/file``), if any."""
    parts = Path(rel_path).parts
    if len(parts) >= 2 and parts[-2] not in ("captures", ".", ""):
        return parts[-2]
    return None


SIDECAR = ".meta"  # "page.html.meta": Key: value lines that override what a capture's markup says


def parse_sidecar(data: bytes | None) -> dict[str, str]:
    """The ``Key: value`` lines of a sidecar file (same keys as a capture header)."""
    from .header import split_header

    if not data:
        return {}
    meta, _, _ = split_header(data.decode("utf-8", errors="replace").strip() + "\n")
    return meta


def read_capture(data: bytes, rel_path: str, mtime: float | None = None, sidecar: bytes | None = None) -> Capture:
    """Ingest one capture (and its optional sidecar). Raises CaptureError with a reason for unusable input."""
    suffix = Path(rel_path).suffix.lower()
    try:
        if suffix in HTML_SUFFIXES:
            from .htmlcapture import read_html

            return read_html(data, rel_path, folder_source(rel_path), mtime, parse_sidecar(sidecar))
        from .textcapture import read_text

        return read_text(data, rel_path, folder_source(rel_path), mtime)
    except CaptureError:
        raise
    except RecursionError as exc:
        raise CaptureError("structure nested too deeply to read") from exc
    except (ValueError, UnicodeError, MemoryError, etree_error()) as exc:
        raise CaptureError(f"unreadable: {type(exc).__name__}: {exc}") from exc


def etree_error() -> type[Exception]:
    from lxml import etree

    return etree.LxmlError


def walk(src: Path) -> list[Path]:
    """Capture files under ``src``, recursively, in a stable order."""
    return sorted(p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(src).parts))
