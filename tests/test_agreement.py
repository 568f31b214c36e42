"""A text capture's headline from what the other versions of its story chose (data cases)."""

from __future__ import annotations

import pytest
from conftest import cases

from recension.agreement import agree_headlines
from recension.model import Capture, Line, Meta


def _capture(spec: dict) -> Capture:
    lines = [Line(n + 1, text, role) for n, (text, role) in enumerate(spec["lines"])]
    title = next(ln.text for ln in lines if ln.role == "title")
    origin = "header" if spec.get("header_title") else "text"
    return Capture(spec["path"], spec["format"], meta={"title": Meta(title, origin)}, lines=lines)


@pytest.mark.parametrize("case", cases("agreement.json"), ids=lambda c: c["why"])
def test_headline_agreed_by_other_versions(case):
    caps = [_capture(s) for s in case["captures"]]
    story_of = {s["path"]: s["story"] for s in case["captures"]}
    out = agree_headlines(caps, story_of)
    assert {c.path: c.title for c in out} == case["titles"]
    for before, after in zip(caps, out, strict=True):
        titles = [ln.text for ln in after.lines if ln.role == "title"]
        assert len(titles) == 1 and titles[0].startswith(after.title)  # one title line: the headline's
        moved = [ch for ch in after.changes if ch.kind == "title"]
        assert len(moved) == (before.title != after.title)
        assert [ln.text for ln in after.lines] == [ln.text for ln in before.lines]
        assert after.body == before.body  # the text is untouched
