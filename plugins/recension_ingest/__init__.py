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
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader, HTMLReader
from slugify import slugify

from recension.cache import IngestCache, ingest_all, job_for
from recension.ingest import CAPTURE_FOLDER, SUFFIXES, in_captures
from recension.model import CaptureError

logger = logging.getLogger(__name__)

def _relative(path: str, settings: dict) -> str:
    return Path(os.path.relpath(path, settings["PATH"])).as_posix()


def is_capture(path: str, settings: dict) -> bool:
    return CAPTURE_FOLDER in Path(_relative(path, settings)).parts[:-1]


def _store(settings: dict) -> IngestCache:
    """The ingest cache of this build (``RECENSION_CACHE_PATH``; memory only when it is empty)."""
    folder = settings.get("RECENSION_CACHE_PATH") or None
    if _STORES.get("folder") != folder or "store" not in _STORES:
        _STORES.update(folder=folder, store=IngestCache(Path(folder) / "captures" if folder else None))
    return _STORES["store"]


_STORES: dict = {}


def preread(generator) -> None:
    """Read every capture of the build at once, in parallel, into the cache the readers then use."""
    settings = generator.settings
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    jobs = []
    for f in sorted(files):
        path = os.path.join(generator.path, f)
        if Path(f).suffix.lower() in SUFFIXES and is_capture(path, settings):
            try:
                jobs.append(job_for(Path(path), in_captures(_relative(path, settings))))
            except OSError:
                continue  # the reader reports it
    store = _store(settings)
    store.memory.clear()  # keep only this build's captures in memory
    start = time.perf_counter()
    ingest_all(jobs, store)
    generator.context["recension_stages"] = {"ingest": time.perf_counter() - start}


def read_as_capture(path: str, settings: dict) -> tuple[str, dict]:
    rel = _relative(path, settings)
    slug = "capture-" + slugify(rel)
    try:
        stat = os.stat(path)
        [capture] = ingest_all([job_for(Path(path), in_captures(rel))], _store(settings))
        if isinstance(capture, CaptureError):
            raise capture
    except (CaptureError, OSError) as exc:
        logger.warning("Capture %s skipped: %s", rel, exc)
        mtime = os.stat(path).st_mtime if os.path.exists(path) else 0
        return "", {"title": rel, "date": datetime.fromtimestamp(mtime), "status": "draft",
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
    signals.article_generator_init.connect(preread)
