"""The versions view: one version against the canonical text (data cases in cases/versions.json)."""

from __future__ import annotations

import pytest
from conftest import cases

from recension.render import version_html
from recension.versions import compare, summary


@pytest.mark.parametrize("case", cases("versions.json"), ids=lambda c: c["name"][:40])
def test_versions_compare(case):
    runs = compare(case["canonical"], case["version"], [tuple(p) for p in case["restored"]])
    assert [[r.op, r.version] for r in runs] == case["ops"]
    assert summary(runs) == case["counts"]


def test_version_markup_is_escaped_and_keeps_paragraphs():
    runs = compare("First <b>para</b>.\n\nSecond para.", "First <b>para</b> <script>x</script>.\n\nSecond para.")
    html = version_html(runs)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert html.count("<p>") == 2 and "<ins>" in html
