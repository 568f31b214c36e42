"""Text repair: line breaks, mojibake and entities (ftfy), invisible characters, broken wraps.

Every change is recorded with its kind, the text before and after, and the line.
Repair is idempotent: repairing repaired text changes nothing.
"""

from __future__ import annotations

import re

import ftfy

from .model import Change

# Characters that carry no text: zero-width spaces and joiners, word joiner, BOM inside text,
# soft hyphen (a line-breaking hint, not a character a reader sees).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Spaces that are spaces to a reader: NBSP, narrow NBSP, figure/thin/hair spaces, ideographic.
_ODD_SPACE = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t]")
_MULTISPACE = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=True, normalization="NFC")


def _needs_ftfy(line: str) -> bool:
    return not line.isascii() or "&" in line


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
    new = _INVISIBLE.sub("", line)
    if new != line:
        steps.append(("invisible", "removed zero-width or soft-hyphen characters"))
        line = new
    new = _ODD_SPACE.sub(" ", line)
    if new != line:
        steps.append(("nbsp", "non-breaking or special spaces made plain spaces"))
        line = new
    new = _MULTISPACE.sub(" ", line).strip()
    if new != line and new.strip() != line.strip():
        steps.append(("spaces", "runs of spaces collapsed"))
    line = new
    return line, steps


def _is_wrapped(line: str, nxt: str, width: int) -> bool:
    """A hard-wrapped paragraph: this line is near the wrap width and the next continues it."""
    if not line or not nxt or _SENTENCE_END.search(line):
        return False
    if len(line) < max(40, width - 15):
        return False
    return nxt[0].islower() or (nxt[0].isdigit() and not line.endswith("."))


def _wrap_width(lines: list[str]) -> int:
    longs = sorted(len(x) for x in lines if len(x) >= 40)
    if len(longs) < 5:
        return 10**6
    top = longs[int(len(longs) * 0.9)]
    # A wrapped text has most long lines within a few characters of one width.
    near = sum(1 for n in longs if top - 12 <= n <= top + 2)
    return top if near / len(longs) > 0.6 and top <= 100 else 10**6


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
    out: list[str] = []
    for i, raw in enumerate(text.split("\n"), start=1):
        line, steps = repair_line(raw)
        for kind, reason in steps:
            changes.append(Change("repair", kind, reason, before=raw.strip()[:300], after=line[:300], line=i))
        out.append(line)
    width = _wrap_width(out)
    if width < 10**6:
        joined: list[str] = []
        for line in out:
            if joined and _is_wrapped(joined[-1], line, width):
                changes.append(Change("repair", "unwrap", f"line wrapped at {width} columns joined to the previous",
                                      before=line[:120]))
                joined[-1] = joined[-1] + " " + line
            else:
                joined.append(line)
        out = joined
    return "\n".join(out), changes
