"""Pelican readers for captures: a thin adapter over ``recension.ingest``.

Files under a ``captures`` folder of the content are read as captures (plain text or saved
HTML); ``.html`` files elsewhere still go to Pelican's own HTML reader. A capture that cannot be
used becomes a draft carrying ``capture_error``, which the merge plugin drops and reports: one
warning, naming the file and the reason, and the build goes on.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader, HTMLReader
from slugify import slugify

from recension.ingest import CAPTURE_FOLDER, SIDECAR, in_captures, read_capture
from recension.model import CaptureError

logger = logging.getLogger(__name__)

def _relative(path: str, settings: dict) -> str:
    return Path(os.path.relpath(path, settings["PATH"])).as_posix()


def is_capture(path: str, settings: dict) -> bool:
    return CAPTURE_FOLDER in Path(_relative(path, settings)).parts[:-1]


def read_as_capture(path: str, settings: dict) -> tuple[str, dict]:
    rel = _relative(path, settings)
    stat = os.stat(path)
    slug = "capture-" + slugify(rel)
    try:
        sidecar = Path(path + SIDECAR)
        capture = read_capture(Path(path).read_bytes(), in_captures(rel), stat.st_mtime,
                               sidecar.read_bytes() if sidecar.is_file() else None)
    except (CaptureError, OSError) as exc:
        logger.warning("Capture %s skipped: %s", rel, exc)
        return "", {"title": rel, "date": datetime.fromtimestamp(stat.st_mtime), "status": "draft",
                    "slug": slug, "capture_error": str(exc)}
    return "", {"title": capture.title or Path(rel).stem, "date": datetime.fromtimestamp(stat.st_mtime),
                "slug": slug, "capture": capture, "status": "published"}


class TextCaptureReader(BaseReader):
    """Plain-text captures (``.txt``) under ``content/captures/``."""

    enabled = True
    file_extensions = ["txt", "text"]

    def read(self, filename):
        return read_as_capture(filename, self.settings)


class HTMLCaptureReader(HTMLReader):
    """Saved pages under ``content/captures/``; other ``.html`` files keep Pelican's reader."""

    file_extensions = ["html", "htm"]

    def read(self, filename):
        if is_capture(filename, self.settings):
            return read_as_capture(filename, self.settings)
        return super().read(filename)


def add_readers(readers):
    for ext in TextCaptureReader.file_extensions:
        readers.reader_classes[ext] = TextCaptureReader
    for ext in HTMLCaptureReader.file_extensions:
        readers.reader_classes[ext] = HTMLCaptureReader


def register():
    signals.readers_init.connect(add_readers)
