"""The build cache and parallel work: ingest, site-template reclassification, grouping and
collation keep their results by content, and compute what is missing in a process pool.

A capture is read again only when its bytes (or its sidecar), its path inside the captures folder,
the rules data or the code that reads it change: the key is a hash of all of these, with a
*pipeline version* that hashes the core's source and data files and the versions of the libraries
whose output it keeps. A file's modification time is not part of the key (touching a file changes
nothing); it is applied after the cached capture is loaded (``textcapture.with_mtime``).

Site-template reclassification, pair coverage and story collation are keyed by hashes of their
inputs' content (``content_key``). The cache is a folder of stores, each one SQLite file of pickles
by key, written in transactions: a local build artefact (like Pelican's own cache), trusted as such;
delete it at any time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sqlite3
import sys
import weakref
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from importlib import metadata
from pathlib import Path

from .ingest import read_capture
from .model import Capture, CaptureError
from .textcapture import with_mtime, without_reading

# Libraries whose output ends up in a capture: a new version may read a capture differently.
LIBRARIES = ("ftfy", "charset-normalizer", "trafilatura", "lxml", "rapidfuzz", "wordfreq", "python-dateutil")
PARALLEL_FROM = 16  # captures to read before a pool of processes pays for itself


@cache
def pipeline_version() -> str:
    """Hash of the core's code and data and of the library versions it depends on."""
    h = hashlib.sha256(sys.version.encode())
    root = Path(__file__).parent
    for p in sorted(root.rglob("*")):
        if p.is_file() and (p.suffix == ".py" or "data" in p.relative_to(root).parts):
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    return h.hexdigest()[:16]


def capture_key(data: bytes, rel_path: str, sidecar: bytes | None) -> str:
    """The cache key of one capture: its bytes, sidecar and path, under the pipeline version."""
    h = hashlib.sha256(pipeline_version().encode())
    for part in (rel_path.encode(), data, sidecar or b""):
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()


Result = Capture | CaptureError


@dataclass(frozen=True)
class Job:
    """One capture to read: its bytes, its path inside the captures folder, its sidecar, its mtime."""

    data: bytes
    rel_path: str
    sidecar: bytes | None
    mtime: float | None

    @property
    def key(self) -> str:
        return capture_key(self.data, self.rel_path, self.sidecar)


def job_for(path: Path, rel_path: str) -> Job:
    """Read a capture file (and its sidecar, ``NAME.meta``) into a job; OSError when unreadable."""
    from .ingest import SIDECAR

    sidecar = path.with_name(path.name + SIDECAR)
    return Job(path.read_bytes(), rel_path, sidecar.read_bytes() if sidecar.is_file() else None,
               path.stat().st_mtime)


def _ingest(job: Job) -> Result:
    """The capture without its file time (that is applied per build), or the reason it is unusable."""
    try:
        return read_capture(job.data, job.rel_path, None, job.sidecar)
    except CaptureError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad capture must not stop the build
        return CaptureError(f"could not be read: {type(exc).__name__}: {exc}")


_BATCH = 500  # keys per query of Store.get_many (SQLite binds at most 32,766 parameters)
_UNPICKLABLE = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError)  # an entry older code wrote


class Store:
    """Results by key (captures or the reason one is unusable, reclassified captures, stories): on
    disk when given a folder (nothing is held in memory then, so a large archive's build stays
    small), else in memory for this process.

    On disk the entries are pickles in one SQLite table (``store.sqlite`` in the folder): one file
    instead of one per entry, whose creation cost more than the pickling (a cold build of 2,000
    captures writes about 12,000 entries). Write-ahead logging lets the build's processes read
    while one writes; nothing is synced to disk, since a cache lost in a crash only costs time. A
    file that is not a store, or that a query finds damaged (a crash mid-write can do that), is set
    aside and the store starts empty; a store busy for a minute keeps nothing for this build."""

    FILE = "store.sqlite"

    def __init__(self, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder else None
        self.memory: dict[str, Result] = {}
        self._db: sqlite3.Connection | None = None

    def __getstate__(self) -> dict:
        return {"folder": self.folder, "memory": self.memory}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["folder"])
        self.memory = state["memory"]

    def _conn(self) -> sqlite3.Connection | None:
        if self.folder is None:
            return None
        if self._db is None:
            self._db = _open(self.folder / self.FILE)
            _OPENED.add(self)
        return self._db

    def _failed(self, exc: sqlite3.Error) -> None:
        """A query failed: a damaged file is set aside and the next use starts an empty store."""
        if _unreadable(exc) and self._db is not None and self.folder is not None:
            self._db.close()
            self._db = None
            _set_aside(self.folder / self.FILE)

    def get(self, key: str) -> Result | None:
        if key in self.memory:
            return self.memory[key]
        try:
            db = self._conn()
            row = db.execute("SELECT value FROM entry WHERE key = ?", (key,)).fetchone() if db else None
            return pickle.loads(row[0]) if row else None
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        except _UNPICKLABLE:
            return None

    def get_many(self, keys: list[str]) -> dict[str, object]:
        """What the store holds of ``keys``, by key (those it lacks left out), read in a few queries."""
        out = {k: self.memory[k] for k in keys if k in self.memory}
        for k, v in self._select("key, value", [k for k in keys if k not in out]):
            try:
                out[k] = pickle.loads(v)
            except _UNPICKLABLE:
                continue
        return out

    def keys_held(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` the store holds on disk."""
        return {k for (k,) in self._select("key", keys)}

    def _select(self, columns: str, keys: list[str]) -> list[tuple]:
        """The rows of ``keys`` (those held), ``_BATCH`` keys to a query."""
        rows: list[tuple] = []
        try:
            db = self._conn()
            for i in range(0, len(keys), _BATCH) if db is not None else ():
                part = keys[i : i + _BATCH]
                rows += db.execute(f"SELECT {columns} FROM entry WHERE key IN ({','.join('?' * len(part))})",
                                   part).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
        return rows

    def on_disk(self, key: str) -> bool:
        try:
            db = self._conn()
            return db is not None and db.execute("SELECT 1 FROM entry WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error as exc:
            self._failed(exc)
            return False

    def put(self, key: str, result: Result) -> None:
        self.put_many([(key, result)])

    def put_many(self, items: Iterable[tuple[str, object]]) -> None:
        """Keep each (key, result), on disk in one transaction."""
        if self.folder is None:
            self.memory.update(items)
            return
        try:
            db = self._conn()
            if db is not None:
                with db:
                    db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?)",
                                   ((k, pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for k, r in items))
        except sqlite3.Error as exc:
            self._failed(exc)  # a cache that cannot be written only costs time

    def entries(self) -> set[str]:
        """Every key the store holds."""
        try:
            db = self._conn()
            on_disk = {k for (k,) in db.execute("SELECT key FROM entry")} if db else set()
        except sqlite3.Error as exc:
            self._failed(exc)
            on_disk = set()
        return on_disk | self.memory.keys()

    def discard(self, key: str) -> None:
        """Forget one entry."""
        self.memory.pop(key, None)
        try:
            if (db := self._conn()) is not None:
                with db:
                    db.execute("DELETE FROM entry WHERE key = ?", (key,))
        except sqlite3.Error as exc:
            self._failed(exc)


_OPENED: weakref.WeakSet[Store] = weakref.WeakSet()  # stores with a connection, in this process
_INHERITED: list[sqlite3.Connection] = []  # a forked child's copies of its parent's connections


def _after_fork() -> None:
    """In a forked child (a pool's worker), each store opens its own connection: the parent's are
    neither used nor closed there, as SQLite asks of a connection carried across a fork."""
    for store in list(_OPENED):
        if store._db is not None:
            _INHERITED.append(store._db)
            store._db = None


os.register_at_fork(after_in_child=_after_fork)


def _open(path: Path) -> sqlite3.Connection | None:
    """The store's database at ``path``, made when missing; a file there that is not one is set aside
    (``NAME.unreadable``) and a new one made. None when none can be made (the store then keeps nothing)."""
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=60, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
            return db
        except sqlite3.Error as exc:
            if attempt or not _unreadable(exc) or not _set_aside(path):
                return None  # locked for a minute, or no disk: this build keeps nothing
        except OSError:
            return None
    return None


def _unreadable(exc: sqlite3.Error) -> bool:
    """Whether SQLite found the file not a database, or damaged (not merely busy or unwritable)."""
    return type(exc) is sqlite3.DatabaseError


def _set_aside(path: Path) -> bool:
    """Move a store's unreadable file aside (``NAME.unreadable``), its log with it."""
    try:
        os.replace(path, path.with_name(path.name + ".unreadable"))
        for extra in ("-wal", "-shm"):
            path.with_name(path.name + extra).unlink(missing_ok=True)
    except OSError:
        return False
    return True


# A build holds millions of small long-lived objects (captures, lines, changes, stories read back
# from the cache), and CPython's default collection thresholds (700, 10, 10) scan them again and
# again: a sixth of a warm 2,000-capture build (1.0 s of 5.9 s) went to the cyclic collector. The
# build's processes collect less often instead (the pool's workers inherit it): 0.1 s, the same
# peak memory (reference counting frees nearly all of it; cycles are rare).
GC_THRESHOLDS = (100_000, 50, 50)


def collect_less() -> None:
    """Raise this process's cyclic-collection thresholds for a build (``GC_THRESHOLDS``)."""
    gc.set_threshold(*GC_THRESHOLDS)


def workers() -> int:
    """Processes for ingest: ``RECENSION_WORKERS``, else one per CPU this process may use."""
    env = os.environ.get("RECENSION_WORKERS", "")
    if env.isdigit():
        return max(1, int(env))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def ingest_all(jobs: list[Job], store: Store | None = None, processes: int | None = None) -> list[Result]:
    """Every job's capture (or its error), in order: from the cache when there, the rest read in
    parallel and stored. Each capture carries its own file time."""
    store = store if store is not None else Store()
    found = cached_map(_ingest, jobs, [j.key for j in jobs], store, processes, stored=without_reading)
    out: list[Result] = []
    for r, j in zip(found, jobs, strict=True):
        if isinstance(r, Capture):
            r.digest = j.key  # a capture is what its bytes, path and sidecar give under this pipeline
            timed = with_mtime(r, j.mtime)
            if timed is not r:
                timed.digest = derived_key(j.key, "file time", j.mtime)
            r = timed
        out.append(r)
    return out


def _reclassify(item: tuple[Capture, frozenset[str]]) -> Capture:
    from .templates import reclassify

    return without_reading(reclassify(*item))


def content_key(value: object) -> str:
    """Hash of plain data by content (its ``repr``: dataclasses, lists, dicts in order, exact floats),
    under the pipeline version. Not pickle, whose bytes depend on which objects are shared."""
    return hashlib.sha256(pipeline_version().encode() + repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def capture_digest(c: Capture) -> str:
    """A key for the capture's content: the one its making gave it (its ingest key; a site template's
    key for a capture classified again), else the hash of its ``repr``, kept on the capture."""
    if c.digest is None:
        c.digest = content_key(c)
    return c.digest


def derived_key(key: str, *how: object) -> str:
    """The key of what a deterministic step makes of the content keyed ``key`` (``how`` names the
    step and its other inputs)."""
    return hashlib.sha256((key + "\0" + repr(how)).encode("utf-8", "surrogatepass")).hexdigest()


def template_key(c: Capture, template: frozenset[str]) -> str:
    """Key of a capture classified again with a template: the capture as it stands and the entries."""
    return derived_key(capture_digest(c), "template", sorted(template))


def cached_map(fn, items: list, keys: list[str], store: Store, processes: int | None = None, stored=None,
               lazy: bool = False) -> list:
    """``[fn(x) for x in items]``, taking what ``store`` has by key and computing the rest in
    parallel (``fn`` must be a module-level function); ``stored`` gives what to keep of a result;
    ``lazy``: a result the store holds on disk is not read (None in its place)."""
    out: dict[str, object] = {}
    todo: dict[str, object] = {}
    held = store.keys_held(keys) if lazy else set()
    found = store.get_many([k for k in keys if k not in held])
    for k, x in zip(keys, items, strict=True):
        if k in held:
            out[k] = None
        elif (hit := found.get(k)) is not None:
            out[k] = hit
        else:
            todo.setdefault(k, x)
    if store.folder is None:
        for k, r in zip(todo, parallel_map(fn, list(todo.values()), processes), strict=True):
            store.put(k, stored(r) if stored else r)
            out[k] = r
        return [out[k] for k in keys]
    # Each worker keeps what it computed, a batch to a transaction: the writing is shared out as
    # the work is, and the results come back once.
    n = (processes or workers()) if len(todo) >= PARALLEL_FROM else 1
    pending = list(todo.items())
    size = max(1, len(pending) // (n * 32))
    batches = [pending[i : i + size] for i in range(0, len(pending), size)]
    done = parallel_map(partial(_computed_and_stored, fn, store.folder, stored), batches, n, chunked=True)
    out.update(zip(todo, (r for batch in done for r in batch), strict=True))
    return [out[k] for k in keys]


def _computed_and_stored(fn, folder: Path, stored, batch: list[tuple[str, object]]) -> list:
    """``fn`` of each item of the batch, kept in the store at ``folder`` under the item's key (what
    ``stored`` gives of it), for ``cached_map``."""
    results = [fn(x) for _, x in batch]
    _store_at(folder).put_many((k, stored(r) if stored else r) for (k, _), r in zip(batch, results, strict=True))
    return results


@cache
def _store_at(folder: Path) -> Store:
    """One store per folder in a process (its database opened once)."""
    return Store(folder)


def parallel_map(fn, items: list, processes: int | None = None, chunked: bool = False) -> list:
    """``[fn(x) for x in items]`` in a pool of processes when there are enough items to pay for it
    (``fn`` must be a module-level function; results come back in order); ``chunked``: the items
    are batches already, each sent as it is."""
    n = processes or workers()
    if n > 1 and (chunked and len(items) > 1 or len(items) >= PARALLEL_FROM):
        warm_up()
        with ProcessPoolExecutor(max_workers=n) as pool:
            return list(pool.map(fn, items, chunksize=1 if chunked else max(1, len(items) // (n * 8))))
    return [fn(x) for x in items]


@cache
def warm_up() -> None:
    """Load the tables and models the core reads lazily (word frequencies, the line and headline
    models, the reverse thesaurus) in this process once, before it forks a pool: the workers of
    every pool then start with them (forked), instead of each loading them again (about 0.5 s a
    worker, five pools of a cold build)."""
    from .headline import default_chooser
    from .lineclassifier import default_model
    from .text import zipf
    from .thesaurus import thesaurus

    zipf("the"), default_model(), default_chooser(), thesaurus()


def template_rebuilder(store: Store, processes: int | None = None):
    """A ``rebuild`` for ``templates.apply_templates``: cached by capture and template, in parallel."""

    def rebuild(batch: list[tuple[Capture, frozenset[str]]]) -> list[Capture]:
        keys = [template_key(c, t) for c, t in batch]
        out = cached_map(_reclassify, batch, keys, store, processes)
        for c, k in zip(out, keys, strict=True):
            c.digest = k
        return out

    return rebuild


def collation_caches(folder: str | Path | None) -> dict:
    """``collate_archive``'s ``rebuild`` and ``store``: site-template reclassification cached and
    parallel, and stories and pair coverage kept, under ``folder`` (in memory only without one)."""
    return {"rebuild": template_rebuilder(Store(Path(folder) / "templated" if folder else None)),
            "store": Store(Path(folder) / "stories") if folder else None}


class Stored(Sequence):
    """A list kept in a store's folder and read back each time it is used: what a page needs only
    while it is written (a story's versions view), so a large archive's build does not hold every
    one at once."""

    def __init__(self, store: Store, key: str, length: int) -> None:
        self.store, self.key, self.length = store, key, length

    def _items(self) -> list:
        found = self.store.get(self.key)
        if found is None:
            raise LookupError(f"{self.key} is no longer in the cache at {self.store.folder}")
        return found

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        return self._items()[index]

    def __iter__(self) -> Iterator:
        return iter(self._items())


def story_views(stories: list, store: Store | None = None) -> list[Sequence[dict]]:
    """Each story's versions view (``sources.versions_view``), kept by the content of its inputs and
    computed in parallel: a word-by-word diff of every capture, the costliest page part. With a
    cache folder the views stay there and are read when their page is written."""
    from .sources import version_inputs, versions_view

    inputs = [version_inputs(s) for s in stories]
    keys = ["versions-" + content_key(x) for x in inputs]
    if store is None or store.folder is None:
        return cached_map(versions_view, inputs, keys, store if store is not None else Store())
    # On disk a view is read when its page is written, not now (one view per capture).
    views = cached_map(versions_view, inputs, keys, store, lazy=True)
    held = store.keys_held(keys)  # a view just computed is on disk too, unless it could not be written
    return [Stored(store, k, len(x[1])) if v is None or k in held else v
            for k, x, v in zip(keys, inputs, views, strict=True)]
