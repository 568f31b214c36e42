"""Properties: ingest never fails on arbitrary bytes except with a reason; repair is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recension.ingest import read_capture
from recension.model import CaptureError
from recension.repair import repair_text

LINES = st.lists(st.one_of(
    st.text(max_size=120),
    st.sampled_from(["Home", "Share", "0:00", "© 2024", "", "By Jo Bloggs", "Read more:", "×"]),
    st.just("The mayor said on Monday that 12 schools would reopen next week after repairs to the heating."),
), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_ingest_never_raises_on_bytes(data):
    for name in ("x.txt", "x.html"):
        try:
            cap = read_capture(data, name, 0.0)
        except CaptureError as exc:
            assert str(exc)
        else:
            assert cap.body


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_ingest_never_raises_on_line_soup(lines):
    try:
        read_capture("\n".join(lines).encode("utf-8", "surrogatepass"), "soup.txt", 0.0)
    except CaptureError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_repair_is_idempotent(text):
    once, _ = repair_text(text)
    twice, changes = repair_text(once)
    assert twice == once
    assert not changes


# Text that ftfy has work on: mojibake of accented and typographic characters, entities, ligatures,
# full-width forms, controls, decomposed accents, mixed with clean curly quotes and accents.
FTFY_PIECES = st.sampled_from(["café", "CafÃ©", "â€œquotedâ€\x9d", "“quoted”", "naïve", "na\u0308ive", "ﬁne",
                               "ＬＯＵＤ", "a &amp; b", "\x1b[31mred", "\x85", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет", "â€”", "—",
                               " ", "The mayor said ", "€5", "â‚¬5", "\ufeff", "¿Qué?", "Â¿QuÃ©?"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(FTFY_PIECES, max_size=8).map("".join)))
def test_lines_left_to_themselves_are_lines_ftfy_leaves_alone(line):
    """Repair skips ftfy on most lines; it must skip only lines that ftfy would not change."""
    import ftfy

    from recension.repair import _FTFY, _needs_ftfy

    if not _needs_ftfy(line):
        assert ftfy.fix_and_explain(line, config=_FTFY).text == line


SENTENCES = [
    "The council of {t} approved {n} million for the new bridge on Tuesday.",
    "Officials in {t} said work would start in {y} and last {m} months.",
    "Critics argued the {n} million should go to housing instead.",
    "A petition with {k} signatures was handed to the mayor of {t}.",
    "The mayor said the decision would be reviewed if costs rose.",
    "Residents will be able to comment on the plans until {y}.",
]
TOWNS = ["Arden", "Belmont", "Corvale", "Dunmore"]


@st.composite
def archives(draw):
    """Versions of a few stories: sentences dropped, reordered within limits, words swapped."""
    captures = {}
    for s, town in enumerate(draw(st.lists(st.sampled_from(TOWNS), min_size=1, max_size=3, unique=True))):
        base = [x.format(t=town, n=10 + s, y=2030 + s, m=12 + s, k=100 * (s + 1)) for x in SENTENCES]
        for v in range(draw(st.integers(1, 3))):
            keep = [x for x in base if draw(st.booleans()) or x is base[0]] or base[:1]
            text = "\n\n".join(keep)
            if draw(st.booleans()):
                text = text.replace("said", "stated").replace("new", "brand new")
            captures[f"{town}-{v}.txt"] = text + "\n"
    return captures


def _words(text: str) -> set[str]:
    import re

    return {w.lower() for w in re.findall(r"\w+", text)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives(), st.randoms(use_true_random=False))
def test_collation_invents_no_words_and_ignores_file_order(files, rnd):
    from recension.collate import collate

    caps = [read_capture(text.encode(), name, 0.0) for name, text in sorted(files.items())]
    stories = collate(caps)
    shuffled = list(caps)
    rnd.shuffle(shuffled)
    again = collate(shuffled)
    assert sorted(sorted(c.path for c in s.captures) for s in stories) == \
        sorted(sorted(c.path for c in s.captures) for s in again)
    for story in stories:
        witnessed = set().union(*(_words(c.body) for c in story.captures))
        repaired = set().union(*(_words(r["clean"]) for src in story.notes["sources"] for r in src["restored"]))
        assert _words(story.body) <= witnessed | repaired


TOKENS = st.lists(st.sampled_from(["the", "port", "big", "large", "said", "on", "monday", "a", "dock"]), max_size=30)


@given(TOKENS, TOKENS)
def test_opcodes_are_an_edit_script_with_the_longest_common_run(a, b):
    """The word-level differences the collation reads: they turn ``a`` into ``b``, alternate
    between equal and changed runs, and keep as many words equal as difflib does or more."""
    from difflib import SequenceMatcher

    from recension.text import opcodes

    ops = opcodes(a, b)
    rebuilt, kept = [], 0
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        assert tag in ("equal", "replace", "insert", "delete")
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            kept += i2 - i1
        else:
            assert k == 0 or ops[k - 1][0] == "equal"  # one change between two equal runs
            assert (tag == "insert") == (i1 == i2) and (tag == "delete") == (j1 == j2)
        rebuilt += b[j1:j2]
    assert rebuilt == b and (ops[-1][2], ops[-1][4]) == (len(a), len(b)) if ops else a == b == []
    difflib_kept = sum(i2 - i1 for tag, i1, i2, _, _ in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
                       if tag == "equal")
    assert kept >= difflib_kept


LINE_ENDS = st.lists(st.sampled_from(['.', '!', '?', '…', '。', '"', '”', '’', "'", ")", "]", "」", "』", "）", "a",
                                      " ", "http://x", "www.", "a@b.cd", " | ", "»", "›", "#a #b", "@", "#",
                                      " May 3, 2024", "3/4/2024", "2024-01-02", "12"]), max_size=8)


@given(st.text(max_size=60), LINE_ENDS)
def test_the_quick_line_checks_say_what_their_patterns_say(text, ends):
    """A line's sentence end is read from its end alone, and a line is searched for links only when
    it holds what a link needs: the same answers as the full patterns'."""
    from recension import chrome

    line = text + "".join(ends)
    assert chrome._terminal(line.strip()) == bool(chrome._TERMINAL.search(line.strip()))
    assert chrome.features(line).linkish == bool(chrome._LINKISH.search(line))
    from recension.dates import _YEAR, DATE

    assert bool(_YEAR.search(line)) or not DATE.search(line)
