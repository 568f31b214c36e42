"""Text repair, decoding and the capture header, as data cases."""

from __future__ import annotations

import codecs

import pytest
from conftest import cases

from recension.dates import find_date, is_dateline
from recension.decode import decode_bytes
from recension.header import split_header
from recension.layout import heading_lines
from recension.model import CaptureError
from recension.repair import repair_text
from recension.text import sentences


@pytest.mark.parametrize("case", cases("repair.json"), ids=lambda c: c["name"])
def test_repair(case):
    text, changes = repair_text(case["input"])
    assert text == case["output"]
    assert sorted({c.kind for c in changes}) == sorted(case["kinds"])
    for c in changes:
        assert c.reason  # every repair says why
    if "headings" in case:
        assert heading_lines(changes) == set(case["headings"])
    again, more = repair_text(text)
    assert again == text and not more  # idempotent


@pytest.mark.parametrize("case", cases("sentences.json"), ids=lambda c: c["input"][:30])
def test_sentences(case):
    assert sentences(case["input"]) == case["output"]


@pytest.mark.parametrize("case", cases("header.json"), ids=lambda c: c["input"][:20])
def test_header(case):
    meta, rest, _ = split_header(case["input"])
    assert meta == case["meta"]
    assert rest.startswith(case["rest_starts"])


@pytest.mark.parametrize("case", cases("dates.json"), ids=lambda c: c["input"][:30])
def test_dates(case):
    found = find_date(case["input"])
    assert (found[0].isoformat() if found else None) == case["date"]
    assert is_dateline(case["input"]) == case["dateline"]


TEXT = "Caf\u00e9 owners said the \u201cnew\u201d rules \u2014 first of their kind \u2014 cost \u20ac300."


@pytest.mark.parametrize("encoded,label", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 with BOM"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16 LE with BOM"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16 BE with BOM"),
    (TEXT.encode("utf-16-le"), "utf-16 LE without BOM"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_decode_encodings(encoded, label):
    text, _, _ = decode_bytes(encoded)
    assert text == TEXT, label


def test_latin1_decodes_to_the_same_letters():
    text, _, _ = decode_bytes("Se\u00f1or M\u00fcller \u00e0 la fa\u00e7ade".encode("latin-1"))
    assert text == "Se\u00f1or M\u00fcller \u00e0 la fa\u00e7ade"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 50, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 3000, "binary"),
])
def test_unusable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(CaptureError, match=reason):
        decode_bytes(data)
