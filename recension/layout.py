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
- **markup**: Markdown links and images, emphasis, heading marks and backslash escapes, when the
  text has Markdown links; lynx's numbered link markers ``[12]``, when its reference list is there.

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
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_MD_LINK_COUNT = re.compile(r"\]\((?:https?:|/|#|mailto:)")
# lynx -dump: numbered link markers, and the reference list they point to.
_LYNX_MARKER = re.compile(r"\[\d{1,4}\]")
_LYNX_REFERENCES = re.compile(r"^\s*(References|Visible links:?|Hidden links:?)\s*$")
_LYNX_REFERENCE = re.compile(r"^\s*\d{1,4}\.\s+\S+:\S*\s*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def wrap_width(lines: list[str]) -> int | None:
    """The column at which the text was hard-wrapped, or None when it was not."""
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
    best, best_score = None, 0
    for w, f in fits.items():
        # A line longer than the width that a wrapper would have broken (a space in its second half:
        # a long word alone is carried over whole, and wrappers leave a line with a link target).
        over = sum(1 for x, n in zip(lines, lengths, strict=True)
                   if n > w and " " in x[w // 2 : w + 1] and "://" not in x)
        if f >= 4 and over <= 0.1 * f and f - 3 * over > best_score:
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
            out[-1] = out[-1].rstrip() + " " + line.strip()
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


def strip_markup(lines: list[str]) -> tuple[list[str], list[Change]]:
    """Markdown syntax (when the text has Markdown links) and lynx's link markers (when its
    reference list is there), each line's change recorded."""
    text = "\n".join(lines)
    markdown = len(_MD_LINK_COUNT.findall(text)) >= 3
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
            new = _MD_HEADING.sub(r"\1\2", new)
            new = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), new)
            new = _MD_ESCAPE.sub(r"\1", new)
        if new != line:
            kind = "Markdown" if markdown else "lynx link markers"
            changes.append(Change("repair", "markup", f"{kind} syntax removed", before=line.strip()[:120],
                                  after=new.strip()[:120], line=n))
        out.append(new)
    return out, changes


def undo_layout(lines: list[str]) -> tuple[list[str], list[Change]]:
    """All of the above, in order: wraps, inline fragments, then markup (a link may span a wrap)."""
    lines, wraps = unwrap(lines)
    lines, fragments = join_fragments(lines)
    lines, markup = strip_markup(lines)
    return lines, wraps + fragments + markup
