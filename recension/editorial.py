"""Telling an editorial insertion from reporting.

Rule (documented in the README): a passage is a probable editorial insertion when
  1. one source alone carries it, in a story with two or more sources;
  2. it is an island: the copy that adds it carries attested passages within two places of it
     (so it is not the tail that a truncated copy lacks or a section that one copy alone kept);
  3. it states no fact: no number, no name (a capitalised word after the first, or a rare one
     opening it), no quotation,
     no speech attributed to someone ("critics say" attributes to no one);
  4. it reads as evaluation: an evaluative word or a hedge, or it is short (≤ 12 words);
  5. it is no heading: a line of its own that does not close as a sentence does (a subheading or
     a list item, in a paragraph without a whole sentence) is no inserted opinion.
Conditions 1 and 2 are also met, in any story, by a sentence that stands word for word in other,
unrelated stories of the archive (stories that share half the sentences of one version are related): a stock
remark that sites paste into any article. Conditions 3 and 4 still apply.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from .rules import stopwords
from .text import WORD, zipf


def headline_frame(headline: str, own_words: set[str]) -> tuple[str, ...] | None:
    """A headline's frame: its words with the story's own (content words its text also has, and
    numbers) blanked — "the truth about _", "what _ tells us about _". A frame that heads unrelated
    stories of the archive is a template a rewriter fills in: an editorial headline, not the
    wire's. None when nothing is blanked or no content word of the template is left."""
    sw = stopwords()
    frame = tuple("_" if w.isdigit() or (len(w) > 2 and w not in sw and w in own_words) else w
                  for w in (x.lower() for x in WORD.findall(headline)))
    if "_" not in frame or not any(w != "_" and w not in sw and len(w) > 2 for w in frame):
        return None
    return frame


NAME_ZIPF = 3.0  # a capitalised word rarer than this (Zipf frequency) opening a sentence is a name


@cache
def _lexicon() -> dict[str, frozenset[str]]:
    data = tomllib.loads(resources.files("recension.data").joinpath("editorial.toml").read_text("utf-8"))
    return {k: frozenset(w.lower() for w in v["words"]) for k, v in data.items()}


def facts(sentence: str) -> list[str]:
    """What makes a sentence factual reporting: numbers, names, quotations, attributions."""
    found: list[str] = []
    toks = WORD.findall(sentence)
    if any(ch.isdigit() for ch in sentence):
        found.append("a number")
    if any(t[0].isupper() and t.lower() != "i" for t in toks[1:]) or (toks and toks[0][0].isupper()
                                                                       and zipf(toks[0].lower()) < NAME_ZIPF):
        found.append("a name")  # a capitalised word after the first, or a first word too rare to be common
    if re.search(r"[\"“”]", sentence):
        found.append("a quotation")
    lows = [t.lower() for t in toks]
    for i, t in enumerate(lows):
        if t in _lexicon()["attribution"] and not (i > 0 and lows[i - 1] in _lexicon()["generic_sources"]):
            found.append("an attribution")  # "the minister said" reports; "critics say" names no one
            break
    return found


def opinion_markers(sentence: str) -> list[str]:
    low = " " + " ".join(t.lower() for t in WORD.findall(sentence)) + " "
    lex = _lexicon()
    hits = [w for w in sorted(lex["evaluative"] | lex["hedges"]) if f" {w} " in low]
    return hits


def editorial_reason(sentence: str, single_source: bool, island: bool, elsewhere: int = 0,
                     heading: bool = False) -> str | None:
    """The reason a passage is a probable editorial insertion, or None when it is reporting.

    ``elsewhere``: how many other stories of the archive carry the same sentence word for word;
    ``heading``: it is a line of its own without a sentence's end (rule 5)."""
    if facts(sentence) or not (elsewhere or (single_source and island)) or heading:
        return None
    markers = opinion_markers(sentence)
    n = len(WORD.findall(sentence))
    if not markers and n > 12:
        return None
    why = f"evaluative wording ({', '.join(markers[:4])})" if markers else "a short general remark"
    if elsewhere:
        return (f"the same sentence stands in {elsewhere} other unrelated stor{'y' if elsewhere == 1 else 'ies'}; "
                f"it states no fact; {why}: stock commentary, not this story's reporting")
    return f"one source alone adds it between attested passages; it states no fact; {why}"
