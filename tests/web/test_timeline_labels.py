"""Timeline labels never overlap and never leave the chart, on the crowded cases users saw:
two thank-you notes the same day, r2 and r3 close together, two Prepare labels, a label at
the right edge; and, for any set of marks, a property test of the same two promises."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core import caseio
from followup.web.labels import Item, Placed, label_width, place
from followup.web.timeline import WIDTH, build

LEFT, RIGHT = 120.0, 956.0


def _no_collisions(items: list[Item], spots: list[Placed]) -> None:
    for n, (a, pa) in enumerate(zip(items, spots, strict=True)):
        assert LEFT <= pa.left and pa.right <= RIGHT, (a, pa)  # never clipped
        for b, pb in list(zip(items, spots, strict=True))[n + 1:]:
            if pa.row != pb.row:
                continue
            a_lo, a_hi = min(a.lo, pa.left), max(a.hi, pa.right)
            b_lo, b_hi = min(b.lo, pb.left), max(b.hi, pb.right)
            assert a_hi <= b_lo or b_hi <= a_lo, (a, pa, b, pb)


def test_two_thank_yous_the_same_day_take_two_rows() -> None:
    items = [Item(500, 514, label_width("thank you (Dana)")),
             Item(500.5, 514.5, label_width("thank you (Priya)"))]
    spots = place(items, LEFT, RIGHT)
    assert {s.row for s in spots} == {0, 1}
    _no_collisions(items, spots)


def test_r2_and_r3_close_together() -> None:
    items = [Item(600, 614, label_width("r2")), Item(606, 620, label_width("r3"))]
    spots = place(items, LEFT, RIGHT)
    assert spots[0].row != spots[1].row
    _no_collisions(items, spots)


def test_two_prepare_labels_and_a_third_far_away() -> None:
    prepare = label_width("Prepare for the interview")
    items = [Item(300, 330, prepare), Item(320, 350, prepare), Item(800, 820, prepare)]
    spots = place(items, LEFT, RIGHT)
    assert spots[0].row != spots[1].row
    _no_collisions(items, spots)


def test_a_label_at_the_right_edge_turns_left() -> None:
    items = [Item(940, 950, label_width("promised 30 Nov"))]
    (spot,) = place(items, LEFT, RIGHT)
    assert spot.anchor == "end" and spot.right <= 940
    _no_collisions(items, spots=[spot])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(LEFT, RIGHT - 20), st.floats(0, 60),
                          st.text(min_size=1, max_size=26)), max_size=14))
def test_any_crowd_fits(marks: list[tuple[float, float, str]]) -> None:
    items = [Item(x, min(x + w, RIGHT), label_width(t)) for x, w, t in marks]
    _no_collisions(items, place(items, LEFT, RIGHT, max_rows=len(items) + 1))


def test_the_drawn_timeline_of_a_crowded_case() -> None:
    """Two thank-yous at the same minute, two interviews a day apart, a promise on the
    last day: every label of every lane inside the chart, none over another."""
    case = caseio.from_dict({
        "version": 1,
        "opportunity": {"id": "acme", "company": "Acme", "role": "Analyst"},
        "people": [{"id": "dana", "name": "Dana Whitfield"},
                   {"id": "priya", "name": "Priya Raman"}],
        "interviews": [
            {"id": "r2", "at": "2026-03-02T10:00:00", "interviewers": ["dana"]},
            {"id": "r3", "at": "2026-03-03T09:00:00", "interviewers": ["priya"],
             "promised": {"by": "2026-03-20"}}],
        "touches": [
            {"at": "2026-03-03T17:00:00", "direction": "out", "channel": "email",
             "person": "dana", "kind": "thank_you"},
            {"at": "2026-03-03T17:00:00", "direction": "out", "channel": "email",
             "person": "priya", "kind": "thank_you"}],
    })
    t = build(case, [], date(2026, 3, 4))
    marks = [*t.interviews, *t.touches, *t.promised, t.today]
    boxes = []
    for m in marks:
        w = label_width(m.label)
        lo, hi = (m.tx, m.tx + w) if m.anchor == "start" else (m.tx - w, m.tx)
        assert 0 <= lo and hi <= WIDTH, m
        boxes.append((m.y, lo, hi, m))
    for n, (y, lo, hi, m) in enumerate(boxes):
        for y2, lo2, hi2, m2 in boxes[n + 1:]:
            if abs(y - y2) < 12:
                assert hi <= lo2 or hi2 <= lo, (m, m2)
