"""The parts around a text capture's article that are neither article text nor plain chrome: the
section label over the headline, the site's motto under its masthead, the standfirst between the
headline and the text, and pictures' captions. Each is named by its place and shape; the lines
stay out of the body (a standfirst becomes the capture's summary)."""

from __future__ import annotations

import re

from .chrome import WORD, Features, features
from .dates import DATELINE_LEAD, is_dateline
from .model import Line, Meta
from .titles import support

STANDFIRST_SUPPORT = 0.5  # share of a standfirst's content words (rarer weigh more) the article carries
_DIGITS = re.compile(r"\d")
_SENTENCE = re.compile(r"[.!?…][\"”’')]*$")
_CREDIT = re.compile(r"\W*(photo|image|picture|photograph|credit|copyright)s?\b", re.IGNORECASE)  # a picture's credit
# Not a standfirst: a handle, markup or a table's bar; a leading date or number (or a dateline).
_NOT_PROSE = re.compile(r"[@<>|]|^\W*\d")


def _section(text: str, f: Features) -> bool:
    """A section label: one to three capitalised words, no sentence, no number."""
    words = WORD.findall(text)
    return 1 <= f.words <= 3 and not f.terminal and not _DIGITS.search(text) and not f.concept \
        and all(w[0].isupper() for w in words) and not text.rstrip().endswith(":") \
        and max(map(len, words), default=0) >= 3


def _motto(text: str, f: Features) -> bool:
    """A motto: a short phrase with a function word or a comma ("Serving the valley since 1901")."""
    return 3 <= f.words <= 10 and not f.concept and not f.linkish and not f.bullet \
        and (f.stop > 0 or "," in text) and not text.rstrip().endswith(("?", ":"))


def label_parts(lines: list[Line], feats: dict[int, Features], idx: list[int], body_idx: list[int],
                meta: dict[str, Meta]) -> None:
    """Give the section label, motto, standfirst and caption lines their roles and reasons (in place);
    a standfirst also becomes ``meta["summary"]`` and a section label ``meta["section"]``."""
    if not body_idx:
        return
    pos = {i: k for k, i in enumerate(idx)}
    first_body = body_idx[0]
    body_text = tuple(lines[i].text for i in body_idx)
    title = next((i for i in idx if lines[i].role == "title"), None)
    top = idx[0]
    if lines[top].role == "masthead" and pos[top] + 1 < len(idx):
        nxt = idx[pos[top] + 1]
        if lines[nxt].role == "chrome" and _motto(lines[nxt].text, feats[nxt]) and nxt < first_body \
                and (title is None or nxt < title):
            lines[nxt].role, lines[nxt].reason = "motto", "the line under the masthead, a phrase: the site's motto"
    if title is not None:
        shown = meta["title"].value if "title" in meta else ""
        text = lines[title].text
        if shown and text != shown and text.endswith(shown):
            label = text[: -len(shown)].strip(" |–—:-")
            if label and _section(label, features(label)):
                meta.setdefault("section", Meta(label, "text"))
        k = pos[title]
        for j in idx[max(0, k - 2) : k][::-1]:  # the nearest line above the headline (past a date)
            if lines[j].role == "chrome" and _section(lines[j].text, feats[j]):
                lines[j].role, lines[j].reason = "section", "a short label right above the headline: its section"
                meta.setdefault("section", Meta(lines[j].text, "text"))
                break
            if not is_dateline(lines[j].text):
                break
    start = title if title is not None and title < first_body else None
    for k, i in enumerate(idx):
        ln, f = lines[i], feats[i]
        if ln.role != "chrome" or i > body_idx[-1]:
            continue
        after = idx[k + 1] if k + 1 < len(idx) else None
        credited = after is not None and feats[after].concept == "media" and bool(_CREDIT.match(lines[after].text))
        if f.concept == "media" and f.words >= 4 and "|" not in ln.text:
            ln.role, ln.reason = "caption", "a picture's caption (it names the picture's credit)"
        elif credited and f.words >= 4 and not f.concept:
            ln.role, ln.reason = "caption", "a picture's caption (the picture's credit follows it)"
        elif start is not None and start < i < first_body and "summary" not in meta and 8 <= f.words <= 60 \
                and not f.concept and not f.linkish and not f.bullet and f.title_case < 0.6 \
                and _SENTENCE.search(ln.text) and not _NOT_PROSE.search(ln.text) and not DATELINE_LEAD.match(ln.text) \
                and support(ln.text, body_text) >= STANDFIRST_SUPPORT:
            ln.role = "standfirst"
            ln.reason = "a sentence between the headline and the text that the text bears out: the standfirst"
            meta["summary"] = Meta(ln.text, "text")
