"""Plain data of the pipeline: changes, lines, blocks, captures, stories.

Nothing here knows about Pelican; every stage takes and returns these values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any


def plain(cls):
    """Pickle and ``repr`` a small dataclass as its fields in order. A build's cache holds hundreds
    of thousands of lines and changes: loading them by constructor call is about twice as fast as
    the generic state of slotted dataclasses, and a ``repr`` (which cache keys hash) needs no
    recursion guard for values that cannot contain themselves."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, n) for n in names)

    def __repr__(self) -> str:
        return cls.__name__ + repr(tuple(getattr(self, n) for n in names))

    cls.__reduce__, cls.__repr__ = __reduce__, __repr__
    return cls


@plain
@dataclass(frozen=True, slots=True)
class Change:
    """One thing the pipeline did to a capture, with why (cf. ftfy's explanations)."""

    stage: str  # decode | repair | header | chrome | structure | template | spin | collate
    kind: str  # e.g. "mojibake", "nbsp", "removed", "title", "restored"
    reason: str
    before: str = ""
    after: str = ""
    line: int | None = None  # 1-based line of the repaired text, when it applies

    def as_dict(self) -> dict:
        out = {"stage": self.stage, "kind": self.kind, "reason": self.reason}
        if self.before:
            out["before"] = self.before
        if self.after:
            out["after"] = self.after
        if self.line is not None:
            out["line"] = self.line
        return out


@plain
@dataclass(slots=True)
class Line:
    """A line of a capture with the role the classifier gave it and why."""

    number: int  # 1-based, in the repaired text
    text: str
    role: str = "body"  # body | subhead | title | masthead | byline | date | attribution | chrome
    reason: str = ""
    kind: str = "p"  # block kind when kept: p | h | li | quote | row | caption
    score: float | None = None  # the line classifier's probability of article text, when it ran

    @property
    def kept(self) -> bool:
        return self.role in ("body", "subhead")


@plain
@dataclass(frozen=True, slots=True)
class Block:
    """A unit of body text: a paragraph, subheading, list item, quote or caption."""

    kind: str  # p | h | li | quote | row (a table row, cells joined by " | ") | caption
    text: str


@plain
@dataclass(frozen=True, slots=True)
class Meta:
    """A metadata value and where it came from (header, page, text, folder, mtime…)."""

    value: str
    origin: str


@dataclass
class Capture:
    """One raw capture after ingest: its metadata, its body, and every change made."""

    path: str  # as given (relative to the content or corpus folder)
    format: str  # text | html
    meta: dict[str, Meta] = field(default_factory=dict)  # title, source, date, byline, url, …
    lines: list[Line] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    encoding: str = "utf-8"
    raw_bytes: int = 0
    # What classification starts from, kept so a learned site template can classify again.
    text: list[str] = field(default_factory=list)  # repaired text lines after the header
    first_number: int = 1
    header: dict[str, str] = field(default_factory=dict)  # the capture's own Key: value header
    page_meta: dict[str, Meta] = field(default_factory=dict)  # what a saved page's markup says
    kinds: list[str] = field(default_factory=list)  # block kind per text line, when the markup says
    folder_source: str | None = None
    mtime: float | None = None
    # The line classifier's reading of ``text`` (textcapture.Reading): derived from ``text`` alone, so
    # a site template is applied without classifying again. Not part of the capture's identity.
    reading: Any = field(default=None, repr=False, compare=False)
    # A digest of the capture's content, kept once known (cache.capture_digest): not part of its
    # identity, and a copy made with ``dataclasses.replace`` starts without it.
    digest: str | None = field(default=None, init=False, repr=False, compare=False)

    def get(self, key: str, default: str = "") -> str:
        m = self.meta.get(key)
        return m.value if m else default

    @property
    def title(self) -> str:
        return self.get("title")

    @property
    def source(self) -> str:
        return self.get("source")

    @property
    def site(self) -> str:
        """What groups captures by site for templates: the source, else the host of the page's URL."""
        if self.source:
            return self.source
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", self.get("url").strip().lower()).split("/", 1)[0]
        return host.removeprefix("www.") if "." in host else ""

    @property
    def blocks(self) -> list[Block]:
        """Body blocks in reading order (subheads as ``h``, paragraphs as ``p``)."""
        return [Block("h" if ln.role == "subhead" else ln.kind, ln.text) for ln in self.lines if ln.kept]

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


class CaptureError(Exception):
    """A capture that cannot be used; the message names the reason for the build report."""


@plain
@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence of the canonical text with its evidence."""

    text: str
    witnesses: tuple[str, ...]  # capture paths that carry it
    status: str = "attested"  # attested (2+ sources or the only source) | single-source | editorial | chrome

    @property
    def shown(self) -> bool:
        """Part of the canonical text (editorial insertions and leftover chrome are only in the notes)."""
        return self.status in ("attested", "single-source")
    reason: str = ""


@plain
@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph (``p``) or subheading (``h``) of the canonical text."""

    kind: str
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.shown)


@plain
@dataclass(frozen=True, slots=True)
class Variant:
    """A place where witnesses differ: each reading with the captures that carry it."""

    passage: int  # index in Story.passages
    chosen: str  # the canonical wording at this place ("" where a source adds words)
    readings: tuple[tuple[str, tuple[str, ...]], ...]  # (wording, witnesses), the chosen one first
    reason: str


@dataclass
class Story:
    """Versions of one story and the canonical text they attest."""

    id: str
    captures: list[Capture]
    title: str = ""
    title_reason: str = ""
    title_variants: list[tuple[str, str]] = field(default_factory=list)  # (headline, capture path)
    standfirst: str = ""  # the summary under the headline, from one source's standfirst or description
    standfirst_source: str = ""  # that source's capture path
    passages: list[Passage] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    notes: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return "\n\n".join(t for p in self.passages if (t := p.text))
