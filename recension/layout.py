"""Undo an HTML-to-text converter's layout, so that one line is one block whatever made the dump.

Converters lay a page out differently: html-text and a browser's copy write a paragraph per line;
text-mode browsers (lynx, w3m) and Markdown converters (html2text) hard-wrap paragraphs at a fixed
width and indent them; a parser's bare text (BeautifulSoup's ``get_text("\\n")``) breaks the line at
every inline tag; Markdown converters keep link targets, emphasis marks and escapes. The line
classifier reads lines, so each of these is undone here, from evidence in the text itself, and
every change is recorded:

- **unwrap**: the wrap width is the width at which lines were broken because the next word did not
  fit (``len(line) + 1 + len(next word) > width``) and no breakable line is longer;
- **fragments**: a line that ends in a space, or a next line that starts with one space or with
  closing punctuation, continues inline text (only where indentation is not the layout);
- **markup**: Markdown links and images, emphasis, quote marks and backslash escapes, when the text has Markdown
  links; lynx's numbered link markers ``[12]``, when its reference list is there;
- **headings**: lines the layout marks as headings (Markdown ``#``, an underline, a short line set
  left of the prose's indentation) are recorded, for the line classifier and the headline.

Runs on the raw lines (indentation and trailing spaces are the evidence), before per-line repair.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Change

_BULLET = re.compile(r"^\s*([-–•·*▪●◦+]|\d{1,3}[.)]|[a-z][.)])\s")
_FIRST_WORD = re.compile(r"\S+")
_TERMINAL = re.compile(r"[.!?…:;\"”’)\]]$")
_CLOSING = re.compile(r"^[.,;:!?)\]’”»…](\s|$)")
_MIN_WIDTH, _MAX_WIDTH = 40, 160

# Markdown, as converters write it (inline links with optional titles, images, emphasis).
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[\d*\]")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\3(?![\w*])")
_MD_HEADING = re.compile(r"^(\s*)#{1,6}\s+(.*?)(\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^(\s*)(?:>\s?)+")
_UNDERLINE = re.compile(r"^(=+|-+)$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_MD_LINK_COUNT = re.compile(r"\]\((?:https?:|/|#|mailto:)")
# lynx -dump: numbered link markers, and the reference list they point to.
_LYNX_MARKER = re.compile(r"\[\d{1,4}\]")
_LYNX_REFERENCES = re.compile(r"^\s*(References|Visible links:?|Hidden links:?)\s*$")
_LYNX_REFERENCE = re.compile(r"^\s*\d{1,4}\.\s+\S+:\S*\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_SAMPLE = 5000  # lines the wrap width is estimated from: a property of the whole text, bounded work


def wrap_width(lines: list[str]) -> int | None:
    """The column at which the text was hard-wrapped, or None when it was not (estimated from the
    first ``_SAMPLE`` lines)."""
    lines = lines[:_SAMPLE]
    lengths = [len(x.rstrip()) for x in lines]
    fits: Counter[int] = Counter()  # width → lines broken there because the next word did not fit
    for i in range(len(lines) - 1):
        n, nxt = lengths[i], lines[i + 1].strip()
        if n < _MIN_WIDTH - 10 or not nxt or _BULLET.match(lines[i + 1]):
            continue
        room = len(_FIRST_WORD.match(nxt).group(0)) + 1
        for w in range(max(n, _MIN_WIDTH), min(n + room, _MAX_WIDTH + 1)):
            fits[w] += 1
    if not fits:
        return None
    # Lines a wrapper would have broken had they been longer than the width: not those with a link
    # target (wrappers leave them whole).
    breakable = [(x, n) for x, n in zip(lines, lengths, strict=True) if n > _MIN_WIDTH and "://" not in x]
    best, best_score = None, 0
    for w, f in fits.items():
        if f < 4:
            continue
        # A line longer than the width with a space in its second half (a long word alone is carried
        # over whole) would have been broken there.
        over = sum(1 for x, n in breakable if n > w and " " in x[w // 2 : w + 1])
        if over <= 0.1 * f and f - 3 * over > best_score:
            best, best_score = w, f - 3 * over
    if best is None:
        return None
    near = sum(1 for n in lengths if best - 25 <= n <= best)
    return best if fits[best] >= 0.3 * near else None


def _continues(line: str, nxt: str, width: int) -> bool:
    """``nxt`` is the rest of ``line``'s paragraph, broken at ``width``."""
    body = nxt.strip()
    if not line.strip() or not body or _BULLET.match(nxt) or _MD_HEADING.match(nxt):
        return False
    if len(line.rstrip()) + 1 + len(_FIRST_WORD.match(body).group(0)) <= width:
        return False  # the next word would have fitted: the break was the writer's
    return _indent(nxt) >= _indent(line) or _BULLET.match(line) is not None


def unwrap(lines: list[str]) -> tuple[list[str], list[Change]]:
    """Join the lines of hard-wrapped paragraphs."""
    width = wrap_width(lines)
    if width is None:
        return lines, []
    out: list[str] = []
    changes: list[Change] = []
    prev = ""
    for line in lines:
        if out and _continues(prev, line, width):
            rest = line.strip()
            if rest.startswith(">") and prev.lstrip().startswith(">"):
                rest = _MD_QUOTE.sub("", rest)  # a quoted paragraph's marker on each wrapped line
            out[-1] = out[-1].rstrip() + " " + rest
            changes.append(Change("repair", "unwrap", f"line wrapped at {width} columns joined to the previous",
                                  before=line.strip()[:120]))
        else:
            out.append(line)
        prev = line
    return out, changes


def _indented_layout(lines: list[str]) -> bool:
    body = [x for x in lines if x.strip()]
    return sum(1 for x in body if x[:1] in (" ", "\t")) > 0.3 * max(1, len(body))


def join_fragments(lines: list[str]) -> tuple[list[str], list[Change]]:
    """Join inline text that a converter broke at tag boundaries."""
    spaced = not _indented_layout(lines)  # white space at the ends of lines is evidence
    out: list[str] = []
    changes: list[Change] = []
    for line in lines:
        prev, body = (out[-1] if out else ""), line.strip()
        closing = bool(body and _CLOSING.match(body))
        inline = prev.strip() and body and not _BULLET.match(line) and (
            closing
            or (spaced and prev[-1] == " " and prev.rstrip()[-1] not in ":|")
            or (spaced and line[0] == " " and line[1] != " "
                and (body[0].islower() or not _TERMINAL.search(prev.rstrip()))))
        if inline:
            out[-1] = prev.rstrip() + ("" if closing else " ") + line.lstrip()  # its end is evidence too
            changes.append(Change("repair", "fragments", "text broken at an inline tag joined to the line before",
                                  before=body[:120]))
        else:
            out.append(line)
    return out, changes


def is_markdown(lines: list[str]) -> bool:
    """Markdown written by a converter: it keeps the pages' links as ``[words](target)``."""
    return len(_MD_LINK_COUNT.findall("\n".join(lines))) >= 3


def strip_markup(lines: list[str], markdown: bool) -> tuple[list[str], list[Change]]:
    """Markdown syntax (in Markdown) and lynx's link markers (when its reference list is there),
    each line's change recorded."""
    refs = next((i for i, x in enumerate(lines) if _LYNX_REFERENCES.match(x)
                 and sum(1 for y in lines[i + 1 : i + 6] if _LYNX_REFERENCE.match(y)) >= 2), None)
    if not markdown and refs is None:
        return lines, []
    out: list[str] = []
    changes: list[Change] = []
    for n, line in enumerate(lines, start=1):
        new = line
        if refs is not None:
            if n - 1 >= refs:
                if line.strip():
                    changes.append(Change("repair", "markup", "lynx's list of link targets removed",
                                          before=line.strip()[:120], line=n))
                continue
            new = _LYNX_MARKER.sub("", new)
        if markdown:
            new = _MD_IMAGE.sub("", new)
            new = _MD_REF_LINK.sub(r"\1", _MD_LINK.sub(r"\1", new))
            new = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), new)
            new = _MD_ESCAPE.sub(r"\1", _MD_QUOTE.sub(r"\1", new))
        if new != line:
            kind = "Markdown" if markdown else "lynx link markers"
            changes.append(Change("repair", "markup", f"{kind} syntax removed", before=line.strip()[:120],
                                  after=new.strip()[:120], line=n))
        out.append(new)
    return out, changes


def mark_headings(lines: list[str], markdown: bool) -> tuple[list[str], list[Change]]:
    """Lines the converter's layout marks as headings, each recorded as a ``heading`` change (the
    line classifier and the headline take it as evidence): Markdown's ``#`` (removed, in text with
    Markdown), an underline of ``=`` or ``-`` (removed), or a short line set left of the
    indentation that the text's prose keeps (as lynx sets headings), where few lines are."""
    out: list[str] = []
    marked: dict[int, str] = {}
    changes: list[Change] = []
    for line in lines:
        body = line.strip()
        if out and _UNDERLINE.match(body) and (prev := out[-1].strip()) and len(prev.split()) <= 20 \
                and len(body) >= 0.6 * len(prev) and len(out) - 1 not in marked:
            marked[len(out) - 1] = "underlined"
            changes.append(Change("repair", "markup", "a heading's underline removed", before=body[:120]))
            continue
        if markdown and (m := _MD_HEADING.match(line)):
            marked[len(out)] = f"Markdown {'#' * min(6, len(line.lstrip()) - len(line.lstrip().lstrip('#')))}"
            line = m.group(1) + m.group(2)
        out.append(line)
    prose = Counter(_indent(x) for x in out if len(x.split()) >= 10)
    if prose and (indent := prose.most_common(1)[0][0]) >= 2:
        left = [n for n, x in enumerate(out) if x.strip() and _indent(x) < indent and len(x.split()) <= 20
                and not _BULLET.match(x) and n not in marked]
        if len(left) <= max(2.0, 0.15 * sum(1 for x in out if x.strip())):
            marked.update({n: "set left of the text" for n in left})
    for n in sorted(marked):
        changes.append(Change("repair", "heading", f"a heading by the converter's layout ({marked[n]})",
                              before=out[n].strip()[:120], line=n + 1))
    return out, changes


def heading_lines(changes: list[Change]) -> set[int]:
    """Line numbers (of the repaired text) that ``mark_headings`` found to be headings."""
    return {c.line for c in changes if c.stage == "repair" and c.kind == "heading" and c.line is not None}


def heading_kinds(changes: list[Change], first_number: int, count: int) -> list[str]:
    """Block kind per line of the text from line ``first_number`` on: ``h`` for a marked heading,
    "" for a line the layout says nothing of (empty when no line is marked)."""
    marked = heading_lines(changes)
    return ["h" if first_number + j in marked else "" for j in range(count)] if marked else []


def undo_layout(lines: list[str]) -> tuple[list[str], list[Change]]:
    """All of the above, in order: wraps, inline fragments, markup (a link may span a wrap), then
    the headings the layout marks (on the final lines, whose numbers the changes give)."""
    lines, wraps = unwrap(lines)
    lines, fragments = join_fragments(lines)
    markdown = is_markdown(lines)
    lines, markup = strip_markup(lines, markdown)
    lines, headings = mark_headings(lines, markdown)
    return lines, wraps + fragments + markup + headings
