"""The build cache: a cached build gives the bytes of a cold one, and only what changed is read again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from bench.generate import generate
from recension.cache import capture_key

INVOKE = [sys.executable, "-m", "invoke"]


def _build(content: Path, out: Path, cache: str, lexicon: Path) -> None:
    env = {**os.environ, "RECENSION_CACHE": cache, "RECENSION_SPIN_LEXICON": str(lexicon)}
    proc = subprocess.run([*INVOKE, "build", "--content", str(content), "--output", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _entries(cache: Path, kind: str) -> set[str]:
    return {p.name for p in (cache / kind).rglob("*.pickle")}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A small synthetic archive (generated text, so no corpus is needed): enough captures to read
    them in parallel, with versions, site templates, spinning and mis-encodings."""
    content = tmp_path_factory.mktemp("archive")
    generate(content, captures=24, corpus=None)
    return content


def test_cached_build_is_byte_identical_to_a_cold_one(archive, tmp_path):
    cache = tmp_path / "cache"
    _build(archive, tmp_path / "cold", "", tmp_path / "lex-cold.json")  # no cache folder at all
    _build(archive, tmp_path / "first", str(cache), tmp_path / "lex.json")  # fills the cache
    before = {k: _entries(cache, k) for k in ("captures", "templated", "stories")}
    assert before["captures"] and before["stories"]
    _build(archive, tmp_path / "warm", str(cache), tmp_path / "lex.json")  # reads it
    cold, first, warm = (_files(tmp_path / n) for n in ("cold", "first", "warm"))
    assert cold.keys() == warm.keys() == first.keys()
    for name in cold:
        assert warm[name] == cold[name] == first[name], name
    # Nothing changed, so nothing was computed again.
    assert {k: _entries(cache, k) for k in before} == before


def test_one_new_capture_is_the_only_one_read_again(archive, tmp_path):
    cache = tmp_path / "cache"
    _build(archive, tmp_path / "site", str(cache), tmp_path / "lex.json")
    read = _entries(cache, "captures")
    added = archive / "captures" / "a-new-site" / "added.txt"
    added.parent.mkdir()
    try:
        md = sorted((archive / "markdown").glob("*.md"))[0].read_text("utf-8")
        head, body = md.split("\n\n", 1)
        added.write_text(f"{head.splitlines()[0].removeprefix('Title: ')}\n\n{body}\nA sentence only this copy has.\n",
                         "utf-8")
        _build(archive, tmp_path / "site2", str(cache), tmp_path / "lex.json")
    finally:
        added.unlink()
        added.parent.rmdir()
    assert len(_entries(cache, "captures") - read) == 1
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "site2").glob("stories/*/index.html"))
    assert "A sentence only this copy has." in pages


@pytest.mark.parametrize("change", ["bytes", "path", "sidecar"])
def test_capture_key_follows_what_is_read(change):
    base = capture_key(b"Title\n\nText.", "site/a.txt", None)
    other = {"bytes": capture_key(b"Title\n\nText!", "site/a.txt", None),
             "path": capture_key(b"Title\n\nText.", "other/a.txt", None),
             "sidecar": capture_key(b"Title\n\nText.", "site/a.txt", b"Source: X")}[change]
    assert other != base
    assert capture_key(b"Title\n\nText.", "site/a.txt", None) == base

