"""The rule data is general: nothing in it comes from the sample captures.

Mastheads, mottos, section labels, the story's names and the spinner's phrases of the samples
must not appear in any rule file; the samples are handled by structure alone.
"""

from __future__ import annotations

from importlib import resources

from recension.rules import normalise


def _rule_text() -> str:
    files = resources.files("recension.data")
    return "\n".join(normalise(f.read_text("utf-8")) for f in files.iterdir() if f.name.endswith((".toml", ".txt")))


def test_no_sample_masthead_or_motto_in_rules(sample_captures):
    rules = _rule_text()
    for cap in sample_captures:
        for ln in cap.lines:
            if ln.role == "masthead" or (ln.role == "chrome" and ln.number < 6):
                assert normalise(ln.text) not in rules, ln.text


def test_no_sample_spun_phrase_or_name_in_rules(sample_story):
    from recension.text import zipf

    text = _rule_text()
    words = set(text.replace('"', " ").replace(",", " ").split())
    spun = {normalise(r["text"]) for v in sample_story.notes["variants"] for r in v["readings"][1:]}
    chosen = {normalise(v["chosen"]) for v in sample_story.notes["variants"]}
    for phrase in spun - chosen:
        if " " in phrase:
            assert f'"{phrase}"' not in text, phrase  # a spinner's phrase as a rule entry
        else:
            # common English words ("good", "should") may sit in lexicons; a spinner's rare pick may not
            assert phrase not in words or zipf(phrase) >= 4.0, phrase
    from recension.rules import boilerplate

    agencies = {normalise(a) for a in boilerplate().agencies}  # wire services syndicate everywhere: generic
    names = {normalise(w) for p in sample_story.passages for s in p.segments for w in s.text.split()[1:]
             if w[:1].isupper() and len(w) > 3 and zipf(w.lower()) < 4.0}
    assert not (names & words) - agencies, names & words
