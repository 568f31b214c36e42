"""Chrome stripping and metadata on synthetic captures written for these tests.

The captures use invented sites and wording: nothing here is taken from the sample captures or
the corpora, so passing them shows that the rules are structural, not tuned to known files.
"""

from __future__ import annotations

import pytest
from conftest import cases

from recension import chrome
from recension.ingest import read_capture
from recension.model import CaptureError


def _ingest(case):
    return read_capture("\n".join(case["lines"]).encode("utf-8"), "captures/" + case["name"][:20] + ".txt", 0.0)


@pytest.mark.parametrize("case", cases("captures.json"), ids=lambda c: c["name"][:40])
def test_capture_parts(case):
    cap = _ingest(case)
    body = cap.body
    assert cap.title == case["title"]
    assert cap.source == case["source"]
    for line in case["keep"]:
        assert line in body, line
    body_lines = set(body.split("\n\n"))
    for line in case["remove"]:
        assert line not in body_lines and (len(line) < 20 or line not in body), line
    for text in case.get("not_in_body", []):
        assert text not in body
    for key in ("byline", "attribution", "section"):
        if key in case:
            assert cap.get(key) == case[key]
    if "standfirst" in case:
        assert cap.get("summary") == case["standfirst"] and case["standfirst"] not in body
    roles = {ln.text: ln.role for ln in cap.lines}
    for text, role in case.get("roles", {}).items():
        assert roles.get(text) == role, (text, roles.get(text))
    if "date" in case:
        assert cap.get("date").startswith(case["date"])
        assert cap.meta["date"].origin == "text"


@pytest.mark.parametrize("case", cases("boilerplate.json"), ids=lambda c: c["line"][:40])
def test_boilerplate_concepts(case):
    """Each curated rule names the kind of line it is for, and leaves sentences alone."""
    assert chrome.features(case["line"]).concept == case["concept"], case["why"]


def test_every_removed_line_has_a_reason():
    cap = _ingest(cases("captures.json")[0])
    removed = [ln for ln in cap.lines if not ln.kept]
    assert removed and all(ln.reason for ln in removed)
    assert sum(1 for ch in cap.changes if ch.stage == "chrome") == len(removed)


def test_header_overrides_inference():
    case = cases("captures.json")[1]
    data = ("Title: Alert raised on the island\nSource: Courier Online\nDate: 2023-06-13\n\n"
            + "\n".join(case["lines"])).encode()
    cap = read_capture(data, "x.txt", 0.0)
    assert (cap.title, cap.source) == ("Alert raised on the island", "Courier Online")
    assert cap.get("date") == "2023-06-13" and cap.meta["date"].origin == "header"


def test_folder_names_the_source_when_nothing_else_does():
    sentence = "Rain is expected across the north of the country for most of the coming week, forecasters said."
    text = "\n\n".join([sentence] * 3)
    cap = read_capture(text.encode(), "valley-times/2024-rain.txt", 1_700_000_000.0)
    assert cap.source == "valley-times" and cap.meta["source"].origin == "folder"
    assert cap.meta["date"].origin == "file-mtime"


def test_a_capture_that_is_all_chrome_is_refused():
    data = "\n".join(["Home", "News", "Sport", "Subscribe", "Facebook", "Twitter", "© 2024 Site"]).encode()
    with pytest.raises(CaptureError, match="no article body|no paragraph"):
        read_capture(data, "menu.txt", 0.0)


def test_bad_input_gets_a_reason_not_a_crash():
    from recension.decode import MAX_BYTES

    huge = b"The council met on Monday to discuss the budget for next year.\n\n" * (2 * MAX_BYTES // 64)
    with pytest.raises(CaptureError, match="MB"):
        read_capture(huge, "huge.txt", 0.0)
    with pytest.raises(CaptureError, match="binary"):
        read_capture(b"Some text\x00with NUL bytes\x00" * 200, "nul.txt", 0.0)
    with pytest.raises(CaptureError, match="empty"):
        read_capture(b"", "empty.txt", 0.0)


def test_a_very_long_line_is_read():
    sentence = "The council met on Monday to discuss the budget for the coming year, officials said. "
    line = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    cap = read_capture(f"Council budget talks continue\n\n{line}\n".encode(), "long.txt", 0.0)
    assert len(cap.body) >= 99_000


def test_with_a_header_title_the_first_paragraph_stays_text():
    """Without a header a short first paragraph may be read as the headline; the header's title
    says it is not, and the paragraph goes back to the body."""
    paras = ["The city council said on Monday that it would help people buy new homes near the big harbour "
             "before the start of next year.",
             "Officials said the plan would show how the city can grow without pushing people out of the "
             "neighbourhoods where they work.",
             "The council said the first new homes would be ready next year and that people could apply "
             "online from the start of March."]
    text = "\n\n".join(paras)
    assert read_capture(text.encode(), "a.txt", 0.0).title == paras[0]
    cap = read_capture(("Title: Council plans homes by the harbour\n\n" + text).encode(), "a.txt", 0.0)
    assert cap.title == "Council plans homes by the harbour"
    assert cap.body.split("\n\n") == paras


def _thread_page(sidebar: bool) -> tuple[list[str], list[str]]:
    """A short article, then a comment thread (commenter lines above prose comments); with
    ``sidebar``, a list of recent comments' timestamps above the article instead of a thread below."""
    article = ["Council approves the new harbour footbridge after a long debate",
               "The council approved the new footbridge across the harbour on Tuesday by 23 votes to 9, "
               "and building work is to start in the spring."]
    comments = ["Ann Marsh on March 3, 2021 at 9:12 am said:",
                "I have waited years for this bridge, and I hope they finish it before the summer crowds arrive.",
                "Tom Reyes on March 3, 2021 at 10:40 am said:",
                "The cost has doubled since the first plan, and nobody has explained where the money will come from.",
                "Lena Ode on March 4, 2021 at 8:05 am said:",
                "Good news for everyone who walks to the station from the old town every morning."]
    if sidebar:
        lines = ["Harbour Gazette", "Recent comments", "2 hours ago", "5 hours ago", "1 day ago", "Subscribe",
                 *article]
    else:
        lines = ["Harbour Gazette", *article, "Posted in Local | 3 Comments", *comments]
    return lines, article


@pytest.mark.parametrize("sidebar", [False, True])
def test_the_article_above_a_thread_that_held_every_kept_paragraph(sidebar):
    """When the classifier kept only the first comment, the thread starts at the commenter line above
    it and the article above the thread is kept; timestamps above the article are no such thread."""
    from recension.linefeatures import make_doc
    from recension.textcapture import _above_thread, _comment_thread

    lines, article = _thread_page(sidebar)
    doc = make_doc(lines)
    feats = dict(zip(doc.idx, doc.feats, strict=True))
    classes = dict(zip(doc.idx, doc.classes, strict=True))
    kept_text = lines[-1] if sidebar else lines[lines.index(article[1]) + 3]  # the first comment, or the article
    keep = {i: lines[i] == kept_text for i in doc.idx}
    scores = {i: 0.9 if keep[i] else 0.4 if lines[i] == article[1] else 0.05 for i in doc.idx}
    thread = _comment_thread(doc.idx, feats, classes, keep)
    if sidebar:
        assert thread is None
        return
    assert thread is not None and lines[thread[0]].startswith("Ann Marsh on")
    assert [lines[i] for i in _above_thread(doc.idx, thread[0], classes, scores)] == [article[1]]


def _headline_page(first: str) -> list[str]:
    """A page: its title line, a tag cloud and teasers of other stories (prose-like), then the
    headline again with its article below, then a footer."""
    return [first, "Home", "News", "Sport",
            "bridge budget council harbour ferry festival library museum parking port school transport weather",
            "Storm closes the coast road for a second night Drivers were told to avoid the coast road after "
            "waves flooded it near the old lighthouse again on Sunday evening.",
            "New bakery opens in the market hall A family bakery has opened the first new stall in the "
            "market hall in three years, selling bread baked in the town.",
            "Council approves harbour footbridge after long debate",
            "12 March 2021",
            "The council approved the new harbour footbridge on Tuesday by 23 votes to 9, after a debate "
            "that lasted more than four hours.",
            "Building work on the footbridge is to start in the spring and should take about a year, the "
            "council's planning office said.",
            "Share this story", "Contact us", "Privacy"]


@pytest.mark.parametrize("first", ["Council approves harbour footbridge after long debate - Harbour Gazette",
                                   "Council approves harbour footbridge after long debate"])
def test_the_article_below_the_pages_headline_over_teasers_kept_above_it(first):
    """The page's title recurs as the headline; the classifier kept only the teasers above it: the
    prose below the headline, which carries its words, is the article, and the teasers are dropped."""
    from recension.linefeatures import make_doc
    from recension.textcapture import _below_headline

    lines = _headline_page(first)
    doc = make_doc(lines)
    classes = dict(zip(doc.idx, doc.classes, strict=True))
    keep = {i: lines[i].startswith(("Storm", "New bakery", "bridge budget")) for i in doc.idx}
    head, article = _below_headline(doc, keep, classes)
    assert lines[head] == "Council approves harbour footbridge after long debate"
    assert [lines[i][:20] for i in article] == ["The council approved", "Building work on the"]
    keep_below = {i: lines[i].startswith(("The council", "Building work")) for i in doc.idx}
    assert _below_headline(doc, keep_below, classes) is None  # the article was kept: nothing to do


def test_a_site_name_repeated_in_the_footer_is_no_headline_to_anchor_on():
    """A short first line is the site's name: its footer heading repeats it above an "about us"
    paragraph that carries its words, and the article kept above stays."""
    from recension.linefeatures import make_doc
    from recension.textcapture import _below_headline

    article = ("The council approved the new harbour footbridge on Tuesday by 23 votes to 9, after a debate "
               "that lasted more than four hours.")
    lines = ["Harbour Gazette", "Home", "News", "Council approves harbour footbridge after long debate", article,
             "Harbour Gazette", "The Harbour Gazette has reported the news of the harbour towns since 1901 and is "
             "owned by its readers' cooperative."]
    doc = make_doc(lines)
    classes = dict(zip(doc.idx, doc.classes, strict=True))
    assert doc.title_pos is not None  # the first line recurs
    assert _below_headline(doc, {i: lines[i] == article for i in doc.idx}, classes) is None


@pytest.mark.parametrize("lines, kept, expect", [
    # A table the article introduces with a colon, whose last rows alone were kept: kept whole, with
    # its introduction and its header.
    (["Final standings after 36 races:", "Pos. Driver Points", "1 Kyle Busch 5040", "2 Martin Truex 5035",
      "3 Kevin Harvick 5033", "4 Denny Hamlin 5027", "Share this"],
     {"4 Denny Hamlin 5027"}, {"Final standings after 36 races:", "Pos. Driver Points", "1 Kyle Busch 5040",
                               "2 Martin Truex 5035", "3 Kevin Harvick 5033"}),
    # The article's text goes on right under the table (a note on it kept): the table is the article's.
    (["Final standings after 36 races:", "1 Kyle Busch 5040", "2 Martin Truex 5035", "3 Kevin Harvick 5033",
      "* Only the first twelve race for the title.", "Share this"],
     {"* Only the first twelve race for the title."},
     {"Final standings after 36 races:", "1 Kyle Busch 5040", "2 Martin Truex 5035", "3 Kevin Harvick 5033"}),
    # A kept introduction, then numbered offers with a link under each: items and links kept.
    (["Here are this year's best offers:", "1) Lego bomber", "http://example.com/a", "2) Electric racetrack",
      "http://example.com/b", "3) Film box set", "http://example.com/c"],
     {"Here are this year's best offers:"},
     {"1) Lego bomber", "http://example.com/a", "2) Electric racetrack", "http://example.com/b",
      "3) Film box set", "http://example.com/c"}),
    # Other stories' headlines, numbered, with one of them kept: no introduction, nothing added.
    (["Most read", "1. Council approves footbridge", "2. Ferry adds night boat", "3. Bakery opens in market hall",
      "4. Storm closes coast road"], {"3. Bakery opens in market hall"}, set()),
    # A gallery's counters are no numbered list.
    (["Photos:", "1 of 3 A shopper looks at gas cans", "2 of 3 The queue outside the store",
      "3 of 3 Shelves emptied by noon"], {"1 of 3 A shopper looks at gas cans"}, set()),
])
def test_a_numbered_list_the_article_runs_into_is_kept_whole(lines, kept, expect):
    from recension.textcapture import _numbered_run

    idx = list(range(len(lines)))
    assert {lines[i] for i in _numbered_run(idx, lines, {i: lines[i] in kept for i in idx})} == expect


_ARTICLE = ["The council approved the new harbour footbridge on Tuesday by 23 votes to 9, after a debate that "
            "lasted more than four hours and drew a full public gallery.",
            "Building work on the footbridge is to start in the spring and should take about a year, the "
            "council's planning office said, with the old ferry steps kept for fishing boats.",
            "Residents who opposed the plan said they would ask the minister to review the decision."]
_TEASERS = ["Ferry adds a night boat for the summer", "Nov 18, 2019",
            "The ferry company will run a late boat on Fridays and Saturdays from June.",
            "Bakery opens in the market hall",
            "Nov 17, 2019", "A family bakery has opened the first new stall in the market hall in three years.",
            "Storm closes the coast road", "Nov 16, 2019"]
_ENTRY = ("The leader of the council told the chamber that the vote settled a question the town had argued over "
          "for a generation, and that the bridge would be open before the next summer season began. The opposition "
          "said the cost had doubled since the first plans and asked for the accounts to be published in full, "
          "line by line, before any contract is signed.")


@pytest.mark.parametrize("lines, expect", [
    # The article, then other stories, each a headline, a date and a teaser: the list starts at the first date.
    (_ARTICLE + _TEASERS, ("Nov 18, 2019", "Nov 17, 2019")),
    # Short relative times and bylines mark the items just as well.
    (_ARTICLE + ["Ferry adds a night boat", "32M ago", "Bakery opens in the market hall", "2H ago",
                "Storm closes the coast road"], ("32M ago", "2H ago")),
    (_ARTICLE + ["Ferry adds a night boat", "By Ann Marsh", "Bakery opens in the market hall", "By Tom Reed",
                "Storm closes the coast road"],
     ("By Ann Marsh", "By Tom Reed")),
    # A byline and a date above the article, a standfirst kept above them: no list.
    (["Councillors back the bridge in a late vote", "By Ann Marsh", "Nov 19, 2019", *_ARTICLE], None),
    # A live blog: each timed entry is a long paragraph, not a teaser.
    (_ARTICLE + ["Nov 18, 2019 10:32", _ENTRY, "Nov 18, 2019 10:05", _ENTRY, "Nov 18, 2019 09:40", _ENTRY], None),
    # A link list: each teaser credited to its source by its address.
    (_ARTICLE + ["Ferry adds a night boat", "3 comments harbourpost.com Travel", "Bakery opens in the market hall",
                 "townnews.org Food", "Storm closes the coast road"],
     ("3 comments harbourpost.com Travel", "townnews.org Food")),
    # The site's own address above and below a share button: one site, no list of others.
    (_ARTICLE + ["www.harbourpost.co.uk", "Share this on WhatsApp", "HP - www.harbourpost.co.uk"], None),
])
def test_a_list_of_other_stories_below_the_article_is_cut(lines, expect):
    """Item records (dates, bylines, relative times, sources' addresses) close together below the
    article, with only a headline and a teaser between them: the kept text from the first of them on
    is a listing."""
    from recension.chrome import features
    from recension.textcapture import _item_record, _listing

    idx = list(range(len(lines)))
    feats = {i: features(t) for i, t in enumerate(lines)}
    keep = {i: not _item_record(t, feats[i]) for i, t in enumerate(lines)}  # the classifier kept all but records
    found = _listing(idx, lines, feats, keep)
    assert (found and (lines[found[0]], lines[found[1]])) == (expect or None)


_CUT = ["Council approves the harbour footbridge after a four-hour debate that drew a full public gallery to...",
        "Ferry company adds a night boat on Fridays and Saturdays from June, with fares held at this year's…",
        "A family bakery has opened the first new stall in the market hall in three years, selling bread and...",
        "Storm closes the coast road for the second time this month as waves throw stones onto the..."]


@pytest.mark.parametrize("lines, expect", [
    # Teasers in a row, each cut off with an ellipsis: a list of other stories.
    (_ARTICLE + [""] + _CUT, _CUT),
    (_CUT[:3] + [""] + _ARTICLE, _CUT[:3]),
    # Two are not enough; nor are teasers with blank lines between them; nor short lines trailing off.
    (_ARTICLE + [""] + _CUT[:2], []),
    (_ARTICLE + ["", _CUT[0], "", _CUT[1], "", _CUT[2]], []),
    (_ARTICLE + ["", "“I thought…”", "“You thought what?”", "“That it would be over by now...”",
                 "“Well, it isn't...”"], []),
])
def test_teasers_in_a_row_cut_off_with_an_ellipsis_are_a_list(lines, expect):
    from recension.chrome import features
    from recension.textcapture import _cut_teasers

    idx = [i for i, t in enumerate(lines) if t.strip()]
    assert [lines[i] for i in _cut_teasers(idx, lines, {i: features(lines[i]) for i in idx})] == expect


_PLAYLIST = ["How the harbour got its bridge", "Ferry adds a night boat for the summer",
             "Bakery opens in the market hall",
             "Storm closes the coast road again", "What the new footbridge will cost", "Inside the old ferry house"]


@pytest.mark.parametrize("lines, kept, expect", [
    # A list of other stories the classifier mostly dropped: the two it kept, by the article, go too.
    (_PLAYLIST + _ARTICLE, {4, 5, 6, 7, 8}, [_PLAYLIST[4], _PLAYLIST[5]]),
    # Kept for the most part: the classifier's call stands.
    (_PLAYLIST + _ARTICLE, {1, 2, 3, 4, 5, 6, 7, 8}, []),
    # A table's rows (a number first) and a list's introduction are no headlines.
    ([f"{n} Kyle Reed 118 0 0" for n in range(1, 7)] + _ARTICLE, {4, 5, 6}, []),
])
def test_the_few_kept_lines_of_a_list_mostly_dropped_go_with_it(lines, kept, expect):
    from recension.chrome import features
    from recension.textcapture import _list_stragglers

    idx = [i for i, t in enumerate(lines) if t.strip()]
    feats = {i: features(lines[i]) for i in idx}
    assert [lines[i] for i in _list_stragglers(idx, lines, feats, {i: i in kept for i in idx})] == expect


@pytest.mark.parametrize("gap, tail, expect", [
    # A dialog's text far below the article, few words beside it: not the article.
    (45, ["Your account has been deleted! You can restore it within 30 days by following the link we sent."], True),
    # Near the article, it is the classifier's call.
    (10, ["Your account has been deleted! You can restore it within 30 days by following the link we sent."], False),
    # Far down but a large share of the kept words: the article goes on there (a long gallery between).
    (45, _ARTICLE * 2, False),
])
def test_kept_text_far_below_the_article_with_few_words_is_dropped(gap, tail, expect):
    from recension.chrome import features
    from recension.textcapture import _far_island

    lines = _ARTICLE * 2 + ["Menu item"] * gap + tail
    idx = list(range(len(lines)))
    keep = {i: i < len(_ARTICLE) * 2 or i >= len(_ARTICLE) * 2 + gap for i in idx}
    found = _far_island(idx, {i: features(t) for i, t in enumerate(lines)}, keep)
    assert (found == list(range(len(_ARTICLE) * 2 + gap, len(lines)))) if expect else found == []


@pytest.mark.parametrize("lines, kept, expect", [
    # A post embedded between two kept paragraphs: its text and signature join the article.
    ([_ARTICLE[0], "", "The bridge is open! Come and see it pic.twitter.com/abc", "",
      "— Harbour Council (@harbourcouncil) November 19, 2019", "", _ARTICLE[1]], {0, 6},
     ["The bridge is open! Come and see it pic.twitter.com/abc",
      "— Harbour Council (@harbourcouncil) November 19, 2019"]),
    # A signature without a date is no post's (a byline with a handle): nothing added.
    ([_ARTICLE[0], "", "— Ann Marsh (@annmarsh) reporter", "", _ARTICLE[1]], {0, 4}, []),
    # Far from any kept text (a sidebar's feed): nothing added.
    (["Menu", "Latest posts", "Storm warning for the coast", "— Harbour Council (@harbourcouncil) November 19, 2019",
      "Home", "About", "Contact", "Jobs"], set(), []),
])
def test_a_post_embedded_in_the_article_is_kept_whole(lines, kept, expect):
    from recension.textcapture import _embedded_posts

    idx = [i for i, t in enumerate(lines) if t.strip()]
    assert [lines[i] for i in _embedded_posts(idx, lines, {i: i in kept for i in idx})] == expect


_ROUNDS = ["1st round: 10 March – Harbour Park", "2nd round: 8 April – Riverside", "3rd round: 22 April – Old Quay",
           "4th round: 6 May – Hill Circuit", "5th round: 20 May – Harbour Park"]


@pytest.mark.parametrize("lines, kept, expect", [
    # Rows that open alike, two of five kept: the list is whole.
    (_ARTICLE + [""] + _ROUNDS, {0, 1, 2, 4, 5}, _ROUNDS[2:]),
    # One of five kept is too few to speak for the block (a menu's one stray item).
    (_ARTICLE + [""] + _ROUNDS, {0, 1, 2, 4}, []),
    # Lines too short to open alike (file names, labels) are no rows.
    (["img_1_en", "img_2_en", "img_3_en", "img_4_en"], {0, 1}, []),
])
def test_rows_that_open_alike_are_one_list(lines, kept, expect):
    from recension.textcapture import _uniform_block

    idx = [i for i, t in enumerate(lines) if t.strip()]
    assert [lines[i] for i in _uniform_block(idx, lines, {i: i in kept for i in idx})] == expect


_TOUR = ["The band's tour dates", "June 9 – West Palm Beach, FL @ Harbour Amphitheatre",
         "June 10 – Tampa, FL @ Bay Arena",
         "June 14 – Alpharetta, GA @ Park Pavilion", "June 17 – Nashville, TN @ River Hall"]


@pytest.mark.parametrize("lines, kept, expect", [
    # Kept prose right above the schedule's heading: heading and rows are the article's.
    (_ARTICLE + _TOUR, {0, 1, 2}, _TOUR),
    # One row kept: the whole schedule, with its heading.
    (_ARTICLE + [""] + _TOUR, {0, 1, 2, 5}, [t for t in _TOUR if t != _TOUR[1]]),
    # Nothing near it kept: a sidebar's event list stays out.
    (_ARTICLE + _TOUR, set(), []),
    # Three rows are not enough.
    (_ARTICLE + _TOUR[:4], {0, 1, 2}, []),
])
def test_a_schedule_the_article_runs_into_is_kept_whole(lines, kept, expect):
    from recension.chrome import features
    from recension.textcapture import _dated_list

    idx = [i for i, t in enumerate(lines) if t.strip()]
    feats = {i: features(lines[i]) for i in idx}
    assert [lines[i] for i in _dated_list(idx, lines, feats, {i: i in kept for i in idx})] == expect


_QA = ["Q: What brought you to the harbour board?",
       "A: Twenty years of fishing out of it, and a bridge that never came.",
       "Q: What will change first?", "A: The ferry steps, which we keep for the boats.", "Ok, a little fun now.",
       "Q: Favourite boat?", "A: My father's", "Q: Favourite book?", "A: Moby-Dick", "Share this"]


@pytest.mark.parametrize("kept, expect", [
    # The article keeps two questions and two answers: the run it runs into goes on, short answers and all.
    ({0, 1, 2, 3, 5}, [6, 7, 8]),
    # One question and answer kept: no interview to go on with.
    ({0, 1}, []),
    # A run the article does not run into stays as the classifier left it.
    ({0, 1, 2, 3}, []),
])
def test_an_interview_the_article_runs_into_is_kept_whole(kept, expect):
    from recension.textcapture import _interview

    idx = list(range(len(_QA)))
    assert _interview(idx, _QA, {i: i in kept for i in idx}) == expect


@pytest.mark.parametrize("lines, kept, expect", [
    # The text broken at each paragraph without blank lines: prose touching a kept paragraph joins it.
    (_ARTICLE, {2}, [0, 1]),
    # A shorter paragraph (the last, 15 words) needs the classifier's own word.
    (_ARTICLE, {0}, [1]),
    # A blank line ends the block; a short line (a caption, a heading) ends the run.
    ([_ARTICLE[0], "", _ARTICLE[1]], {0}, []),
    ([_ARTICLE[0], "Photo: Ann Marsh", _ARTICLE[1]], {0}, []),
    # Nothing kept: nothing to go on from.
    (_ARTICLE, set(), []),
])
def test_running_prose_in_the_block_of_a_kept_paragraph_is_kept(lines, kept, expect):
    from recension.chrome import features, prose_class
    from recension.textcapture import _same_block

    idx = [i for i, t in enumerate(lines) if t.strip()]
    feats = {i: features(lines[i]) for i in idx}
    classes = {i: prose_class(feats[i]) for i in idx}
    assert _same_block(idx, feats, classes, {i: i in kept for i in idx}, {}) == expect


@pytest.mark.parametrize("lines, expect", [
    # A related-stories heading inside the text and the headlines under it: a box of other stories.
    (_ARTICLE[:2] + ["More from Politics", "Ferry company adds a night boat for the summer season",
                     "Bakery opens the first new stall in the market hall", "Storm closes the coast road again",
                     *_ARTICLE[2:]],
     ["More from Politics", "Ferry company adds a night boat for the summer season",
      "Bakery opens the first new stall in the market hall", "Storm closes the coast road again"]),
    # A box's footer ("More in Politics") below the headlines it lists.
    (_ARTICLE[:2] + ["Ferry company adds a night boat for the summer season",
                     "Bakery opens the first new stall in the market hall", "More in Politics", *_ARTICLE[2:]],
     ["Ferry company adds a night boat for the summer season", "Bakery opens the first new stall in the market hall",
      "More in Politics"]),
    # One headline-shaped line after the heading is a subheading over the next paragraph: no box.
    (_ARTICLE[:2] + ["Related", "What the council decided", *_ARTICLE[2:]], []),
    # A heading that is no related-stories heading, over a short list: no box.
    (_ARTICLE[:2] + ["What comes next", "A vote in the spring", "Work starting in the summer", *_ARTICLE[2:]], []),
])
def test_a_box_of_other_stories_inside_the_text_is_dropped(lines, expect):
    from recension.chrome import features
    from recension.textcapture import _related_box

    idx = [i for i, t in enumerate(lines) if t.strip()]
    assert [lines[i] for i in _related_box(idx, {i: features(lines[i]) for i in idx})] == expect


@pytest.mark.parametrize("lines, kept, expect", [
    # A kept introduction, then a block of short items: the items are kept.
    (["Foods allowed in the first phase:", "", "any fish, sea or river", "poultry, game included", "eggs of any kind",
      "", "Share"], {"Foods allowed in the first phase:"},
     {"any fish, sea or river", "poultry, game included", "eggs of any kind"}),
    # The article ran into the list's first item only: the introduction and the other items join it.
    (["The tour's dates:", "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
      "June 10 -- Credit Union Amphitheatre, Tampa, FL", "June 14 -- Bank Amphitheatre, Alpharetta, GA"],
     {"June 10 -- Credit Union Amphitheatre, Tampa, FL"},
     {"The tour's dates:", "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
      "June 14 -- Bank Amphitheatre, Alpharetta, GA"}),
    # The article's last kept line right above the introduction: the list goes on from it.
    (["This game will help you!", "", "The game holds:", "Hundreds of tasks for the two of you",
      "Dozens of questions to get to know each other", "Challenges to finish within a week"],
     {"This game will help you!"},
     {"The game holds:", "Hundreds of tasks for the two of you", "Dozens of questions to get to know each other",
      "Challenges to finish within a week"}),
    # A tag list's label is boilerplate, not an introduction, whatever is kept above it.
    (["The council will vote again in May.", "Related Topics:", "Harbour", "Footbridge", "Council"],
     {"The council will vote again in May."}, set()),
    # Share buttons under "Share this:" are no list.
    (["Share this:", "Click to share on Facebook (Opens in new window)",
      "Click to share on Twitter (Opens in new window)"],
     {"Click to share on Twitter (Opens in new window)"}, set()),
    # A footer below a line ending with a colon (embedded posts removed): known boilerplate in the block, no list.
    (["Readers were quick to answer the campaign:", "", "Published 10:02 AM EST Nov 19, 2019",
      "Terms of Service Privacy Notice", "© 2019 The Harbour Gazette"], {"Readers were quick to answer the campaign:"},
     set()),
    # A date line in the block: no list either.
    (["Coming up:", "Council meeting", "19 November 2019", "Harbour festival"], {"Coming up:"}, set()),
    # Paragraphs below the introduction are no block of short lines.
    (["He said:", "", "The bridge will open in spring, and the old ferry steps will stay for the fishing boats that "
      "still land their catch in the harbour every morning before the market opens.", "Nothing else."],
     {"He said:"}, set()),
])
def test_a_list_the_article_introduces_with_a_colon_is_kept_whole(lines, kept, expect):
    from recension.chrome import features
    from recension.textcapture import _colon_list

    idx = [i for i, t in enumerate(lines) if t.strip()]
    feats = {i: features(lines[i]) for i in idx}
    assert {lines[i] for i in _colon_list(idx, lines, feats, {i: lines[i] in kept for i in idx})} == expect
