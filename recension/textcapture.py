"""Plain-text captures: bytes → repaired text → classified lines → a Capture with metadata."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from rapidfuzz import fuzz

from . import chrome
from .chrome import WORD, Features
from .dates import DATE, DATELINE_LEAD, DAY_LEAD, find_date, is_dateline
from .decode import decode_bytes
from .header import split_header
from .headline import Chooser, default_chooser, relative
from .layout import heading_kinds
from .lineclassifier import default_model
from .linefeatures import Doc, make_doc, vectors
from .model import Capture, CaptureError, Change, Line, Meta
from .parts import label_parts
from .repair import repair_text
from .rules import boilerplate, listing_records
from .text import lower_words
from .titles import strip_section_label, strip_site_suffix, support

_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_ADDRESS = re.compile(r"https?://|www\.|\S+@\S+\.\w")  # a web or mail address: never a headline
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _byline(text: str, f: Features) -> str | None:
    if f.words == 0 or f.words > 12:
        return None
    m = re.match(r"(?i)^(?:by|written by|words by|story by|posted by|author:?)\s+(.+)$", text.strip())
    if m:
        return m.group(1).strip()
    # "Jane Doe - Nov 19, 2019": a name next to a date.
    found = find_date(text)
    if found:
        name = text.split(found[1])[0].strip(" -–—|,·•")
        words = WORD.findall(name)
        if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words):
            return name
    return None


THRESHOLD = 0.5  # classifier probability at which a line is article text
MARKED_HEADLINE = 0.5  # headline score added for a line the layout marks as a heading
# Reasons of a headline taken from the article's first line (which is body text otherwise).
FIRST_LINE_HEADLINE = ("the article's first line is a headline; no line above it is supported",
                       "no headline above the article: its short first line is the headline",
                       "no line above the article is supported as its headline: this heading among its first "
                       "lines is, and the text after it bears it out")


HEADLINE_BELOW = 2  # kept lines above a headline-shaped line that may be another story's teaser


def _headline_below(span: list[int], body_idx: list[int], lines: list[Line], feats: dict, classes: dict):
    """When no line above the article is supported as its headline: a headline-shaped line among
    its first kept lines or two (short, no sentence end, over a paragraph, its words borne out by
    the text after it), kept or not. What is kept above it is then another story's teaser, not
    this one's text: those lines turn chrome. Returns the headline as ``best`` is kept, or None."""
    if len(body_idx) <= HEADLINE_BELOW + 1:
        return None
    limit = body_idx[HEADLINE_BELOW]
    for i in (i for i in span if body_idx[0] < i <= limit):
        f, text = feats[i], lines[i].text
        after = [j for j in body_idx if j > i]
        if (len(after) < 2 or not 3 <= f.words <= 25 or f.terminal or f.concept or f.bullet
                or classes[after[0]] != "good" or DATELINE_LEAD.match(text) or is_dateline(text)
                or support(text, tuple(lines[j].text for j in after)) < 0.5):
            continue
        for j in body_idx:
            if j < i:
                lines[j].role = "chrome"
                lines[j].reason += "; above the headline found below it: another story's teaser"
        return (9.0, i, text, FIRST_LINE_HEADLINE[2], 1.0)
    return None


SITE_NAME_WORDS = 5  # a first line shorter than this, with no site suffix to strip, is the site's name


def _page_title(first_line: str, f: Features) -> str:
    """The page's title from a capture's first line (its <title>, site suffix off), or "" when that
    line is short and has no suffix: the site's name, not a page title."""
    title = strip_site_suffix(first_line)
    return "" if title == first_line and f.words < SITE_NAME_WORDS else title


def _describe(f: Features, cls: str) -> str:
    """The evidence about a line, in words, for explanations."""
    bits = [f"{f.words} word{'s' if f.words != 1 else ''}"]
    bits.append("ends as a sentence" if f.terminal else "no sentence end")
    if f.stop >= 0.2:
        bits.append("function-word dense")
    if f.title_case >= 0.7 and f.words > 1:
        bits.append("title case")
    if f.linkish:
        bits.append("link-like")
    if f.concept:
        bits.append(f"known {f.concept} wording")
    return ", ".join(bits)


def _decide(doc, model) -> tuple[dict[int, bool], dict[int, str], dict[int, float]]:
    """Keep or drop each non-blank line (by text index), with reasons (and the model's scores)."""
    keep: dict[int, bool] = {}
    why: dict[int, str] = {}
    scores: dict[int, float] = {}
    if model is not None:
        probs = model.probabilities(vectors(doc), [f.words for f in doc.feats])
        for k, p in enumerate(probs):
            i, f = doc.idx[k], doc.feats[k]
            scores[i] = p
            keep[i] = p >= THRESHOLD and doc.classes[k] != "boiler"
            verdict = "article" if keep[i] else "chrome"
            why[i] = f"line classifier: {verdict} (p={p:.2f}; {_describe(f, doc.classes[k])})"
        if any(keep[i] and c in ("good", "near") for i, c in zip(doc.idx, doc.classes, strict=True)):
            return keep, why, scores
        fallback = "the line classifier kept no paragraph, so the densest prose span: "
    else:
        fallback = ""
    s, e = doc.span
    for k, i in enumerate(doc.idx):
        f, c = doc.feats[k], doc.classes[k]
        keep[i] = s <= k <= e and c != "boiler"
        why[i] = fallback + (f"known boilerplate ({f.concept})" if c == "boiler" else
                             f"inside the densest prose span ({_describe(f, c)})" if keep[i] else
                             f"outside the article's prose ({_describe(f, c)})")
    return keep, why, scores


def _wordy(text: str) -> bool:
    """Mostly letters: a headline, not a time stamp or a score line."""
    alnum = [ch for ch in text if ch.isalnum()]
    return bool(alnum) and sum(ch.isalpha() for ch in alnum) >= 0.6 * len(alnum)


@dataclass(frozen=True)
class Reading:
    """What the line classifier found in a capture's text before any site template: the lines'
    features and classes, and each line's verdict, reason and score. A template only overrides
    verdicts, so applying one needs no second classification."""

    doc: Doc
    keep: dict[int, bool]
    why: dict[int, str]
    scores: dict[int, float]


def without_reading(result):
    """A capture without its lines' classification (anything else as it is): that reading only
    serves a site template applied in the same build, so it is neither kept on disk nor carried
    into the stories (a later build that needs it classifies again)."""
    if not isinstance(result, Capture):
        return result
    out = replace(result, reading=None)
    out.digest = result.digest  # the reading is no part of the capture's content
    return out


def read_lines(texts: list[str], model=None, kinds: list[str] | None = None) -> Reading:
    """Classify every line of a capture's text (raises CaptureError when there is none); ``kinds``
    are the block kinds its layout or markup gives (headings are evidence)."""
    doc = make_doc(texts, kinds)
    if not doc.idx:
        raise CaptureError("capture has no text")
    keep, why, scores = _decide(doc, model if model is not None else default_model())
    return Reading(doc, keep, why, scores)


def classify(texts: list[str], first_number: int = 1, model=None, template: frozenset[str] = frozenset(),
             reading: Reading | None = None, headline: Chooser | None = None,
             ) -> tuple[list[Line], dict[str, Meta], list[Change]]:
    """Give each line a role with a reason; infer title, masthead, byline, date, attribution.

    ``template`` holds the source's site template: "zone:normalised line" entries (templates.py);
    ``reading`` is the lines' classification when already known (read_lines); ``headline`` chooses
    the headline among the candidates (default: the shipped ranker, headline.py).
    """
    reading = reading if reading is not None else read_lines(texts, model)
    doc = reading.doc
    idx = doc.idx
    feats = {i: f for i, f in zip(idx, doc.feats, strict=True)}
    classes = {i: c for i, c in zip(idx, doc.classes, strict=True)}
    keep, why, scores = dict(reading.keep), dict(reading.why), reading.scores
    kept_now = [i for i in idx if keep[i]]
    first_kept, last_kept = (kept_now[0], kept_now[-1]) if kept_now else (len(texts), -1)

    def zone(i: int) -> str:
        return "head" if i < first_kept else "tail" if i > last_kept else "mid"

    templated = {i for i in idx if f"{zone(i)}:{chrome.key(texts[i])}" in template}

    def keep_again(lines: list[int], reason: str) -> None:
        """Keep lines a structural rule finds to be the article; what the site template names stays chrome."""
        for i in lines:
            if i not in templated:
                keep[i] = True
                why[i] += "; kept: " + reason
    def drop(lines: list[int], reason: str) -> None:
        """Drop kept lines a structural rule finds to be chrome, adding its reason."""
        for i in lines:
            if keep[i]:
                keep[i] = False
                why[i] += "; " + reason
    for i in templated:
        keep[i] = False
        why[i] = "site template: the source shows this line around other stories too"
    drop(_list_stragglers(idx, texts, feats, keep),
         "one of a long run of headline-shaped lines, most of them chrome: a list of other stories")
    drop(_far_island(idx, feats, keep), f"far from the article: kept text below {ISLAND_GAP} or more lines of "
                                        "chrome, with a small share of the kept words (a page's dialog, a widget)")
    keep_again(_same_block(idx, feats, classes, keep, scores), "running prose in the same block as kept article "
                                                              "paragraphs, with no blank line between")
    thread = _comment_thread(idx, feats, classes, keep)
    if thread is not None:
        start, found = thread
        for i in idx:
            if i >= start and keep[i]:
                keep[i] = False
                why[i] = (f"in the comment thread from line {first_number + start} on ({found} comment timestamps, "
                          "vote counts, commenter lines or thread links in a run)")
        if not any(keep[i] and classes[i] in ("good", "near") for i in idx):
            keep_again(_above_thread(idx, start, classes, scores),
                       f"the article above the comment thread from line {first_number + start} on, which held "
                       "every paragraph the classifier kept")
    below = _below_headline(doc, keep, classes)
    if below is not None:
        head, article = below
        for i in idx:
            if keep[i] and i < head:
                keep[i] = False
                why[i] += (f"; above the page's headline (line {first_number + head}), whose article below it "
                           "carries the headline's words: another story's text")
        keep_again(article, f"the running prose below the page's headline (line {first_number + head}), which "
                            "carries its words")
    keep_again(_numbered_run(idx, texts, keep), "in a numbered list or table the article runs into (items 1, 2, 3… "
                                                 "in order)")
    keep_again(_embedded_posts(idx, texts, keep), "an embedded post in the article: its text and its signature "
                                                  "(— Name (@handle) date)")
    keep_again(_interview(idx, texts, keep), "in the interview the article runs as questions and answers (Q: …, A: …)")
    keep_again(_uniform_block(idx, texts, keep), "in a block of lines that all open alike (a list's or table's "
                                                 "rows), a good part of which the classifier kept")
    keep_again(_dated_list(idx, texts, feats, keep), "in a schedule the article runs into: a block of lines each "
                                                      "opening with a day of the month")
    keep_again(_colon_list(idx, texts, feats, keep), "in a list the article introduces with a colon: a block of short "
                                                      "lines right below it")
    listing = _listing(idx, texts, feats, keep)
    if listing is not None:
        a, b = listing
        for i in idx:
            if i > a and keep[i]:
                keep[i] = False
                why[i] = (f"below the article, in a list of other stories: item records (a date, a byline, a "
                          f"relative time or a source's address) at lines {first_number + a} and "
                          f"{first_number + b}, with no more than a headline and a teaser between them")
    drop(_related_box(idx, feats),
         "in a box of other stories: a related-stories heading and the headlines listed under it")
    run = _cut_teasers(idx, texts, feats)
    for i in run:
        if keep[i]:
            keep[i] = False
            why[i] = (f"one of {len(run)} teasers in a row (lines {first_number + run[0]} to "
                      f"{first_number + run[-1]}), each cut off with an ellipsis: a list of other stories")
    for i, reason in _repeats(idx, texts, keep, first_number).items():
        keep[i] = False
        why[i] = reason
    lines = [Line(first_number + i, t.strip(), "blank" if not t.strip() else "chrome", score=scores.get(i))
             for i, t in enumerate(texts)]
    meta: dict[str, Meta] = {}
    changes: list[Change] = []
    kept = [i for i in idx if keep[i]]
    if not any(classes[i] in ("good", "near") for i in kept):
        for i in idx:
            lines[i].reason = "no paragraph of running prose anywhere in the capture"
        return [ln for ln in lines if ln.role != "blank"], meta, changes
    span = [i for i in idx if kept[0] <= i <= kept[-1]]
    span_set = set(span)
    for k, i in enumerate(span):
        f, c, ln = feats[i], classes[i], lines[i]
        ln.reason = why[i]
        if not keep[i]:
            continue
        nxt = next((classes[j] for j in span[k + 1 :] if keep[j]), None)
        if ln.text.endswith("?") and f.words <= 15 and nxt == "good" and k > 0:
            ln.role = "subhead"
            ln.reason += "; a short question alone before a paragraph: a question-style subhead"
        elif c in ("good", "near") or (f.bullet and f.words >= 3):
            ln.role = "body"
        elif nxt in ("good", "near") and chrome.is_heading(ln.text, f) and k > 0:
            ln.role = "subhead"
            ln.reason += "; short line heading the paragraph after it"
        else:
            ln.role = "body"
    for i in idx:
        if i not in span_set:
            lines[i].reason = why[i]
    body_idx = [i for i in span if lines[i].role in ("body", "subhead")]
    lead = tuple(lines[i].text for i in body_idx[:3])
    # Title: the head line best supported by the lead, nearest the body; else the span's first line.
    head = [i for i in idx if i < span[0]]
    first_line = lines[idx[0]].text
    raw: list[tuple[int, str, float, float, str, list[float]]] = []
    body_text = tuple(lines[i].text for i in body_idx)
    near = [i for i in reversed(head) if not (is_dateline(lines[i].text) or _byline(lines[i].text, feats[i]))]
    page_head = _page_title(first_line, feats[idx[0]])
    pos = {i: k for k, i in enumerate(idx)}  # neighbours by position: every head line may be a candidate
    start = pos[body_idx[0]] if body_idx else len(idx)
    for dist, i in enumerate(near):
        f, text = feats[i], lines[i].text
        page_title = False
        if i == idx[0]:
            text = strip_site_suffix(text)
            page_title = text != lines[i].text
            if f.words < 5 and not page_title:
                continue  # a short first line is the site's name, not the story's
        else:
            text = strip_section_label(text)
        match_first = i != idx[0] and chrome.key(first_line).startswith(chrome.key(text)) and f.words >= 3
        if f.concept or f.bullet or _ADDRESS.search(text) or i in templated or not (3 <= f.words <= 30 or match_first) \
                or not _wordy(text):
            continue
        echo = support(text, page_head) if i != idx[0] else 0.0
        sup = support(text, body_text)
        letters = [ch for ch in text if ch.isalpha()]
        full_stop = text.rstrip().endswith(".")
        caps = bool(letters) and all(ch.isupper() for ch in letters)
        lower = bool(letters) and all(ch.islower() for ch in letters)
        # Headlines are short, rarely end with a full stop, are not shouted, and are not a section label;
        # a byline or date usually follows them.
        shape = 0.2 * f.title_case - (0.4 if full_stop else 0.0) - 0.05 * max(0, f.words - 12) \
            - (1.0 if caps else 0.0) - (0.3 if lower else 0.0)
        k = pos[i]
        block = [j for j in idx[max(0, k - 3) : k + 4]
                 if abs(j - i) <= 3 and all(texts[m].strip() for m in range(min(i, j), max(i, j) + 1))]
        crowded = any(j != i and not (is_dateline(lines[j].text) or _byline(lines[j].text, feats[j])) for j in block)
        after = idx[k + 1] if k + 1 < len(idx) else None
        credit = after is not None and (is_dateline(lines[after].text)
                                        or bool(_byline(lines[after].text, feats[after])))
        marked = doc.marked[k]  # the converter's layout or the page's markup made it a heading
        hand = 1.6 * sup + 0.8 * match_first + 0.5 / (1 + dist) + shape \
            + echo + (0.4 if credit else 0.0) - (0.4 if crowded else 0.0) + (MARKED_HEADLINE if marked else 0.0)
        reason = ("the headline above the article, echoing the page's title line and supported by its text"
                  if echo >= 0.5 else "the headline above the article, supported by its text")
        if marked:
            reason += ", marked as a heading by its layout"
        stripped = text.strip()
        symbol = bool(stripped) and not (stripped[0].isalnum() or stripped[0] in "\"'‘“")
        own = [sup, support(text, lead), echo, float(match_first), math.log1p(len(raw)),
               math.log1p(max(0, start - k - 1)), math.log1p(f.words), math.log1p(len(text)), f.title_case, f.stop,
               float(full_stop), float(caps), float(lower), float(":" in text), float("|" in text),
               float(stripped.endswith("?")), float(symbol), float(credit),
               float(crowded), float(marked), scores.get(i, -1.0), float(i == idx[0]), float(page_title),
               k / max(1, len(idx) - 1), math.log1p(doc.repeats[k]),
               support(texts[idx[k - 1]], body_text) if k > 0 else 0.0,
               support(texts[idx[k + 1]], body_text) if k + 1 < len(idx) else 0.0,
               float(len(_SENTENCE_END.findall(stripped))), float(stripped.endswith(":"))]
        raw.append((i, text, sup, hand, reason, own))
    chosen = (headline if headline is not None else default_chooser()).choose(relative(raw))
    best = None
    if chosen is not None:
        cand, how = chosen
        best = (cand.hand, cand.line, cand.text, cand.reason + (f" ({how})" if how else ""), cand.support)
    first_body = body_idx[0] if body_idx else None
    if first_body is not None and len(body_idx) > 2 and (best is None or best[4] < 0.25):
        f, text = feats[first_body], lines[first_body].text
        if first_body == idx[0]:
            text = strip_site_suffix(text)  # a page's <title> kept as the first line of text
        rest = tuple(lines[i].text for i in body_idx[1:])
        if (f.words <= 25 and support(text, rest) >= 0.3 and not DATELINE_LEAD.match(text)
                and classes[body_idx[1]] == "good" and not (best and text.rstrip().endswith("."))):
            best = (9.0, first_body, text, FIRST_LINE_HEADLINE[0], 1.0)
        elif best is None and f.words <= 25 and not DATELINE_LEAD.match(text) and f.title_case >= 0.3:
            best = (9.0, first_body, text, FIRST_LINE_HEADLINE[1], 1.0)
        else:
            best = _headline_below(span, body_idx, lines, feats, classes) or best
    if best:
        _, i, title, reason, _ = best
        lines[i].role, lines[i].reason = "title", reason
        meta["title"] = Meta(title, "text")
        # A page's <title> line: "Headline - Site" names the site.
        if first_line != title and first_line.startswith(title):
            site = _TITLE_SEP.split(first_line[len(title):].strip(" "), maxsplit=1)[-1].strip(" -–—|:")
            if 1 <= len(WORD.findall(site)) <= 5:
                meta["source"] = Meta(site, "title-suffix")
    # Masthead: the capture's first line when it is a short name and not the title.
    top = idx[0]
    if lines[top].role == "chrome" and feats[top].words <= 6 and not feats[top].concept and top < span[0] \
            and (top not in templated or top == idx[0]) \
            and not is_dateline(lines[top].text) and not feats[top].terminal:
        lines[top].role, lines[top].reason = "masthead", "first line of the capture, a short name: the site's masthead"
        meta.setdefault("source", Meta(lines[top].text, "masthead"))
    # Byline and date near the title.
    for i in idx:
        ln = lines[i]
        if ln.role != "chrome" or not (i < span[0] or i in span_set):
            continue
        f = feats[i]
        by = _byline(ln.text, f)
        if by and "byline" not in meta:
            ln.role, ln.reason = "byline", "a 'By …' line"
            meta["byline"] = Meta(by, "text")
            found = find_date(ln.text)
            if found and "date" not in meta:
                meta["date"] = Meta(found[0].isoformat(), "text")
        elif is_dateline(ln.text) and "date" not in meta:
            ln.role, ln.reason = "date", "a line that is a date"
            meta["date"] = Meta(find_date(ln.text)[0].isoformat(), "text")
    # Wire attribution: a trailing "– Reuters" on the last paragraph, or a line of its own.
    pat = chrome.credit_pattern()
    tail = [i for i in idx if i > span[-1]][:3]
    for i in [body_idx[-1]] if body_idx else []:
        m = pat.search(lines[i].text)
        if m and m.group("agency"):
            before = lines[i].text
            lines[i].text = before[: m.start()].rstrip()
            meta["attribution"] = Meta(m.group("agency"), "text")
            changes.append(Change("structure", "attribution", "wire credit at the end of the text moved to metadata",
                                  before=before[m.start():].strip(), line=lines[i].number))
    for i in tail:
        m = pat.search(lines[i].text)
        if m and "attribution" not in meta:
            lines[i].role, lines[i].reason = "attribution", "a wire service's credit line"
            meta["attribution"] = Meta(m.group("agency") or m.group("alone"), "text")
    if "attribution" not in meta:
        m = re.search(r"\(([A-Z][A-Za-z]{1,20})\)\s*[—–-]", " ".join(lead)[:200])
        if m and m.group(1) in boilerplate().agencies:
            meta["attribution"] = Meta(m.group(1), "dateline")
    label_parts(lines, feats, idx, body_idx, meta)
    return [ln for ln in lines if ln.role != "blank"], meta, changes


THREAD_MARKERS = 3  # comment furniture lines (boilerplate "comment_records") that make a thread …
THREAD_WINDOW = 30  # … within this many lines of the first of them


TEASER_RUN = 3  # this many lines in a row (no blank line between), each cut off with an ellipsis …
TEASER_RUN_WORDS = 12  # … and this long, are other stories' teasers: an article's paragraphs end their sentences


def _cut_off(text: str) -> bool:
    """Whether a line ends in an ellipsis, as a teaser cut off from its article does."""
    return text.rstrip().endswith(("...", "…"))


def _cut_teasers(idx: list[int], texts: list[str], feats: dict) -> list[int]:
    """The longest run of consecutive lines that are each a teaser cut off with an ellipsis (the
    first of the longest)."""
    def teaser(i: int) -> bool | None:
        return True if feats[i].words >= TEASER_RUN_WORDS and _cut_off(texts[i]) else None

    a, b, _ = max(_runs(idx, teaser, adjacent=True), key=lambda r: (r[1] - r[0], -r[0]), default=(0, 0, None))
    return idx[a:b] if b - a >= TEASER_RUN else []


def _runs(idx: list[int], key, adjacent: bool) -> list[tuple[int, int, object]]:
    """Maximal runs of lines (as positions ``start, end`` in ``idx``) that share a ``key`` other than
    None, with the key: with ``adjacent``, lines with no blank line between (one block of text);
    else blank lines may stand between them."""
    out: list[tuple[int, int, object]] = []
    start, current = 0, None
    for k, i in enumerate(idx):
        value = key(i)
        if value is None or value != current or (adjacent and idx[k - 1] != i - 1):
            if current is not None:
                out.append((start, k, current))
            start, current = k, value
    if current is not None:
        out.append((start, len(idx), current))
    return out


BLOCK_PROSE_WORDS = 20  # a paragraph this long, of running prose, …
BLOCK_MIN_SCORE = 0.15  # … that the classifier did not rule out, joins kept article lines it touches


def _same_block(idx: list[int], feats: dict, classes: dict, keep: dict, scores: dict) -> list[int]:
    """Paragraphs of running prose that touch kept article lines with no blank line between (the
    page's text broken at each paragraph without blank lines): the article goes on through them.
    The run stops at the first line that is not such prose."""
    out: list[int] = []
    pos = {i: k for k, i in enumerate(idx)}

    def prose(i: int) -> bool:
        return (not keep[i] and classes[i] == "good" and feats[i].words >= BLOCK_PROSE_WORDS
                and feats[i].terminal and scores.get(i, 1.0) >= BLOCK_MIN_SCORE)

    for i in idx:
        if not keep[i] or classes[i] != "good":
            continue
        for step in (-1, 1):
            k = pos[i] + step
            while 0 <= k < len(idx) and abs(idx[k] - idx[k - step]) == 1 and prose(idx[k]):
                out.append(idx[k])
                k += step
    return sorted(set(out))


# An embedded social post's signature under its text: "— Jane Doe (@janedoe) November 19, 2019".
_POST_SIGNATURE = re.compile(r"^\s*[—–-]\s*[^()]{1,80}\(@\w{1,30}\)\s*(.*)$")
POST_LINES = 4  # the post's text: at most this many lines right above its signature …
POST_NEAR = 3  # … kept with it when kept article text stands this close (in non-blank lines)


def _embedded_posts(idx: list[int], texts: list[str], keep: dict) -> list[int]:
    """Posts embedded in the article (a converter prints each as its text, then "— Name (@handle)
    date"): kept whole, text and signature, where the article stands right around them."""
    out: list[int] = []
    for k, i in enumerate(idx):
        m = _POST_SIGNATURE.match(texts[i])
        if not m or not DATE.fullmatch(m.group(1).strip()):
            continue
        start = k
        while start > 0 and k - start < POST_LINES and not keep[idx[start - 1]] and not _POST_SIGNATURE.match(
                texts[idx[start - 1]]):
            start -= 1
            if idx[start] != idx[start + 1] - 1:  # a blank line: the post's text ends here
                break
        near = idx[max(0, start - POST_NEAR) : start] + idx[k + 1 : k + 1 + POST_NEAR]
        if any(keep[j] for j in near):
            out += [j for j in idx[start : k + 1] if not keep[j]]
    return out


_QA = re.compile(r"^\s*([QA])\s*[:.]\s+\S")
INTERVIEW_KEPT = 2  # questions and answers kept, each, before the rest of the run is the interview too


def _interview(idx: list[int], texts: list[str], keep: dict) -> list[int]:
    """An interview printed as questions and answers ("Q: …" / "A: …"): when the article keeps
    some of each, every unbroken run of such lines (no other line between) that it runs into is
    the interview going on, short answers included ("A: Lebron James")."""
    marks = {i: m.group(1) for i in idx if (m := _QA.match(texts[i]))}
    kept = [marks[i] for i in marks if keep[i]]
    if kept.count("Q") < INTERVIEW_KEPT or kept.count("A") < INTERVIEW_KEPT:
        return []
    runs = (idx[a:b] for a, b, _ in _runs(idx, lambda i: True if i in marks else None, adjacent=False))
    return [j for run in runs if any(keep[i] for i in run) for j in run if not keep[j]]


ISLAND_GAP = 40  # kept text this many non-blank chrome lines away from the rest of the article …
ISLAND_SHARE = 0.2  # … holding at most this share of the kept words is no part of it


def _far_island(idx: list[int], feats: dict, keep: dict) -> list[int]:
    """Kept lines below the article, cut off from it by a long stretch of chrome, and few beside it
    (a dialog's or a widget's text at the page's end): the article does not resume so far down."""
    kept = [k for k, i in enumerate(idx) if keep[i]]
    if not kept:
        return []
    total = sum(feats[idx[k]].words for k in kept)
    for a, b in zip(kept, kept[1:], strict=False):
        if b - a - 1 >= ISLAND_GAP:
            tail = [idx[k] for k in kept if k >= b]
            if sum(feats[i].words for i in tail) <= ISLAND_SHARE * total:
                return tail
    return []


HEADLINE_RUN = 6  # a run of at least this many headline-shaped lines (blank lines between allowed) …
HEADLINE_RUN_WORDS = (3, 20)  # … each this long, with no sentence end, is a list when most of it is chrome


def _headline_shaped(text: str, f: Features) -> bool:
    """A line shaped like another story's headline: a capital first, no sentence end, no colon at
    its end (an introduction), no number first (a table's row)."""
    text = text.strip().lstrip("'\"‘“")
    return (HEADLINE_RUN_WORDS[0] <= f.words <= HEADLINE_RUN_WORDS[1] and not f.terminal and not f.bullet
            and text[:1].isupper() and not text.endswith(":"))


def _list_stragglers(idx: list[int], texts: list[str], feats: dict, keep: dict) -> list[int]:
    """Kept lines of a list of other stories the classifier mostly dropped: in a run of
    headline-shaped lines (no sentence end, nothing else between), most of them chrome, the few it
    kept (next to the article, say) are the list's too. An article's subheadings stand between
    paragraphs, never in such a run."""
    out: list[int] = []
    for a, b, _ in _runs(idx, lambda i: _headline_shaped(texts[i], feats[i]) or None, adjacent=False):
        kept = [j for j in idx[a:b] if keep[j]]
        if b - a >= HEADLINE_RUN and 2 * len(kept) < b - a:
            out += kept
    return out


UNIFORM_ROWS = 4  # a block of at least this many lines with no blank between that open alike …
UNIFORM_KEPT = 0.25  # … of which the classifier kept at least this share, is kept whole
_DIGITS = re.compile(r"\d+(?:st|nd|rd|th)?")  # a number, an English ordinal


def _opening(text: str) -> str | None:
    """How a line of three words or more opens: its first two words, lower-cased, numbers as 0
    ("0a etapa:"); None for a shorter line (a file name, a label)."""
    words = text.lower().split()
    return _DIGITS.sub("0", " ".join(words[:2])) if len(words) >= 3 else None


def _uniform_block(idx: list[int], texts: list[str], keep: dict) -> list[int]:
    """Rows of one list or table: a block of lines with no blank line between that all open alike
    ("1a etapa: …", "2a etapa: …"), a good part of them kept: the rest are the same list's."""
    out: list[int] = []
    for a, b, _ in _runs(idx, lambda i: _opening(texts[i]), adjacent=True):
        rows = idx[a:b]
        if len(rows) >= UNIFORM_ROWS and sum(keep[i] for i in rows) >= UNIFORM_KEPT * len(rows):
            out += [i for i in rows if not keep[i]]
    return out


SCHEDULE_ROWS = 4  # a block of at least this many lines, each opening with a day of the month …
SCHEDULE_ROW_WORDS = 25  # … and at most this long, is a schedule (tour dates, fixtures, events)
SCHEDULE_HEADING_WORDS = 8  # the short line right above it, without a sentence end, is its heading


def _dated_list(idx: list[int], texts: list[str], feats: dict, keep: dict) -> list[int]:
    """A schedule the article runs into (one of its rows kept, or kept text right above it, its
    heading between): a block of lines with no blank line between, each opening with a day of the
    month ("June 9 – Tampa, FL @ …"), kept whole with its heading."""
    def row(i: int) -> bool | None:
        return True if DAY_LEAD.match(texts[i]) and feats[i].words <= SCHEDULE_ROW_WORDS else None

    out: list[int] = []
    for k, j, _ in _runs(idx, row, adjacent=True):
        if j - k < SCHEDULE_ROWS:
            continue
        rows = idx[k:j]
        above = idx[k - 1] if k >= 1 else None
        heading = (above is not None and feats[above].words <= SCHEDULE_HEADING_WORDS and not feats[above].terminal
                   and not feats[above].concept)
        prose = idx[k - 2] if heading and k >= 2 else above
        if any(keep[i] for i in rows) or (prose is not None and keep[prose]):
            out += [i for i in ([above] if heading else []) + rows if not keep[i]]
    return out


BOX_HEADING_WORDS = 6  # a related-stories heading ("More from Politics") has at most this many words …
BOX_ITEMS = 2  # … and heads a box when at least this many headline-shaped lines follow it …
BOX_ITEM_WORDS = (3, 25)  # … each this long, with no sentence end


def _related_box(idx: list[int], feats: dict) -> list[int]:
    """The items of each box of other stories inside the text: a related-stories heading with a run
    of headline-shaped lines (no sentence end) under it, or above it when it is the box's footer
    ("More in Politics"), up to the next line that is not one. An article's subheading stands alone
    before a paragraph; a box lists several headlines."""
    out: list[int] = []

    def item(j: int) -> bool:
        g = feats[j]
        return not g.terminal and not g.concept and BOX_ITEM_WORDS[0] <= g.words <= BOX_ITEM_WORDS[1]

    for k, i in enumerate(idx):
        f = feats[i]
        if f.concept != "related" or f.words > BOX_HEADING_WORDS:
            continue
        for lines in ((idx[j] for j in range(k + 1, len(idx))), (idx[j] for j in range(k - 1, -1, -1))):
            run = list(itertools.takewhile(item, lines))
            if len(run) >= BOX_ITEMS:
                out += [i, *run]
    return sorted(set(out))


JOINED_MIN_WORDS = 30  # a line this long may be the article's paragraphs joined into one
JOINED_COVER = 0.8  # ... when two or more of them, whole, make up this share of its words
TEASER_MIN_WORDS = 4  # a line cut off by an ellipsis, this long, whose words a longer line carries


def _repeats(idx: list[int], texts: list[str], keep: dict[int, bool], first_number: int = 1) -> dict[int, str]:
    """Kept lines that only say again what other kept lines of the capture say, with the reason:
    the article's paragraphs joined into one line (a page's summary box or a second copy of the
    text), or a line cut off with an ellipsis whose words stand in a longer one (a teaser). The
    paragraphs themselves stay. A line is looked for only in the lines holding its first words
    (set intersections of word 4-grams): near linear."""
    n = TEASER_MIN_WORDS
    kept = [i for i in idx if keep[i]]
    words = {i: tuple(lower_words(texts[i])) for i in kept}
    kept = [i for i in kept if len(words[i]) >= n]
    starts: dict[tuple[str, ...], list[int]] = {}
    for j in kept:
        starts.setdefault(words[j][:n], []).append(j)

    def spaced(w: tuple[str, ...]) -> str:
        return " " + " ".join(w) + " "

    cut = {j for j in kept if _cut_off(texts[j])}
    out: dict[int, str] = {}
    covered: dict[int, list[int]] = {}
    for h in kept:
        w = words[h]
        if len(w) < JOINED_MIN_WORDS and not cut:
            continue  # neither a joined copy nor a host a teaser could stand in
        found = starts.keys() & set(zip(*(w[k:] for k in range(n)), strict=False))
        host = spaced(w)
        for j in sorted(j for g in found for j in starts[g]):
            wj = words[j]
            if j == h or len(wj) >= len(w) or spaced(wj[:-1] if j in cut else wj) not in host:
                continue  # (a cut-off word may be partial)
            if j in cut:
                out.setdefault(j, f"a teaser cut off with an ellipsis: its words stand in kept line {first_number + h}")
            elif len(w) >= JOINED_MIN_WORDS:
                covered.setdefault(h, []).append(j)
    for h, parts in covered.items():
        parts = [j for j in parts if j not in out]
        if len(parts) >= 2 and sum(len(words[j]) for j in parts) >= JOINED_COVER * len(words[h]):
            out[h] = (f"repeats the article joined into one line: {len(parts)} kept paragraphs "
                      f"stand in it whole (lines {', '.join(str(first_number + j) for j in parts[:5])}"
                      f"{', …' if len(parts) > 5 else ''})")
    return out


def _comment_thread(idx: list[int], feats: dict, classes: dict, keep: dict) -> tuple[int, int] | None:
    """Where a comment thread starts below the article, and how many comment records mark it: the
    first record line after kept prose with enough others within ``THREAD_WINDOW`` lines after it.
    When the first kept paragraph itself stands among records (some just above it, more below),
    what was kept is the thread's first comment: the thread then starts at the first record of
    that run, provided running prose (the article) stands above it."""
    prose = next((k for k, i in enumerate(idx) if keep[i] and classes[i] == "good"), None)
    if prose is None:
        return None
    marks = [k for k, i in enumerate(idx) if feats[i].concept == "comment_records"]
    below = bisect.bisect_right(marks, prose)  # the first record below the kept paragraph
    among = below < len(marks) and marks[below] <= prose + THREAD_WINDOW  # records follow it closely
    for pos, k in enumerate(marks):
        run = bisect.bisect_right(marks, k + THREAD_WINDOW) - pos
        if run < THREAD_MARKERS:
            continue
        if k > prose:
            return idx[k], run
        if among and k + THREAD_WINDOW >= prose and any(classes[i] in ("good", "near") for i in idx[:k]):
            return idx[k], run
    return None


ANCHOR_SUPPORT = 0.5  # share of the page title's content words the prose below its repeated headline carries …
ANCHOR_MARGIN = 0.2  # … more than the text kept above it does
ARTICLE_GAP = 4  # lines without running prose that end the article below its headline


def _below_headline(doc: Doc, keep: dict, classes: dict) -> tuple[int, list[int]] | None:
    """The page's title line (its first) recurs further down as the headline, nothing kept stands
    below it, and the running prose right below it carries the title's words (more than what was
    kept above does): that prose is the article, and what was kept above is other stories' teasers,
    a tag cloud or a list. Returns the headline's line and the article's lines."""
    if doc.title_pos is None:
        return None
    title = _page_title(doc.texts[doc.idx[0]], doc.feats[0])
    if not title:
        return None  # the site's name, which a footer repeats: no headline to anchor on
    head = doc.idx[doc.title_pos]
    if not any(keep.values()) or any(keep[i] for i in doc.idx if i > head):
        return None
    article: list[int] = []
    gap = 0
    for i in doc.idx[doc.title_pos + 1 :]:
        if classes[i] in ("good", "near"):
            article.append(i)
            gap = 0
        elif article:
            gap += 1
            if gap >= ARTICLE_GAP or classes[i] == "boiler":
                break
    if not any(classes[i] == "good" for i in article):
        return None
    here = support(title, tuple(doc.texts[i] for i in article))
    above = support(title, tuple(doc.texts[i] for i in doc.idx if keep[i]))
    if here < ANCHOR_SUPPORT or here < above + ANCHOR_MARGIN:
        return None
    return head, article


LISTING_WINDOW = 20  # two item records (a date, a byline, a relative time, an address) at most this many lines apart …
LISTING_BETWEEN = 3  # … with at most this many kept lines between them (a headline and its teaser) …
LISTING_ITEM_WORDS = 60  # … of at most this many words (a live blog's timed entries are longer) …
LISTING_SOURCE_WORDS = 8  # a line naming a teaser's source by its address has at most this many words
LISTING_ABOVE = 60  # … below at least this many kept words of the article: a list of other stories


def _item_record(text: str, f: Features) -> bool:
    """A line of its own that dates or credits one item of a list: a date, a byline, a relative time,
    a source's web address."""
    text = text.strip()
    return (is_dateline(text) or bool(_byline(text, f)) or any(p.match(text) for p in listing_records("times"))
            or bool(_item_source(text, f)))


def _item_source(text: str, f: Features) -> str | None:
    """The web address a short line credits an item's source by, lower-cased, if it is one."""
    if f.words > LISTING_SOURCE_WORDS:
        return None
    m = next((m for p in listing_records("sources") if (m := p.match(text.strip()))), None)
    return m.group("host").lower() if m else None


def _listing(idx: list[int], texts: list[str], feats: dict, keep: dict) -> tuple[int, int] | None:
    """Two item records close together inside the kept text, below the article, with hardly any kept
    line between them: the kept text from the first of them on is a list of other stories (their
    headlines and teasers, each with its date, byline or time), not the article, which does not date
    its paragraphs one by one. Returns the two records' lines."""
    kept = [i for i in idx if keep[i]]
    if len(kept) < 2:
        return None
    words = [0]  # kept words above each kept line, and in all
    for i in kept:
        words.append(words[-1] + feats[i].words)
    records = [i for i in idx if kept[0] < i < kept[-1] and _item_record(texts[i], feats[i])]
    hosts = {i: _item_source(texts[i], feats[i]) for i in records}
    for a, b in zip(records, records[1:], strict=False):
        first, end = bisect.bisect_right(kept, a), bisect.bisect_left(kept, b)  # kept lines between a and b
        if b - a > LISTING_WINDOW or words[first] < LISTING_ABOVE:
            continue
        if hosts[a] and hosts[a] == hosts[b]:
            continue  # one site credited twice (its own address above and below a box): no list of others
        if end - first <= LISTING_BETWEEN and words[end] - words[first] <= LISTING_ITEM_WORDS:
            return a, b
    return None


_NUMBERED = re.compile(r"^\s*(\d{1,3})(?:[.)]\s*\S|\s+(\w))")


def _item_number(text: str) -> int | None:
    """The number of a list item or table row numbered in its first word: "1) …", "2. …", or a
    bare number before a capitalised word ("3 Kyle Busch 5033 …"; "1 of 4", a gallery's counter,
    is no item)."""
    m = _NUMBERED.match(text)
    if not m or (m.group(2) is not None and not m.group(2).isupper()):
        return None
    return int(m.group(1))


NUMBERED_ITEMS = 3  # a run of at least this many items numbered 1, 2, 3… in order …
NUMBERED_BETWEEN = 1  # … with at most this many other lines between two items (a link under each) …
NUMBERED_INTRO = 2  # … introduced by a line ending with a colon at most this many lines above its first item


def _numbered_run(idx: list[int], texts: list[str], keep: dict) -> list[int]:
    """Lines of numbered lists or tables that belong to the article: a run of items numbered from 1
    in order, introduced by a line ending with a colon ("the standings after 36 races:"), is kept
    whole, with the lines under its items, when the article runs into it (the introduction or
    one of its items is kept). A list of other stories' headlines has no such introduction."""
    out: list[int] = []
    k = 0
    while k < len(idx):
        if _item_number(texts[idx[k]]) != 1:
            k += 1
            continue
        run, number, j = [k], 1, k + 1
        while j < len(idx) and j - run[-1] <= NUMBERED_BETWEEN + 1:
            if _item_number(texts[idx[j]]) == number + 1:
                run.append(j)
                number += 1
            j += 1
        if len(run) >= NUMBERED_ITEMS:
            gaps = {b - a - 1 for a, b in zip(run, run[1:], strict=False)}
            tail = gaps.pop() if len(gaps) == 1 else 0  # each item has as many lines under it: the last too
            end = min(len(idx), run[-1] + 1 + tail)  # positions in idx
            lines = idx[run[0] : end]
            intro = [x for x in range(max(0, k - NUMBERED_INTRO), k) if texts[idx[x]].rstrip().endswith(":")]
            below = idx[end : end + NUMBERED_INTRO]  # the article's text may go on under the table
            if intro and any(keep[i] for i in [idx[x] for x in intro] + lines + below):
                out += [i for i in idx[intro[0] : end] if not keep[i]]
        k = run[-1] + 1
    return out


LIST_ITEMS = 2  # an unnumbered list: at least this many lines, with no blank line between them …
LIST_ITEM_WORDS = 25  # … of at most this many words each, right below a line ending with a colon


def _colon_list(idx: list[int], texts: list[str], feats: dict, keep: dict) -> list[int]:
    """Lines of an unnumbered list the article introduces: a line ending with a colon ("Allowed
    foods:"), then a block of short lines with no blank line between them (one blank line may
    separate it from the introduction). Kept whole, with its introduction, when the article runs
    into it (the introduction, an item or the line right above the introduction kept). A block
    holding known boilerplate or an item record (a date, a byline, a relative time, an address) is
    a page's furniture ("Share this:" and its buttons, a footer), not a list."""
    out: list[int] = []
    for k, i in enumerate(idx):
        if not texts[i].rstrip().endswith(":") or not 2 <= feats[i].words <= 20 or feats[i].concept:
            continue
        run: list[int] = []
        prev, m = i, k + 1
        while m < len(idx) and idx[m] - prev <= (1 if run else 2):
            j = idx[m]
            if feats[j].words > LIST_ITEM_WORDS or feats[j].concept or _item_record(texts[j], feats[j]):
                run = []
                break
            run.append(j)
            prev, m = j, m + 1
        above = idx[k - 1] if k else None  # the article's last kept line right above the introduction
        if len(run) >= LIST_ITEMS and (keep[i] or any(keep[j] for j in run) or (above is not None and keep[above])):
            out += [j for j in (i, *run) if not keep[j]]
    return out


RESCUE = 0.5  # above a thread that took all kept prose: article lines score at least this share of the best there


def _above_thread(idx: list[int], start: int, classes: dict, scores: dict) -> list[int]:
    """The article above a comment thread that held every kept paragraph: the running prose above
    the thread that the line classifier scored nearly as high as the best line there."""
    above = [i for i in idx if i < start and classes[i] in ("good", "near")]
    best = max((scores.get(i, 0.0) for i in above), default=0.0)
    return [i for i in above if best > 0 and scores.get(i, 0.0) >= RESCUE * best]


def read_text(data: bytes, path: str, folder_source: str | None = None, mtime: float | None = None,
              model=None, headline: Chooser | None = None) -> Capture:
    """Ingest one plain-text capture. Raises CaptureError with a reason when unusable."""
    text, encoding, changes = decode_bytes(data)
    text, repairs = repair_text(text)
    header, rest, consumed = split_header(text)
    if header:
        changes = changes + [Change("header", "metadata", f"header lines set {', '.join(sorted(header))}")]
    texts = rest.split("\n")
    cap = Capture(path=path, format="text", encoding=encoding, raw_bytes=len(data), text=texts,
                  first_number=consumed + 1, header=header, folder_source=folder_source, mtime=mtime,
                  changes=changes + repairs, kinds=heading_kinds(repairs, consumed + 1, len(texts)))
    return build(cap, model=model, headline=headline)


def _html_roles(lines: list[Line], cap: Capture) -> None:
    """The HTML extractor chose the article's blocks and the markup their kinds: keep them unless our
    rules or the site template name them chrome; the headline repeated atop the body is the title."""
    words = sum(len(WORD.findall(ln.text)) for ln in lines)
    if words < 30 and any(ln.reason.startswith("no paragraph of running prose") for ln in lines):
        return  # a menu or a stub: the extractor found no article
    title = chrome.key(cap.page_meta["title"].value) if "title" in cap.page_meta else ""
    first = True
    for ln in lines:
        concept = boilerplate().concept(ln.text)
        if ln.reason.startswith("site template") or (concept and concept != "bylines" and len(ln.text) < 200):
            ln.role = "chrome"
            ln.reason = ln.reason if ln.reason.startswith("site template") else f"known boilerplate ({concept})"
            continue
        ln.role, ln.reason = "body", "article block chosen by the HTML extractor"
        if first and title and (chrome.key(ln.text) == title
                                or (ln.kind == "h" and fuzz.token_set_ratio(chrome.key(ln.text), title) >= 90)):
            ln.role, ln.reason = "title", "the page's headline, repeated above its text"
        elif ln.kind == "h":
            ln.role = "subhead"
        first = False
    _drop_trailing_headings(lines)


def _drop_trailing_headings(lines: list[Line]) -> None:
    """Headings after the article's last paragraph head nothing: a list of other articles."""
    for ln in reversed(lines):
        if ln.role == "body":
            return
        if ln.role == "subhead":
            ln.role, ln.reason = "chrome", "a heading after the article's last paragraph, heading nothing"


def build(cap: Capture, model=None, template: frozenset[str] = frozenset(), headline: Chooser | None = None) -> Capture:
    """Classify a capture's text lines and fill in its metadata (again, when a template is learned:
    the capture's own reading of its lines is reused then)."""
    reading = cap.reading if cap.reading is not None and model is None else read_lines(cap.text, model, cap.kinds)
    lines, meta, more = classify(cap.text, first_number=cap.first_number, template=template, reading=reading,
                                 headline=headline)
    for ln in lines:
        i = ln.number - cap.first_number
        if cap.kinds and 0 <= i < len(cap.kinds) and cap.kinds[i]:
            ln.kind = cap.kinds[i]
        elif chrome.BULLET.match(ln.text):
            ln.kind = "li"
    if cap.format == "html":
        _html_roles(lines, cap)
        meta = {k: v for k, v in meta.items() if v.origin not in ("masthead", "title-suffix") and k != "title"}
        meta.update(cap.page_meta)
    for k, v in cap.header.items():
        if k == "date" and not find_date(v):
            more.append(Change("header", "ignored", f"the header's date is not a date: {v[:80]!r}"))
            continue
        meta[k] = Meta(v, "header")
    if "title" in cap.header:
        for ln in lines:
            same = chrome.key(ln.text) == chrome.key(cap.header["title"])
            if ln.role in ("body", "subhead") and same:
                ln.role, ln.reason = "title", "repeats the header's title"
            elif ln.role == "title" and not same:
                # The header names the headline: a line taken for it goes back to the line
                # classifier's verdict (a first line read as a headline was body text anyway).
                kept = reading.keep.get(ln.number - cap.first_number, False) or ln.reason in FIRST_LINE_HEADLINE
                ln.role = "body" if kept else "chrome"
                ln.reason = f"{ln.reason}, but the header's title is another: not the headline"
    if "source" not in meta and cap.folder_source:
        meta["source"] = Meta(cap.folder_source, "folder")
    if "date" not in meta and cap.mtime is not None:
        meta["date"] = _mtime_date(cap.mtime)
    changes = [c for c in cap.changes if c.stage in ("decode", "repair", "header")] + more
    for ln in lines:
        if ln.role not in ("body", "subhead"):
            stage = "template" if ln.reason.startswith("site template") else "chrome"
            changes.append(Change(stage, ln.role, ln.reason, before=ln.text[:300], line=ln.number))
    if not any(ln.role in ("body", "subhead") for ln in lines):
        raise CaptureError("no article body left after removing chrome")
    return replace(cap, meta=meta, lines=lines, changes=changes, reading=reading)


def _mtime_date(mtime: float) -> Meta:
    stamp = datetime.fromtimestamp(mtime, tz=UTC).replace(tzinfo=None, microsecond=0)
    return Meta(stamp.isoformat(), "file-mtime")


def with_mtime(cap: Capture, mtime: float | None) -> Capture:
    """The capture as read with the file time ``mtime``: the date when nothing else gives one
    (a capture is cached without it, so touching a file does not make it read again)."""
    if mtime is None:
        return cap
    meta = cap.meta
    if "date" not in meta or meta["date"].origin == "file-mtime":
        meta = {**meta, "date": _mtime_date(mtime)}
    return replace(cap, mtime=mtime, meta=meta)
