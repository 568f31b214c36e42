"""Plain-text captures: bytes → repaired text → classified lines → a Capture with metadata."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache

from . import chrome
from .chrome import WORD, Features, features, prose_class
from .dates import find_date, is_dateline
from .decode import decode_bytes
from .header import split_header
from .model import Capture, CaptureError, Change, Line, Meta
from .repair import repair_text
from .rules import boilerplate, stopwords

_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_DATELINE_LEAD = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([^)]{1,30}\))?\s*[—–-]")


_SUFFIX = re.compile(r"(?:'s|’s|ies|(?<=[sxz])es|(?<=[cs]h)es|(?<!s)s|ed|ing|ly)$")


def stem(word: str) -> str:
    """A crude stem: lower case, common English suffixes off, first six letters."""
    w = word.lower()
    return (_SUFFIX.sub("", w) if len(w) > 4 else w)[:6]


def _content_stems(text: str) -> set[str]:
    sw = stopwords()
    return {stem(w) for w in WORD.findall(text) if len(w) > 2 and w.lower() not in sw}


def _support(candidate: str, lead: str) -> float:
    """Share of a headline's content words (crudely stemmed) found in the article's lead."""
    stems = _content_stems(candidate)
    if not stems:
        return 0.0
    return len(stems & _content_stems(lead)) / len(stems)


@cache
def _agency_pattern() -> re.Pattern:
    names = "|".join(re.escape(a) for a in sorted(boilerplate().agencies, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)[–—-]+\s*(?P<agency>(?:{names}))\s*$|^\(?(?P<alone>(?:{names}))\)?$")


def _strip_credit(text: str, pat: re.Pattern) -> str:
    m = pat.search(text)
    return text[: m.start()] if m and m.group("agency") else text


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


def classify(texts: list[str], first_number: int = 1) -> tuple[list[Line], dict[str, Meta], list[Change]]:
    """Give each line a role with a reason; infer title, masthead, byline, date, attribution."""
    credit = _agency_pattern()
    # A trailing wire credit ("… rose 3%. – Reuters") must not hide the sentence's end.
    feats = [features(_strip_credit(t, credit)) if t.strip() else None for t in texts]
    classes = [prose_class(f) if f else "blank" for f in feats]
    idx = [i for i, c in enumerate(classes) if c != "blank"]
    if not idx:
        raise CaptureError("capture has no text")
    scores = [chrome.line_score(classes[i], feats[i]) for i in idx]
    s, e, total = chrome.best_span(scores)
    lines = [Line(first_number + i, t.strip(), "blank" if not t.strip() else "chrome") for i, t in enumerate(texts)]
    meta: dict[str, Meta] = {}
    changes: list[Change] = []
    if total <= 0 or not any(classes[i] == "good" for i in idx[s : e + 1]):
        for ln in lines:
            if ln.role != "blank":
                ln.reason = "no paragraph of running prose anywhere in the capture"
        return [ln for ln in lines if ln.role != "blank"], meta, changes
    span = idx[s : e + 1]
    span_set = set(span)
    # Inside the span: paragraphs, headings, and the chrome that sits between them.
    for k, i in enumerate(span):
        f, c, ln = feats[i], classes[i], lines[i]
        nxt = next((classes[j] for j in span[k + 1 :]), None)
        if c == "boiler":
            ln.role, ln.reason = "chrome", f"known boilerplate ({f.concept})"
        elif ln.text.endswith("?") and f.words <= 15 and nxt == "good" and k > 0:
            ln.role, ln.reason = "subhead", "a short question alone before a paragraph: a question-style subhead"
        elif c in ("good", "near"):
            ln.role, ln.reason = "body", "running prose" if c == "good" else "a short sentence inside the article"
        elif nxt in ("good", "near") and chrome.is_heading(ln.text, f) and k > 0:
            ln.role, ln.reason = "subhead", "short line heading the paragraph after it"
        elif f.bullet and f.words >= 3 and not f.linkish:
            ln.role, ln.reason = "body", "list item inside the article"
        else:
            ln.role = "chrome"
            ln.reason = "short line inside the article that neither heads a paragraph nor reads as a sentence"
    # Before and after the span: chrome unless it is the title, byline or date.
    for i in idx:
        if i not in span_set:
            f = feats[i]
            where = "before" if i < span[0] else "after"
            lines[i].reason = (f"known boilerplate ({f.concept})" if f.concept and f.concept != "bylines"
                               else f"outside the article's prose ({where} it)")
    body_idx = [i for i in span if lines[i].role in ("body", "subhead")]
    lead = " ".join(lines[i].text for i in body_idx[:3])
    # Title: the head line best supported by the lead, nearest the body; else the span's first line.
    head = [i for i in idx if i < span[0]]
    first_line = lines[idx[0]].text
    candidates: list[tuple[float, int, str, str]] = []
    for dist, i in enumerate(reversed(head[-12:])):
        f, text = feats[i], lines[i].text
        if f.concept or is_dateline(text) or _byline(text, f) or not (2 <= f.words <= 30):
            continue
        sup = _support(text, lead)
        match_first = i != idx[0] and chrome.key(first_line).startswith(chrome.key(text)) and f.words >= 3
        if sup < 0.2 and not match_first:
            continue
        score = 2 * sup + (1.5 if match_first else 0) + 0.3 / (1 + dist) + 0.1 * f.title_case
        candidates.append((score, i, text, "the headline above the article, supported by its lead"))
    best = max(candidates, default=None)
    first_body = body_idx[0] if body_idx else None
    if first_body is not None and len(body_idx) > 2:
        f, text = feats[first_body], lines[first_body].text
        rest_lead = " ".join(lines[i].text for i in body_idx[1:3])
        sup = _support(text, rest_lead)
        weak_head = best is None or _support(best[2], rest_lead) < 0.34
        if (weak_head and f.words <= 25 and sup >= 0.2 and not _DATELINE_LEAD.match(text)
                and classes[body_idx[1]] == "good"):
            best = (9.0, first_body, text, "the article's first line is a headline; no line above it is supported")
    if best:
        _, i, text, reason = best
        title = text
        if i == idx[0] and _TITLE_SEP.search(text):
            title = _TITLE_SEP.split(text)[0].strip()
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
    pat = _agency_pattern()
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
        m = re.search(r"\(([A-Z][A-Za-z]{1,20})\)\s*[—–-]", lead[:200])
        if m and m.group(1) in boilerplate().agencies:
            meta["attribution"] = Meta(m.group(1), "dateline")
    return [ln for ln in lines if ln.role != "blank"], meta, changes


def read_text(data: bytes, path: str, folder_source: str | None = None, mtime: float | None = None) -> Capture:
    """Ingest one plain-text capture. Raises CaptureError with a reason when unusable."""
    text, encoding, changes = decode_bytes(data)
    text, repairs = repair_text(text)
    changes += repairs
    header, rest, consumed = split_header(text)
    lines, meta, more = classify(rest.split("\n"), first_number=consumed + 1)
    changes += more
    if header:
        for k, v in header.items():
            meta[k] = Meta(v, "header")
        changes.append(Change("header", "metadata", f"header lines set {', '.join(sorted(header))}"))
        if "title" in header:
            for ln in lines:
                if ln.role in ("body", "subhead") and chrome.key(ln.text) == chrome.key(header["title"]):
                    ln.role, ln.reason = "title", "repeats the header's title"
    if "source" not in meta and folder_source:
        meta["source"] = Meta(folder_source, "folder")
    if "date" not in meta and mtime is not None:
        stamp = datetime.fromtimestamp(mtime, tz=UTC).replace(tzinfo=None, microsecond=0)
        meta["date"] = Meta(stamp.isoformat(), "file-mtime")
    for ln in lines:
        if ln.role not in ("body", "subhead"):
            changes.append(Change("chrome", ln.role, ln.reason, before=ln.text[:300], line=ln.number))
    cap = Capture(path=path, format="text", meta=meta, lines=lines, changes=changes, encoding=encoding,
                  raw_bytes=len(data))
    if not any(ln.role in ("body", "subhead") for ln in lines):
        raise CaptureError("no article body left after removing chrome")
    return cap
