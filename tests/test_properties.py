"""Properties: ingest never fails on arbitrary bytes except with a reason; repair is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recension.ingest import read_capture
from recension.model import CaptureError
from recension.repair import repair_text

LINES = st.lists(st.one_of(
    st.text(max_size=120),
    st.sampled_from(["Home", "Share", "0:00", "© 2024", "", "By Jo Bloggs", "Read more:", "×"]),
    st.just("The mayor said on Monday that 12 schools would reopen next week after repairs to the heating."),
), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_ingest_never_raises_on_bytes(data):
    for name in ("x.txt", "x.html"):
        try:
            cap = read_capture(data, name, 0.0)
        except CaptureError as exc:
            assert str(exc)
        else:
            assert cap.body


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_ingest_never_raises_on_line_soup(lines):
    try:
        read_capture("\n".join(lines).encode("utf-8", "surrogatepass"), "soup.txt", 0.0)
    except CaptureError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_repair_is_idempotent(text):
    once, _ = repair_text(text)
    twice, changes = repair_text(once)
    assert twice == once
    assert not changes
