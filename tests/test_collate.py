"""Collation on the two sample captures and on data cases.

The samples are one wire story from two sites: one copy spun, one with an editorial headline
and an inserted opinion sentence. What a reader checks is asserted here against the captures'
own text (found by structure at run time), not against hard-coded wording.
"""

from __future__ import annotations

import random

import pytest
from conftest import cases

from recension import editorial
from recension.collate import collate
from recension.text import lower_words


def _by_spin(story):
    srcs = {s["path"]: s for s in story.notes["sources"]}
    spun = [p for p, s in srcs.items() if s["spun"]]
    clean = [p for p, s in srcs.items() if not s["spun"]]
    return srcs, spun, clean


def test_one_story_with_both_sources(sample_story):
    assert len(sample_story.captures) == 2
    names = {s["source"] for s in sample_story.notes["sources"]}
    assert len(names) == 2 and "unknown source" not in names


def test_the_spun_copy_is_recognised(sample_story):
    _, spun, clean = _by_spin(sample_story)
    assert len(spun) == 1 and len(clean) == 1


def test_no_spun_wording_where_the_clean_copy_has_the_passage(sample_story):
    srcs, spun, clean = _by_spin(sample_story)
    body = sample_story.body
    # Every variant reading carried only by the spun copy lost the vote where the clean copy disagrees.
    spun_only = [r for v in sample_story.notes["variants"] for r in v["readings"][1:] if r["witnesses"] == spun]
    assert spun_only, "the two copies differ, so there are variant readings"
    chosen = {v["chosen"] for v in sample_story.notes["variants"]}
    for v in sample_story.notes["variants"]:
        assert v["readings"][0]["witnesses"] == clean
    assert chosen - {""}
    # The clean copy's sentences are in the canonical text verbatim (bar the editorial one).
    clean_cap = next(c for c in sample_story.captures if c.path == clean[0])
    editorial_texts = {e["text"] for e in sample_story.notes["editorial"]}
    for para in clean_cap.body.split("\n\n")[1:]:
        for sentence in para.split(". "):
            if len(sentence) > 40 and not any(sentence in e for e in editorial_texts):
                assert sentence in body


def test_subheads_only_the_spun_copy_kept_are_present_and_repaired(sample_story):
    srcs, spun, _ = _by_spin(sample_story)
    restored = srcs[spun[0]]["restored"]
    assert restored, "the story's own substitutions repair what the spun copy alone carries"
    headings = [p.text for p in sample_story.passages if p.kind == "h"]
    alone = [p for p in sample_story.passages if p.kind == "h" and p.segments[0].witnesses == tuple(spun)]
    assert alone, "a subheading carried by the spun copy alone is kept"
    for r in restored:
        assert not any(r["spun"].lower() in lower_words(h) for h in headings if " " not in r["spun"])


def test_opinion_sentence_is_flagged_not_reported(sample_story):
    flagged = sample_story.notes["editorial"]
    assert len(flagged) == 1
    assert flagged[0]["text"] not in sample_story.body
    assert editorial.facts(flagged[0]["text"]) == []


def test_single_source_material_is_kept_with_its_provenance(sample_story):
    singles = [s for p in sample_story.passages for s in p.segments if s.status == "single-source"]
    assert singles
    for s in singles:
        assert len(s.witnesses) == 1 and s.text in sample_story.body


def test_title_is_the_factual_headline_and_the_other_is_a_variant(sample_story):
    headlines = {c.path: c.title for c in sample_story.captures}
    assert sample_story.title in headlines.values()
    variants = [v["headline"] for v in sample_story.notes["title_variants"]]
    assert len(variants) == 1 and variants[0] != sample_story.title
    assert editorial.opinion_markers(sample_story.title) == [] or len(editorial.opinion_markers(variants[0])) > 0


def test_wire_attribution_is_found(sample_story):
    assert sample_story.notes["attribution"]


def test_collation_does_not_depend_on_input_order(sample_captures):
    a = collate(list(sample_captures))
    shuffled = list(sample_captures)
    random.Random(7).shuffle(shuffled)
    shuffled.reverse()
    b = collate(shuffled)
    assert [s.body for s in a] == [s.body for s in b]
    assert [s.notes for s in a] == [s.notes for s in b]


@pytest.mark.parametrize("case", cases("editorial.json"), ids=lambda c: c["why"])
def test_editorial_rule(case):
    reason = editorial.editorial_reason(case["text"], case["single"], case["island"], case.get("elsewhere", 0),
                                        case.get("heading", False))
    assert (reason is not None) == case["editorial"]


STOCK = "It is a reminder that nothing stays the same for long."


def _lone_story(n: int, extra: str) -> bytes:
    """A capture of a story of its own (its names and numbers are its own), with ``extra`` inside."""
    town, person = ["Arlen", "Brisk", "Corvel", "Dunmore"][n], ["Ines Moro", "Tom Vale", "Ada Quist", "Li Hart"][n]
    paras = [f"The council of {town} voted {n + 3} to {n + 1} on Tuesday to rebuild the {town} bridge, "
             f"which has been closed since {2000 + n}.",
             f"{person}, who chairs the works committee, said the repairs would cost {n + 2} million euros "
             f"and take {n + 7} months. {extra}",
             f"Traffic will be diverted through {town} Road while the work goes on, the council said.",
             f"The bridge carried {n + 12},000 vehicles a day before it was closed, according to {person}."]
    return (f"Title: {town} votes to rebuild its bridge\n\n" + "\n\n".join(paras) + "\n").encode()


def test_a_stock_remark_in_unrelated_lone_stories_is_flagged_in_each():
    from recension.ingest import read_capture

    caps = [read_capture(_lone_story(n, STOCK if n < 3 else ""), f"site{n}/story.txt") for n in range(4)]
    stories = collate(caps)
    assert len(stories) == 4
    for story in stories:
        flagged = [e["text"] for e in story.notes["editorial"]]
        if any(STOCK in c.body for c in story.captures):
            assert flagged == [STOCK] and STOCK not in story.body
        else:
            assert flagged == []
        assert "council" in story.body


def _retitled(n: int, title: str) -> bytes:
    body = _lone_story(n, "").split(b"\n\n", 1)[1]
    return f"Title: {title}\n\n".encode() + body


def test_a_headline_frame_that_heads_unrelated_stories_is_a_template_and_loses():
    """Each story has a factual headline and a rewriter's one built from the story's own words. The
    rewriter's is better supported by the text, but its frame ("what _ tells us about the _") heads
    the other stories too: a template, so the factual headline is the story's title."""
    from recension.ingest import read_capture

    towns = ["Arlen", "Brisk", "Corvel"]
    factual = ["Arlen approves plan for new crossing", "Brisk councillors back costly repair",
               "Corvel to spend millions fixing its old span"]
    caps = []
    for n, town in enumerate(towns):
        caps.append(read_capture(_retitled(n, factual[n]), f"wire{n}/a.txt"))
        caps.append(read_capture(_retitled(n, f"What {town} tells us about the bridge"), f"blog{n}/a.txt"))
    alone = collate(caps[:2])
    assert alone[0].title == "What Arlen tells us about the bridge"  # nothing shows the frame is a template
    stories = collate(caps)
    assert len(stories) == 3
    for story in stories:
        n = next(n for n, t in enumerate(towns) if t in story.body)
        town = towns[n]
        assert story.title == factual[n], story.title_reason
        assert "templated headline" in story.title_reason
        assert [v for v, _p in story.title_variants] == [f"What {town} tells us about the bridge"]


def test_sentences_shared_by_near_duplicate_stories_are_not_stock():
    from recension.collate import _stock

    a, b, c, d, e, f = ((w,) * 5 for w in "abcdef")
    found = _stock([(frozenset({a, b, c}), 3), (frozenset({a, b, d}), 3), (frozenset({e, f, c}), 3)])
    assert found[0] == {c: 1} and found[1] == {} and found[2] == {c: 1}


def test_a_spun_version_does_not_hide_that_two_stories_share_their_text():
    """A story's clean version and its spun one have different sentences: relatedness counts the
    sentences of one version, not of the story's versions together."""
    from recension.collate import _stock

    a, b, c, p, q, r, s, t, u, v, w, x = ((k,) * 5 for k in "abcpqrstuvwx")
    # story 0: a clean version (a, b, c) and a spun one (p, q, r, s); story 1 carries a, b, c.
    found = _stock([(frozenset({a, b, c, p, q, r, s}), 4), (frozenset({a, b, c, t, u, v, w, x}), 8)])
    assert found == [{}, {}]


def test_spun_text_is_repaired_only_where_the_phrase_usually_stood_for_the_clean_one():
    from recension.collate import ARCHIVE_CONFIDENCE
    from recension.spin import Lexicon

    def toks(text: str) -> tuple[str, ...]:
        return tuple(lower_words(text))

    lex = Lexicon()
    # "large" stood once for "big", and once for itself; "final yr" always for "last year".
    lex.learn(toks("the large harbour opened a large new dock final yr"),
              toks("the big harbour opened a large new dock last year"))
    for _ in range(3):
        lex.learn(toks("a large crowd came to see the final yr parade"),
                  toks("a large crowd came to see the last year parade"))
    fixed, repairs = lex.apply("The large harbour reopened final yr.", set(), ARCHIVE_CONFIDENCE)
    assert fixed == "The large harbour reopened last year."  # "large" is mostly the reporter's own word
    assert [(r[0], r[1]) for r in repairs] == [("final yr", "last year")]
    assert Lexicon.from_json(lex.to_json()).apply("final yr", set(), ARCHIVE_CONFIDENCE)[0] == "last year"


def test_a_paragraph_one_copy_moved_is_said_once():
    from recension.ingest import read_capture

    paras = ["The port authority approved a plan on Monday to deepen the main channel by two metres.",
             "Work is expected to start in April and to take about eighteen months, officials said.",
             "The plan was first proposed in 2019 by the regional shipping association.",
             "Fishing groups said they would challenge the permits in the regional court.",
             "The authority said the channel would let larger container ships reach the inner docks."]
    moved = [paras[0], paras[3], paras[1], paras[2], paras[4]]  # one copy put the fourth paragraph second
    caps = [read_capture(("Title: Port to deepen its channel\n\n" + "\n\n".join(p) + "\n").encode(), f"{s}/port.txt")
            for s, p in (("a", paras), ("b", paras), ("c", moved))]
    [story] = collate(caps)
    assert story.body.count("Fishing groups said") == 1
    assert story.body.index("Fishing groups") > story.body.index("first proposed")  # where most copies have it


def test_flags_that_would_leave_a_story_no_text_are_withdrawn():
    """A story whose every sentence is a stock remark still has a text, and its notes say why."""
    from recension.collate import _collate_story, sentence_key
    from recension.ingest import read_capture

    remarks = [STOCK, "Such moments are rare and precious for everyone who lives through them."]
    cap = read_capture(("Title: A quiet week\n\n" + "\n\n".join(remarks) + "\n").encode(), "site/quiet.txt")
    assert cap.body.split("\n\n") == remarks
    flagged = {sentence_key(tuple(lower_words(r))): 20 for r in remarks}
    story, _ = _collate_story([cap], None, stock=flagged)
    assert story.body.split("\n\n") == remarks
    reasons = [seg.reason for p in story.passages for seg in p.segments]
    assert all("would leave the story no text" in r for r in reasons)
    partly = {sentence_key(tuple(lower_words(remarks[0]))): 20}
    story, _ = _collate_story([cap], None, stock=partly)
    assert story.body == remarks[1]


def _standfirst_versions():
    from recension.ingest import read_capture

    case = next(c for c in cases("captures.json") if "standfirst" in c)
    lines = case["lines"]
    body = lines[lines.index(next(x for x in lines if x.startswith("By "))) + 2 : -4]
    plain = ["Harbour Herald", "", case["title"], "", *body, "", "© Harbour Herald"]
    a = read_capture("\n".join(lines).encode(), "a.txt", 0.0)
    b = read_capture("\n".join(plain).encode(), "b.txt", 0.0)
    return case, a, b


def test_the_story_takes_its_standfirst_from_a_source_that_has_one():
    case, a, b = _standfirst_versions()
    for order in ([a, b], [b, a]):
        (story,) = collate(order)
        assert story.standfirst == case["standfirst"] and story.standfirst_source == "a.txt"
        assert story.notes["standfirst"] == {"text": case["standfirst"], "path": "a.txt"}
        assert case["standfirst"] not in story.body


def test_a_summary_that_repeats_the_opening_is_no_standfirst():
    from dataclasses import replace

    from recension.model import Meta

    _case, a, b = _standfirst_versions()
    opening = a.body.split("\n\n")[0]
    a = replace(a, meta={**a.meta, "summary": Meta(opening[:150] + "…", "meta og:description")})
    (story,) = collate([a, b])
    assert story.standfirst == "" and story.notes["standfirst"] is None


def test_copies_of_one_spun_text_do_not_outvote_the_clean_version():
    """Reprints of one spun copy agree with each other; the unspun reading still wins the vote."""
    from recension.ingest import read_capture

    paras = ["The city council said on Monday that it would help people buy new homes near the big harbour "
             "before the start of next year.",
             "Officials said the plan would show how the city can grow without pushing people out of the "
             "neighbourhoods where they work.",
             "The council said the first new homes would be ready next year and that people could apply "
             "online from the start of March.",
             "Critics said the city had made big promises before and asked how many new homes would be built "
             "for people on low incomes."]
    # A spinner's rarer synonyms for common words (test data, not a rule).
    swaps = {"said": "stated", "help": "aid", "people": "folks", "buy": "procure", "new": "novel",
             "big": "sizable", "start": "commencement", "show": "exhibit", "city": "metropolis"}
    spun = [" ".join(swaps.get(w, w) for w in p.split(" ")) for p in paras]

    def capture(site: str, body: list[str]) -> object:
        text = f"Title: Council plans homes by the harbour\nSource: {site}\n\n" + "\n\n".join(body) + "\n"
        return read_capture(text.encode(), f"{site}/homes.txt")

    caps = [capture("clean-daily", paras), capture("copy-one", spun), capture("copy-two", spun)]
    [story] = collate(caps)
    srcs, spun_paths, _clean = _by_spin(story)
    assert set(spun_paths) == {"copy-one/homes.txt", "copy-two/homes.txt"}, srcs
    assert story.body.split("\n\n") == paras


def test_a_sentence_of_another_story_that_one_copy_alone_carries_is_dropped():
    """A related-article teaser or a company's boilerplate pasted by one copy: it stands word for
    word in an unrelated story of the archive, so it is not this story's text; that story keeps it."""
    from recension.ingest import read_capture

    port = ["The port authority approved a plan on Monday to deepen the main channel by two metres.",
            "Work is expected to start in April and to take about eighteen months, officials said.",
            "Fishing groups said they would challenge the permits in the regional court next week."]
    rail = ["The regional rail operator will add twelve trains a day between the two cities from May.",
            "Ticket prices will stay the same until the end of the year, the operator said on Tuesday.",
            "Commuter groups welcomed the plan but asked for later trains on weekends and holidays."]
    teaser = rail[0]

    def capture(path: str, title: str, body: list[str]) -> object:
        return read_capture((f"Title: {title}\n\n" + "\n\n".join(body) + "\n").encode(), path, 0.0)

    caps = [capture("a/port.txt", "Port to deepen its channel", port),
            capture("b/port.txt", "Port to deepen its channel", [*port[:2], teaser, port[2]]),
            capture("c/rail.txt", "More trains between the cities", rail)]
    stories = {s.title: s for s in collate(caps)}
    port_story, rail_story = stories["Port to deepen its channel"], stories["More trains between the cities"]
    assert teaser not in port_story.body and port_story.body.split("\n\n") == port
    dropped = {d["text"]: d["reason"] for s in port_story.notes["sources"] for d in s["dropped"]}
    assert "unrelated" in dropped[teaser]
    assert teaser in rail_story.body


def test_what_one_copy_alone_carries_above_where_every_other_copy_begins_is_page_furniture():
    """A summary and a photo caption one page prints above the article: the other copies begin at
    the article's first sentence, so those lines are dropped, with their reason."""
    from recension.ingest import read_capture

    port = ["The port authority approved a plan on Monday to deepen the main channel by two metres.",
            "Work is expected to start in April and to take about eighteen months, officials said.",
            "Fishing groups said they would challenge the permits in the regional court next week."]
    above = ["Officials say the deeper channel will let larger container ships reach the city.",
             "A dredger works near the harbour entrance on Monday afternoon, seen from the pier."]

    def capture(path: str, body: list[str]) -> object:
        return read_capture(("Title: Port to deepen its channel\n\n" + "\n\n".join(body) + "\n").encode(), path, 0.0)

    story = collate([capture("a/port.txt", [*above, *port]), capture("b/port.txt", port)])[0]
    assert story.body.split("\n\n") == port
    dropped = {d["text"]: d["reason"] for s in story.notes["sources"] for d in s["dropped"]}
    assert all("every other copy begins" in dropped[line] for line in above)
    # A copy alone, or a passage below the shared start, is no such furniture.
    assert collate([capture("c/port.txt", [*above, *port])])[0].body.split("\n\n") == [*above, *port]


def test_a_restored_contraction_reads_as_one():
    """A spinner writes "do not" for "don't": the repair gives back "don't", not its two word parts."""
    from recension.spin import Lexicon

    lex = Lexicon()
    for _ in range(3):
        lex.learn(tuple(lower_words("they do not expect the vote before it is spring")),
                  tuple(lower_words("they don’t expect the vote before it’s spring")))
    fixed, repairs = lex.apply("Officials do not expect a decision, and it is late.", set())
    assert fixed == "Officials don't expect a decision, and it's late."
    assert lex.apply("We do not know what’s next.", set())[0] == "We don’t know what’s next."
    assert [(r[0], r[1]) for r in repairs] == [("do not", "don't"), ("it is", "it's")]
    # "'s" joins the word before it, and only across one space
    assert lex.apply("A decision. Is it late? (Is it here)", set())[0] == "A decision. Is it late? (Is it here)"


def test_lines_one_copy_joined_are_said_once():
    """One copy joins into one line what the others break into lines: the text says it once."""
    from recension.align import Unit
    from recension.collate import _said_once
    from recension.model import Segment

    texts = ["The museum reopens on Saturday after two years of building work.",
             "Opening hours Monday to Friday from nine to five",
             "Weekends from ten to four",
             "Opening hours Monday to Friday from nine to five Weekends from ten to four",
             "Open",
             "Officials said the museum reopens on Saturday after two years of building work on its roof."]
    carried = [("a", "b", "c"), ("a", "b"), ("a", "b"), ("c",), ("a", "b"), ("a",)]
    segments = [(Unit(w[0], k, k, "p", t, tuple(lower_words(t))), Segment(t, w), True)
                for k, (t, w) in enumerate(zip(texts, carried, strict=True))]
    _said_once(segments)
    shown = [seg.text for _u, seg, _b in segments if seg.shown]
    # Copies a and b broke into lines what c joined; "Open" is too short to be said twice; a copy
    # that repeats a fact in a longer sentence of its own keeps both.
    assert shown == [texts[0], texts[3], texts[4], texts[5]]
    assert all("said once" in seg.reason for _u, seg, _b in segments[1:3])


def test_a_summary_is_the_opening_again_without_its_dateline_or_a_word():
    from recension.collate import _repeats_opening

    opening = lower_words("LONDON (Reuters) - The city council said on Monday it would sell the old harbour "
                          "offices to pay for new flood defences. The sale needs a vote.")
    assert _repeats_opening(lower_words("The city council said on Monday it would sell the old harbour offices "
                                        "to pay for flood defences."), opening)
    assert not _repeats_opening(lower_words("A sale of old offices will pay for walls against the rising river, "
                                            "the council hopes."), opening)


def _report(paras: list[str], site: str):
    from recension.ingest import read_capture

    text = f"Title: Harbour police open a new station\nSource: {site}\n\n" + "\n\n".join(paras) + "\n"
    return read_capture(text.encode(), f"{site}/station.txt")


def test_one_phrase_spinners_also_use_does_not_make_a_clean_copy_spun():
    """The archive knows "police force" as a spinner's phrase for "police"; a short clean report that
    says "police force" once is still clean, and its wording stays. A copy with many different known
    spun phrases is spun."""
    from recension.collate import LONE_DENSITY, _collate_story
    from recension.spin import Lexicon

    archive = Lexicon()
    pairs = [("police force", "police"), ("final yr", "last year"), ("cell phone", "mobile phone"),
             ("know-how", "technology"), ("metropolis", "city")]
    for spun, clean in pairs:
        for _ in range(8):
            archive.learn(tuple(lower_words(spun)), tuple(lower_words(clean)))
    paras = ["The harbour district will get a new station for the local police force next spring, the mayor "
             "said on Tuesday after a vote of the council.",
             "The building on the old quay will hold offices, a front desk open day and night, and a garage "
             "for the patrol boats that now moor across the bay.",
             "Residents had asked for a station closer to the docks for years, the mayor said, and the council "
             "agreed to pay for it from this year's budget."]
    words = len(lower_words(" ".join(paras)))
    assert 2 / words >= LONE_DENSITY  # the one phrase alone covers enough of this short text
    story, _ = _collate_story([_report(paras, "daily"), _report(paras, "weekly")], archive)
    assert not any(s["spun"] for s in story.notes["sources"])
    assert "local police force next spring" in story.body
    spun = [*paras, "The metropolis bought the know-how for it final yr, with a cell phone line for each boat."]
    story, _ = _collate_story([_report(spun, "spinner")], archive)
    assert [s["spun"] for s in story.notes["sources"]] == [True]


PORT = ["The port authority approved a plan on Monday to deepen the main channel by two metres.",
        "Work is expected to start in April and to take about eighteen months, officials said.",
        "The plan was first proposed in 2019 by the regional shipping association.",
        "Fishing groups said they would challenge the permits in the regional court.",
        "The authority said the channel would let larger container ships reach the inner docks."]


def _port(site: str, paras: list[str]):
    from recension.ingest import read_capture

    text = f"Title: Port to deepen its channel\nSource: {site}\n\n" + "\n\n".join(paras) + "\n"
    return read_capture(text.encode(), f"{site}/port.txt")


def test_short_sentences_past_where_a_truncated_copy_stops_are_the_article():
    """Past the end of a truncated copy, one copy alone carries the text: a short sentence there,
    in a paragraph with a whole sentence, is the article's, not page furniture."""
    tail = ["Shipping lines welcomed the decision and said larger ships would call from next year. It is overdue.",
            "What comes next", "The dredging contract will be put out to tender before the end of the summer."]
    full = _port("full", [*PORT, *tail, "Pictures from the old quay"])
    for line in full.lines:  # as if the reader had kept the gallery link under the article
        if line.text == "Pictures from the old quay":
            line.role = "body"
    [story] = collate([full, _port("cut", PORT[:3])])
    assert story.body.endswith("\n\n".join(tail))  # the subheading between its sentences too
    dropped = [d["text"] for s in story.notes["sources"] for d in s["dropped"]]
    assert dropped == ["Pictures from the old quay"]  # a loose line past its last sentence is not the article


def test_a_loose_line_one_copy_sets_inside_the_text_is_dropped_when_the_others_go_straight_on():
    teaser = "SHIPPING CHIEFS MEET IN ROTTERDAM AS FREIGHT RATES FALL"
    inner = [*PORT[:2], teaser, *PORT[2:]]
    [story] = collate([_port("inline", inner), _port("copy-a", PORT), _port("copy-b", PORT)])
    assert teaser not in story.body and story.body.split("\n\n") == PORT
    [note] = [d for s in story.notes["sources"] for d in s["dropped"]]
    assert note["text"] == teaser and "go straight on" in note["reason"]
    # With one other copy only, the line may be a subheading the other site left out: kept, with its source.
    [story] = collate([_port("inline", inner), _port("copy-a", PORT)])
    assert teaser in story.body


def test_a_section_one_copy_alone_adds_keeps_its_heading():
    section = ["Costs and delays",
               "The authority put the cost at 120 million euros, a third more than the first estimate.",
               "Contractors warned that a wet winter could push the end of the work into 2027."]
    longer = [*PORT[:2], *section, *PORT[2:]]
    [story] = collate([_port("longer", longer), _port("copy-a", PORT), _port("copy-b", PORT)])
    paras = story.body.split("\n\n")
    assert paras[2:5] == section  # the heading stays with the paragraphs it heads


@pytest.mark.parametrize(("a", "b", "from_a", "from_b"), [
    # two copies spun apart: each kept the reporter's word where the other swapped it for a rarer one
    ("The company said its new phone would reach the shops by the close of the year.",
     "The firm said its new telephone would reach the shops by the end of the year.",
     ("The company said its new phone would reach the shops by the end of the year.", 1),
     ("The company said its new phone would reach the shops by the end of the year.", 2)),
    # numbers and names are no spinner's synonyms: never swapped for commoner ones
    ("The tiny harbour in Arlen expects 2019 to be a record year.",
     "The little harbour in Arden expects 2018 to be a record year.",
     ("The little harbour in Arlen expects 2019 to be a record year.", 1),
     ("The little harbour in Arden expects 2018 to be a record year.", 0)),
])
def test_where_spun_copies_differ_the_commoner_word_is_taken(a, b, from_a, from_b):
    from recension.align import Slot, Unit
    from recension.collate import _common_words

    slot = Slot({w: Unit(w, 0, 0, "p", t, tuple(lower_words(t))) for w, t in (("a", a), ("b", b))})
    assert _common_words(a, tuple(lower_words(a)), slot, "a") == from_a
    assert _common_words(b, tuple(lower_words(b)), slot, "b") == from_b


@pytest.mark.parametrize(("line", "closes"), [("It ended.", True), ("Was it?", True), ("“Go,” she said.”", True),
                                              ("Great day out 🙂", True), ("Love it ❤️", True),
                                              ("Read more ▶", False), ("© 2019 Harbour Herald", False),
                                              ("Costs and delays", False), ("", False)])
def test_what_closes_a_sentence(line, closes):
    from recension.text import closes_sentence

    assert closes_sentence(line) is closes
