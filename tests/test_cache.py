"""The build cache: a cached build gives the bytes of a cold one, and only what changed is read again."""

from __future__ import annotations

import gzip
import json
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
    from recension.cache import Store

    return Store(cache / kind).entries()


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
        # The rebuild after one new capture gives the bytes a build from nothing gives.
        _build(archive, tmp_path / "cold", "", tmp_path / "lex-cold.json")
    finally:
        added.unlink()
        added.parent.rmdir()
    assert len(_entries(cache, "captures") - read) == 1
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "site2").glob("stories/*/index.html"))
    assert "A sentence only this copy has." in pages
    cold, warm = _files(tmp_path / "cold"), _files(tmp_path / "site2")
    assert cold.keys() == warm.keys()
    for name in cold:
        assert warm[name] == cold[name], name


def _indexed_text(site: Path) -> str:
    return _bundle_text(site / "pagefind")


def _bundle_text(bundle: Path) -> str:
    """The page texts a Pagefind bundle holds (its fragments are gzipped JSON)."""
    return "".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                   for p in sorted((bundle / "fragment").glob("*.pf_fragment")))


class _Runner:
    """An invoke context that runs commands and counts them."""

    def __init__(self) -> None:
        self.commands: list[str] = []

    def run(self, cmd: str, **_kw) -> None:
        self.commands.append(cmd)
        subprocess.run(cmd, shell=True, check=True)  # noqa: S602 - the task's own command line


WORDS = ["dredging", "lighthouse", "ferryman", "harbour", "quay", "tugboat", "pilot", "buoy"]


def _story_site(root: Path, texts: dict[str, str]) -> Path:
    """A site of story pages (``slug`` → text) and a home page that is not indexed."""
    for slug, text in texts.items():
        (root / "stories" / slug).mkdir(parents=True)
        (root / "stories" / slug / "index.html").write_text(
            f"<!doctype html><html lang=en><head><title>{slug}</title></head><body><main data-pagefind-body>"
            f"<p>{text}</p></main></body></html>", "utf-8")
    (root / "index.html").write_text("<!doctype html><html lang=en><body><p>Home page.</p></body></html>")
    return root


def test_search_index_is_built_again_only_when_pages_change(tmp_path):
    import tasks

    def site(name: str, text: str) -> Path:
        return _story_site(tmp_path / name, {"a": text})

    c, cache = _Runner(), tmp_path / "cache"
    first = site("first", "The dredging plan was approved on Monday.")
    tasks.search_index(c, first, str(cache))
    again = site("again", "The dredging plan was approved on Monday.")
    tasks.search_index(c, again, str(cache))
    assert len(c.commands) == 1  # the same pages: the kept index is copied
    assert _files(again / "pagefind") == _files(first / "pagefind")
    changed = site("changed", "The dredging plan was rejected on Tuesday.")
    tasks.search_index(c, changed, str(cache))
    assert len(c.commands) == 2
    assert "rejected on Tuesday" in _indexed_text(changed) and "rejected" not in _indexed_text(first)


def test_a_large_archive_is_indexed_in_parts_the_search_page_merges(tmp_path, monkeypatch):
    import tasks

    monkeypatch.setenv("RECENSION_SEARCH_PART", "2")
    texts = {slug: f"The {word} story." for slug, word in zip("abcdefgh", WORDS, strict=True)}
    site = _story_site(tmp_path / "site", texts)
    tasks.search_index(_Runner(), site)
    others = json.loads((site / "pagefind" / "parts.json").read_text("utf-8"))["bundles"]
    assert len(others) >= 2  # eight pages in parts of about two
    bundles = [site / "pagefind", *(site / "pagefind" / name for name in others)]
    held = [_bundle_text(b) for b in bundles]
    for slug, word in zip("abcdefgh", WORDS, strict=True):
        assert sum(word in text for text in held) == 1  # each page in exactly one part
        assert f'"url":"/stories/{slug}/"' in "".join(held)  # under the site's URL
    assert "Home page" not in "".join(held)
    assert all((b / "pagefind-entry.json").is_file() for b in bundles)
    assert not list(tmp_path.glob(".search-part-*"))  # no folder of links is left behind


def test_only_the_part_of_the_index_whose_pages_changed_is_built_again(tmp_path, monkeypatch):
    import tasks

    monkeypatch.setenv("RECENSION_SEARCH_PART", "2")
    texts = {slug: f"The {word} story." for slug, word in zip("abcdefg", WORDS, strict=False)}
    changed_texts = {**texts, "c": "The ferryman story, retold."}
    c, cache = _Runner(), tmp_path / "cache"
    first = _story_site(tmp_path / "first", texts)
    tasks.search_index(c, first, str(cache))
    parts = json.loads((first / "pagefind" / "parts.json").read_text("utf-8"))["bundles"]
    built = len(c.commands)
    assert built == len(parts) + 1 >= 3
    changed = _story_site(tmp_path / "changed", changed_texts)
    tasks.search_index(c, changed, str(cache))
    assert len(c.commands) == built + 1  # one part holds the changed page; the others are copied
    cold = _story_site(tmp_path / "cold", changed_texts)
    tasks.search_index(_Runner(), cold)
    assert _files(changed / "pagefind") == _files(cold / "pagefind")
    assert "retold" in "".join(_bundle_text(p.parent) for p in (changed / "pagefind").rglob("pagefind-entry.json"))
    # A new story (the parts still four) is indexed with its part alone: the others keep their pages.
    grown = _story_site(tmp_path / "grown", {**changed_texts, "i": "The mooring story."})
    before = len(c.commands)
    tasks.search_index(c, grown, str(cache))
    assert len(c.commands) == before + 1


@pytest.mark.parametrize("change", ["bytes", "path", "sidecar"])
def test_capture_key_follows_what_is_read(change):
    base = capture_key(b"Title\n\nText.", "site/a.txt", None)
    other = {"bytes": capture_key(b"Title\n\nText!", "site/a.txt", None),
             "path": capture_key(b"Title\n\nText.", "other/a.txt", None),
             "sidecar": capture_key(b"Title\n\nText.", "site/a.txt", b"Source: X")}[change]
    assert other != base
    assert capture_key(b"Title\n\nText.", "site/a.txt", None) == base



def test_a_cached_build_keeps_each_versions_view_on_disk_until_its_page_is_written(tmp_path, sample_captures):
    from recension.cache import Store, Stored, story_views
    from recension.collate import collate

    stories = collate(sample_captures)
    in_memory = story_views(stories)
    store = Store(tmp_path)
    kept = story_views(stories, store)
    assert all(isinstance(v, Stored) for v in kept)
    assert [list(v) for v in kept] == in_memory and [len(v) for v in kept] == [len(v) for v in in_memory]
    for key in store.entries():
        store.discard(key)  # a cache emptied behind the build's back is named, not silently blank
    with pytest.raises(LookupError, match="no longer in the cache"):
        list(kept[0])


def test_collating_with_a_cache_folder_gives_the_same_stories_and_lexicon(tmp_path, sample_captures):
    from recension.cache import Store
    from recension.collate import collate_archive

    plain_stories, plain_lexicon = collate_archive(list(sample_captures))
    for _run in range(2):  # cold, then from what the first run kept
        stories, lexicon = collate_archive(list(sample_captures), store=Store(tmp_path))
        assert [(s.title, s.body, s.notes) for s in stories] == [(s.title, s.body, s.notes) for s in plain_stories]
        assert lexicon.to_json() == plain_lexicon.to_json()


def test_grouping_keeps_each_bodys_names_and_numbers_and_reads_them_back(tmp_path, monkeypatch):
    """A build with nothing new finds no body's immutables again; a changed body's are found anew."""
    import recension.group as grouping
    from recension.cache import Store

    bodies = {"a.txt": "Acme Corp hired 40 people in Leeds on Monday.", "b.txt": "Rain fell on Oslo for 3 days."}
    store = Store(tmp_path / "memo")
    first = grouping._memo_immutables(bodies, store)
    assert first == {k: grouping.immutables(v) for k, v in bodies.items()}
    found: list[str] = []
    monkeypatch.setattr(grouping, "immutables", lambda text: found.append(text) or ["x"])
    assert grouping._memo_immutables(bodies, store) == first and found == []
    changed = {**bodies, "b.txt": "Snow fell on Bergen for 5 days."}
    assert grouping._memo_immutables(changed, store)["b.txt"] == ["x"] and found == [changed["b.txt"]]


def test_a_capture_is_keyed_by_what_made_it_and_a_changed_copy_by_its_content(tmp_path):
    from dataclasses import replace

    from recension.cache import Store, capture_digest, ingest_all, job_for, template_key
    from recension.textcapture import without_reading

    f = tmp_path / "a.txt"
    f.write_text("Title: Rain returns\n\nRain returned to the valley on Monday, the weather service said.\n",
                 "utf-8")
    store = Store(tmp_path / "cache")
    [first] = ingest_all([job_for(f, "a.txt")], store)
    [again] = ingest_all([job_for(f, "a.txt")], store)  # from the cache this time
    assert capture_digest(first) == capture_digest(again)
    assert capture_digest(without_reading(first)) == capture_digest(first)  # the reading is no content
    os.utime(f, (1_000_000_000, 1_000_000_000))  # another file time: another date, another key
    [touched] = ingest_all([job_for(f, "a.txt")], store)
    assert touched.get("date") != first.get("date")
    assert capture_digest(touched) != capture_digest(first)
    # A copy changed by any other step (a headline vote, say) is keyed by its own content.
    changed = replace(first, lines=first.lines[:-1])
    assert capture_digest(changed) not in (capture_digest(first), capture_digest(touched))
    assert template_key(first, frozenset({"tail:x"})) != template_key(first, frozenset({"tail:y"}))


def test_the_archive_use_counts_summed_again_only_for_stories_that_came_or_went(tmp_path):
    from collections import Counter

    from recension.cache import Store
    from recension.collate import _archive_uses
    from recension.spin import Lexicon

    def lexicon(clean: dict, kept: dict) -> Lexicon:
        lex = Lexicon()
        lex.clean.update(clean)
        lex.kept.update(kept)
        return lex

    phrases = {"cell phone", "final yr"}
    stories = {"a": lexicon({"cell phone": 2, "other": 9}, {"final yr": 1}),
               "b": lexicon({"cell phone": 1}, {}),
               "c": lexicon({"final yr": 4}, {"cell phone": 3})}
    store = Store(tmp_path / "cache")
    for k, lex in stories.items():
        store.put("uses-" + k, lex)

    def counts(keys: list[str], where: Store) -> tuple[Counter, Counter]:
        learned = Lexicon()
        _archive_uses(learned, where, keys, phrases)
        return learned.clean, learned.kept

    assert counts(["a", "b"], store) == (Counter({"cell phone": 3}), Counter({"final yr": 1}))
    store.discard("uses-a")  # a stays: its counts are in the sum, and are not read again
    incremental = counts(["a", "c"], store)  # b went, c came: only those are read
    assert incremental == (Counter({"cell phone": 2, "final yr": 4}), Counter({"final yr": 1, "cell phone": 3}))
    fresh = Store(tmp_path / "fresh")
    for k in ("a", "c"):
        fresh.put("uses-" + k, stories[k])
    assert counts(["a", "c"], fresh) == incremental


def test_a_store_file_that_cannot_be_read_is_set_aside_and_the_store_starts_empty(tmp_path):
    from recension.cache import Store

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / Store.FILE).write_bytes(b"not a database, whatever wrote it" * 100)
    store = Store(folder)
    assert store.get("a") is None
    store.put("a", {"kept": [1, 2]})
    assert Store(folder).get("a") == {"kept": [1, 2]}  # another process's view: on disk
    assert (folder / (Store.FILE + ".unreadable")).read_bytes().startswith(b"not a database")


def test_site_templates_read_each_captures_line_keys_back_instead_of_normalising_again(archive, tmp_path,
                                                                                       monkeypatch):
    import recension.templates as templates
    from recension.cache import Store, ingest_all, job_for, template_rebuilder
    from recension.ingest import walk

    folder = archive / "captures"
    captures = ingest_all([job_for(p, p.relative_to(folder).as_posix()) for p in walk(folder)], Store(tmp_path / "c"))
    story_of = {c.path: n // 2 for n, c in enumerate(captures)}
    plain = templates.apply_templates(captures, story_of)
    assert any(templates.learn(captures, story_of).values()), "the archive's sites have templates to learn"
    memo, rebuild = Store(tmp_path / "memo"), template_rebuilder(Store(tmp_path / "templated"))
    assert templates.apply_templates(captures, story_of, rebuild, memo) == plain  # the first build fills the memo
    normalised: list[str] = []
    monkeypatch.setattr(templates, "key", lambda text: normalised.append(text) or text)
    assert templates.apply_templates(captures, story_of, rebuild, memo) == plain and normalised == []


def test_a_store_found_damaged_while_in_use_is_set_aside_and_starts_empty(tmp_path):
    from recension.cache import Store

    folder = tmp_path / "cache"
    store = Store(folder)
    store.put_many([(f"k{n}", "x" * 3000) for n in range(50)])
    assert store.get("k7") == "x" * 3000
    store._db.close()  # its only connection: the log is folded into the file
    path = folder / Store.FILE
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the header's, garbage
    path.write_bytes(bytes(data))
    damaged = Store(folder)
    assert damaged.get("k7") is None  # a miss, not an error
    assert (folder / (Store.FILE + ".unreadable")).is_file()
    damaged.put("k7", "again")
    assert Store(folder).get("k7") == "again"
