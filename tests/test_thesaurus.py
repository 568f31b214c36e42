"""The reverse thesaurus: a spinner's synonyms repaired where no clean copy covers the text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import cases

from recension.thesaurus import thesaurus

WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "stories-dev"


@pytest.mark.parametrize("case", cases("thesaurus.json"), ids=lambda c: c["text"][:40])
def test_thesaurus_cases(case):
    text, repairs = thesaurus().apply(case["text"])
    assert text == (case["expected"] or case["text"]), case["why"]
    assert bool(repairs) == bool(case["expected"])
    for spun, clean, odds, how in repairs:
        assert spun in case["text"] and clean in text and odds >= 3 and how


def test_wording_a_clean_copy_uses_is_left_alone():
    text, repairs = thesaurus().apply("Officials cognize the risk.", protected={("cognize",)})
    assert text == "Officials cognize the risk." and not repairs


def test_a_repair_is_never_rarer_than_what_it_replaces():
    from recension.text import zipf

    t = thesaurus()
    for spun, originals in list(t.pairs.items())[::50]:
        for original in originals:
            assert zipf(original) > zipf(spun), (spun, original)


@pytest.mark.skipif(not (WORDNET / "data.noun").is_file() or not MYTHES.is_file() or not (DEV / "truth.json").is_file(),
                    reason="WordNet's database (Debian: wordnet-base), MyThes (Debian: mythes-en-us) or the dev corpus "
                           "is absent")
def test_the_shipped_table_is_what_its_code_learns(tmp_path):
    from importlib import resources

    from recension.learn import thesaurus as learn

    out = tmp_path / "t.json.gz"
    learn.main([str(WORDNET), str(DEV), "--mythes", str(MYTHES), "--out", str(out)])
    shipped = resources.files("recension.data").joinpath("spin_thesaurus.json.gz").read_bytes()
    assert out.read_bytes() == shipped



def test_an_archive_pair_below_its_bar_is_applied_when_the_thesaurus_reads_it_so_too():
    from recension.collate import ARCHIVE_CONFIDENCE, VOUCHED_CONFIDENCE
    from recension.spin import Lexicon

    lex = Lexicon()
    lex.pairs[("euphony",)][("music",)] = 1
    lex.kept["euphony"] = 1  # spun copies kept "euphony" once where the clean copy had it too: 50 %
    text = "The euphony filled the hall."
    assert lex.apply(text, set(), ARCHIVE_CONFIDENCE)[0] == text
    vouched = lex.apply(text, set(), ARCHIVE_CONFIDENCE, thesaurus().supports, VOUCHED_CONFIDENCE)[0]
    assert vouched == "The music filled the hall."
    lex.pairs[("euphony",)] = Counter({("harmony",): 1})  # a reading the thesaurus does not give: no vouching
    assert lex.apply(text, set(), ARCHIVE_CONFIDENCE, thesaurus().supports, VOUCHED_CONFIDENCE)[0] == text


def test_a_compound_is_rarer_than_its_words():
    from recension.text import zipf
    from recension.thesaurus import phrase_zipf

    assert phrase_zipf("fictional character") < zipf("fictional character") <= zipf("fictional")
    assert phrase_zipf("character") == zipf("character")


def _capture(body: str, name: str):
    from recension.ingest import read_capture

    text = "Title: Festival opens in the old harbour\nSource: Example Daily\n\n" + body
    return read_capture(text.encode("utf-8"), name, 0.0)


SPUN = ("Thousands of visitors came to the old harbour on Saturday, where the festival opened with euphony "
        "from three bands. Officials said they cognize the topographic point well: the square was rebuilt "
        "after the storm two years ago, and the hittings of the summer are played there every night.\n\n"
        "The organisers said the festival would run for nine days and that tickets were still on sale at "
        "the harbour office and online.")


def test_a_lone_capture_full_of_a_spinners_synonyms_is_found_spun_and_repaired():
    from recension.collate import collate

    story = collate([_capture(SPUN, "a.txt")])[0]
    source = story.notes["sources"][0]
    assert source["spun"]
    assert {r["clean"] for r in source["restored"]} >= {"music", "know", "place"}
    assert all("thesaurus" in r["evidence"] for r in source["restored"])
    assert "topographic" not in story.body and "know the place well" in story.body


def test_a_clean_lone_capture_is_not_found_spun():
    from recension.collate import collate

    clean = SPUN.replace("euphony", "music").replace("cognize the topographic point", "know the place") \
        .replace("hittings", "hits")
    story = collate([_capture(clean, "b.txt")])[0]
    assert not story.notes["sources"][0]["spun"] and story.notes["sources"][0]["restored"] == []
