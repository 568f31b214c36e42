"""Pelican readers for captures: a thin adapter over ``recension.ingest``.

Files under a ``captures`` folder of the content are read as captures (plain text or saved
HTML); ``.html`` files elsewhere still go to Pelican's own HTML reader. A capture that cannot be
used becomes a draft carrying ``capture_error``, which the merge plugin drops and reports: one
warning, naming the file and the reason, and the build goes on.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime
from functools import cache
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader, HTMLReader
from slugify import slugify

from recension.cache import Result, Store, ingest_all, job_for
from recension.ingest import CAPTURE_FOLDER, SUFFIXES, in_captures
from recension.model import CaptureError

logger = logging.getLogger(__name__)

def _relative(path: str, settings: dict) -> str:
    return Path(os.path.relpath(path, settings["PATH"])).as_posix()


def is_capture(path: str, settings: dict) -> bool:
    return CAPTURE_FOLDER in Path(_relative(path, settings)).parts[:-1]


@cache
def _store(folder: str | None) -> Store:
    """The ingest cache under ``RECENSION_CACHE_PATH`` (memory only when that is empty)."""
    return Store(Path(folder) / "captures" if folder else None)


_PREREAD: dict[str, Result] = {}  # absolute path → what the pre-read pass made of it, until its reader takes it


def preread(generator) -> None:
    """Read every capture of the build at once, in parallel (and through the cache), for the readers."""
    settings = generator.settings
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    jobs, paths = [], []
    for f in sorted(files):
        path = os.path.join(generator.path, f)
        if Path(f).suffix.lower() in SUFFIXES and is_capture(path, settings):
            try:
                jobs.append(job_for(Path(path), in_captures(_relative(path, settings))))
                paths.append(path)
            except OSError:
                continue  # the reader reports it
    store = _store(settings.get("RECENSION_CACHE_PATH") or None)
    start = time.perf_counter()
    _PREREAD.clear()
    _PREREAD.update(zip(paths, ingest_all(jobs, store), strict=True))
    store.memory.clear()  # the readers take the captures from _PREREAD; keep nothing twice
    generator.context["recension_stages"] = {"ingest": time.perf_counter() - start}


def read_as_capture(path: str, settings: dict) -> tuple[str, dict]:
    rel = _relative(path, settings)
    slug = "capture-" + slugify(rel)
    try:
        mtime = os.stat(path).st_mtime
        capture = _PREREAD.pop(path, None)
        if capture is None:
            [capture] = ingest_all([job_for(Path(path), in_captures(rel))],
                                   _store(settings.get("RECENSION_CACHE_PATH") or None))
        if isinstance(capture, CaptureError):
            raise capture
    except (CaptureError, OSError) as exc:
        logger.warning("Capture %s skipped: %s", rel, exc)
        stamp = os.stat(path).st_mtime if os.path.exists(path) else 0
        return "", {"title": rel, "date": datetime.fromtimestamp(stamp), "status": "draft",
                    "slug": slug, "capture_error": str(exc)}
    return "", {"title": capture.title or Path(rel).stem, "date": datetime.fromtimestamp(mtime),
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
    signals.article_generator_init.connect(preread)
