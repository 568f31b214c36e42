"""Story → HTML fragment for the site. Every piece of capture text is escaped here.

The markup carries the evidence: a sentence one source alone carries is a
``<span class="single-source">`` naming that source; editorial insertions are not in the body
(the notes list them). Block kinds become their elements (headings, lists, quotes, tables). No
tag or attribute comes from a capture, and the result passes an allow-list sanitiser (nh3) as a
second line of defence, so nothing a capture holds can run in a reader's browser.
"""

from __future__ import annotations

from html import escape

import nh3

from .model import Passage, Story
from .versions import PARA, Run

ALLOWED_TAGS = {"p", "h2", "ul", "li", "blockquote", "table", "tbody", "tr", "td", "span", "figcaption",
                "ins", "del", "mark", "sup", "a"}
ALLOWED_ATTRIBUTES = {"span": {"class", "title", "data-source"}, "p": {"id", "class"}, "h2": {"id"},
                      "li": {"id"}, "tr": {"id"}, "blockquote": {"id"}, "mark": {"class", "title"},
                      "sup": {"class"}, "a": {"href", "id", "aria-label"}}
_WRAP = {"li": ("<ul>", "</ul>"), "row": ("<table><tbody>", "</tbody></table>"),
         "quote": ("<blockquote>", "</blockquote>")}


def sanitise(html: str) -> str:
    """Allow-list sanitising (nh3): only the tags and attributes the theme styles survive; links
    only to places in the same page."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(), link_rel=None,
                     strip_comments=True, attribute_filter=_same_page_links)


def _same_page_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not value.startswith("#"):
        return None
    return value


def source_names(story: Story) -> dict[str, str]:
    """Capture path → the name shown for its source."""
    return {c.path: (c.source or "unknown source") for c in story.captures}


def _inline(p: Passage, names: dict[str, str]) -> str:
    parts: list[str] = []
    for s in p.segments:
        if not s.shown:
            continue
        if s.status == "single-source":
            who = ", ".join(names.get(w, w) for w in s.witnesses)
            parts.append(f'<span class="single-source" data-source="{escape(who)}" '
                         f'title="Only in {escape(who)}">{escape(s.text)}</span>')
        else:
            parts.append(escape(s.text))
    return " ".join(parts)


def _element(kind: str, i: int, inner: str, p: Passage) -> str:
    if kind == "h":
        return f'<h2 id="p{i}">{inner}</h2>'
    if kind == "li":
        return f'<li id="p{i}">{inner}</li>'
    if kind == "quote":
        return f'<p id="p{i}">{inner}</p>'
    if kind == "row":
        cells = [escape(c.strip()) for s in p.segments if s.shown for c in s.text.split(" | ")]
        return f'<tr id="p{i}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    if kind == "caption":
        return f'<p id="p{i}" class="caption">{inner}</p>'
    return f'<p id="p{i}">{inner}</p>'


def story_html(story: Story) -> str:
    names = source_names(story)
    out: list[str] = []
    open_kind: str | None = None
    marks: dict[int, list[int]] = {}
    for n, v in enumerate(story.variants):
        marks.setdefault(v.passage, []).append(n + 1)
    for i, p in enumerate(story.passages):
        inner = _inline(p, names)
        if not inner:
            continue
        for n in marks.get(i, []):  # the apparatus entry for this place, as a footnote mark
            inner += f' <sup class="var"><a href="#v{n}" id="vr{n}" aria-label="variant reading {n}">{n}</a></sup>'
        if open_kind and open_kind != p.kind:
            out.append(_WRAP[open_kind][1])
            open_kind = None
        if p.kind in _WRAP and open_kind != p.kind:
            out.append(_WRAP[p.kind][0])
            open_kind = p.kind
        out.append(_element(p.kind, i, inner, p))
    if open_kind:
        out.append(_WRAP[open_kind][1])
    return sanitise("\n".join(out))


def version_html(runs: list[Run]) -> str:
    """A version against the canonical text: paragraphs with its additions (``ins``), omissions
    (``del``) and spun phrases that were restored (``mark``)."""
    paras: list[list[str]] = [[]]
    for r in runs:
        v_parts, c_parts = r.version.split(PARA), r.canonical.split(PARA)
        for k in range(max(len(v_parts), len(c_parts))):
            if k:
                paras.append([])
            v = escape(v_parts[k]) if k < len(v_parts) else ""
            c = escape(c_parts[k]) if k < len(c_parts) else ""
            if r.op == "equal":
                piece = v
            elif r.op == "restored":
                piece = f'<mark class="restored" title="spun; the canonical text reads: {c}">{v}</mark>'
            else:  # what the canonical text has and the version lacks, then what the version adds
                piece = " ".join(x for x in (c and f"<del>{c}</del>", v and f"<ins>{v}</ins>") if x)
            if piece:
                paras[-1].append(piece)
    return sanitise("\n".join(f"<p>{' '.join(p)}</p>" for p in paras if p))
