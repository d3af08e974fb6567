"""core/sheets: list cells, formula guards and CSV text survive any value; bad cells are
named by file, row (the header is row 1) and column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.core.sheets import (
    COLUMNS,
    OPPORTUNITIES,
    REQUIRED,
    TOUCHES,
    SheetError,
    csv_text,
    from_tables,
    guard,
    join_items,
    read_csv,
    split_items,
    unguard,
)

items = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1), max_size=5)
cells = st.text(st.characters(blacklist_categories=("Cs",)))


@given(items)
def test_list_cells_round_trip_whatever_the_items_hold(values: list[str]) -> None:
    assert split_items(join_items(values)) == values


def test_list_cells_read_as_people_write_them() -> None:
    assert join_items(["dbt", "dashboards"]) == "dbt; dashboards"
    assert split_items("dbt; dashboards") == ["dbt", "dashboards"]
    assert split_items("a;b") == ["a", "b"]
    assert join_items(["a; b", "c\\"]) == "a\\; b; c\\\\"
    assert split_items("") == []


@given(cells)
def test_guard_is_undone_exactly(value: str) -> None:
    assert unguard(guard(value)) == value
    assert not guard(value).startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.lists(st.tuples(cells, cells), max_size=4))
def test_csv_text_round_trips(rows: list[tuple[str, str]]) -> None:
    table = [{c: "" for c in COLUMNS[TOUCHES]} | {"note": a, "message_id": b} for a, b in rows]
    back = read_csv(TOUCHES, csv_text(TOUCHES, table), COLUMNS[TOUCHES])
    kept = [r for r in table if any(v.strip() for v in r.values())]
    assert [r for _, r in back.rows] == kept


OPP = "id,company,role\r\nacme,Acme,Analyst\r\n"


def tables(touches: str, opportunities: str = OPP) -> dict[str, object]:
    return {OPPORTUNITIES: read_csv(OPPORTUNITIES, opportunities, COLUMNS[OPPORTUNITIES],
                                    REQUIRED[OPPORTUNITIES]),
            TOUCHES: read_csv(TOUCHES, touches, COLUMNS[TOUCHES], REQUIRED[TOUCHES])}


@pytest.mark.parametrize(("touches", "message"), [
    ("opportunity,at,direction,channel,kind\nacme,2026-03-02,out,email,thank_you\n"
     "acme,31/02/2026,out,email,check_in\n",
     'touches.csv: row 3, column at: not a date: "31/02/2026"'),
    ("opportunity,at,direction,channel,kind\nacme,2026-03-02,sideways,email,thank_you\n",
     "touches.csv: row 2, column direction: must be one of out, in, not \"sideways\""),
    ("opportunity,at,direction,channel,kind\nglobex,2026-03-02,out,email,thank_you\n",
     'touches.csv: row 2, column opportunity: no opportunity "globex" in opportunities.csv'),
    ("opportunity,at,direction,channel,kind,person\nacme,2026-03-02,out,email,thank_you,dana\n",
     'touches.csv: row 2, column person: unknown person id "dana"'),
    ("opportunity,at,direction,channel,kind,new_by\nacme,2026-03-02,out,email,check_in,"
     "2026-03-09\n", 'touches.csv: row 2, column new_by: only an incoming touch'),
    ("opportunity,at,direction,channel\nacme,2026-03-02,out,email\n",
     "touches.csv: row 1, column kind: missing column"),
    ("opportunity,at,direction,channel,kind,colour\n",
     "touches.csv: row 1, column colour: unknown column"),
    ("opportunity,at,direction,channel,kind\nacme,2026-03-02,out,email,thank_you,extra\n",
     "touches.csv: row 2, column #6: 6 cells in a row of 5 columns"),
])
def test_a_bad_cell_names_file_row_and_column(touches: str, message: str) -> None:
    with pytest.raises(SheetError) as err:
        from_tables(tables(touches))  # type: ignore[arg-type]
    assert str(err.value).startswith(message)


def test_rows_are_records_and_a_quoted_line_break_stays_in_its_row() -> None:
    touches = ('opportunity,at,direction,channel,kind,note\n'
               'acme,2026-03-02,out,email,thank_you,"two\nlines"\n'
               'acme,2026-03-0x,out,email,check_in,\n')
    with pytest.raises(SheetError, match="row 3, column at"):
        from_tables(tables(touches))  # type: ignore[arg-type]


def test_a_duplicate_opportunity_names_both_rows() -> None:
    with pytest.raises(SheetError, match=r"opportunities.csv: row 3, column id: duplicate id "
                                         r"\"acme\" \(also row 2\)"):
        from_tables(tables("opportunity,at,direction,channel,kind\n",
                           OPP + "acme,Acme,Other\r\n"))  # type: ignore[arg-type]


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    table = read_csv(OPPORTUNITIES, "\ufeff" + OPP, COLUMNS[OPPORTUNITIES])
    assert table.rows[0][1]["id"] == "acme"
