"""Text repair: line breaks, a converter's layout (recension/layout.py), mojibake and entities
(ftfy), invisible characters, odd spaces.

Every change is recorded with its kind, the text before and after, and the line.
Repair is idempotent: repairing repaired text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from .layout import undo_layout
from .model import Change

# Characters that carry no text: zero-width spaces and joiners, word joiner, BOM inside text,
# soft hyphen (a line-breaking hint, not a character a reader sees).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Spaces that are spaces to a reader: NBSP, narrow NBSP, figure/thin/hair spaces, ideographic.
_ODD_SPACE = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t]")
_MULTISPACE = re.compile(r" {2,}")

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=True, normalization="NFC")


def _char_class(codes) -> str:
    """A regular-expression character class of the code points ``codes``, as ranges."""
    ranges: list[list[int]] = []
    for c in sorted(codes):
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


# The characters some ftfy fixer other than the mojibake repair acts on, from ftfy's own tables: C1
# controls, Latin ligatures, full- and half-width forms, line and paragraph separators, surrogates,
# terminal escapes, control characters.
_FTFY_CHARS = re.compile("[" + _char_class({*range(0x80, 0xA0), *LIGATURES, *WIDTH_MAP, *CONTROL_CHARS, 0x0D,
                                            0x1B, 0x2028, 0x2029, *range(0xD800, 0xE000)}) + "]")


def _needs_ftfy(line: str) -> bool:
    """Whether ftfy could change the line: an entity, a character a fixer acts on, or non-ASCII
    text that looks like mojibake or is not in NFC. Most lines with curly quotes or accents
    are none of these, and skipping ftfy for them gives the same text (ftfy itself returns such
    lines unchanged) at a fraction of the cost."""
    if "&" in line or _FTFY_CHARS.search(line):
        return True
    return not line.isascii() and (is_bad(line) or not unicodedata.is_normalized("NFC", line))


def repair_line(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Repair one line until nothing changes; return the text and the (kind, reason) steps applied."""
    steps: list[tuple[str, str]] = []
    for _ in range(4):
        fixed, more = _repair_once(line)
        if fixed == line:
            break
        steps += [s for s in more if s not in steps]
        line = fixed
    return line, steps


def _repair_once(line: str) -> tuple[str, list[tuple[str, str]]]:
    steps: list[tuple[str, str]] = []
    if _needs_ftfy(line):
        fixed, expl = ftfy.fix_and_explain(line, config=_FTFY)
        if fixed != line:
            kinds = sorted({name for _, name in expl or []} - {"utf-8"})
            kind = "mojibake" if any("decode" in k or "1252" in k or "utf8" in k for k in kinds) else "ftfy"
            if kinds == ["unescape_html"]:
                kind = "entities"
            steps.append((kind, "ftfy: " + ", ".join(kinds)))
            line = fixed
    plain = line.isascii()  # no invisible character, and no odd space but the tab
    new = line if plain else _INVISIBLE.sub("", line)
    if new != line:
        steps.append(("invisible", "removed zero-width or soft-hyphen characters"))
        line = new
    new = line if plain and "\t" not in line else _ODD_SPACE.sub(" ", line)
    if new != line:
        steps.append(("nbsp", "non-breaking or special spaces made plain spaces"))
        line = new
    new = _MULTISPACE.sub(" ", line).strip()
    if new != line and new.strip() != line.strip():
        steps.append(("spaces", "runs of spaces collapsed"))
    line = new
    return line, steps


def repair_text(text: str) -> tuple[str, list[Change]]:
    """Repair a whole capture's text; return it with one Change per repaired line."""
    changes: list[Change] = []
    if "\r" in text:
        n = text.count("\r\n")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append(Change("repair", "line-breaks", f"{n} CRLF line ends made LF" if n else "CR line ends made LF"))
    for sep in ("\u2028", "\u2029", "\x0b", "\x0c", "\x85"):
        if sep in text:
            text = text.replace(sep, "\n")
            changes.append(Change("repair", "line-breaks", f"U+{ord(sep):04X} separators made line breaks"))
    shapes: list[str] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        line, steps = repair_line(raw)
        for kind, reason in steps:
            changes.append(Change("repair", kind, reason, before=raw.strip()[:300], after=line[:300], line=i))
        shapes.append(_shape(raw, line))
    lines, layout = undo_layout(shapes)
    return "\n".join(_MULTISPACE.sub(" ", x).strip() for x in lines), changes + layout


def _shape(raw: str, line: str) -> str:
    """The repaired line with the raw line's indentation and trailing space, the evidence of the
    converter's layout (undone by recension/layout.py; the repaired text keeps neither)."""
    if not line:
        return ""
    spaced = raw if raw.isascii() and "\t" not in raw else _ODD_SPACE.sub(" ", _INVISIBLE.sub("", raw))
    indent = len(spaced) - len(spaced.lstrip(" "))
    return " " * indent + line + (" " if spaced.endswith(" ") else "")
