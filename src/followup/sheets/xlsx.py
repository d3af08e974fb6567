"""`export --xlsx FILE`: the four tables as four sheets of one workbook (openpyxl).

Text stays text: every string cell is written with the string type, so a value starting
with `=` is never a formula. Dates and times are real date cells (a spreadsheet can sort
and filter them); round numbers are numbers. A cell longer than a spreadsheet takes (32,767
characters) is cut, with a warning naming it: the CSV export keeps it whole.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from followup.core.errors import UsageError
from followup.core.notices import warn
from followup.core.sheets import COLUMNS, SHEETS, Row

MAX_CELL = 32_767
DATE_COLUMNS = frozenset({"applied_on", "promised_by", "new_by"})
MOMENT_COLUMNS = frozenset({"at"})
NUMBER_COLUMNS = frozenset({"round"})


def _value(column: str, text: str) -> str | int | date | datetime | None:
    if text == "":
        return None
    if column in DATE_COLUMNS:
        return date.fromisoformat(text)
    if column in MOMENT_COLUMNS:
        return datetime.fromisoformat(text)
    if column in NUMBER_COLUMNS:
        return int(text)
    return text


def workbook_bytes(tables: Mapping[str, Sequence[Row]]) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, columns in COLUMNS.items():
        sheet = book.create_sheet(SHEETS[name])
        sheet.append(list(columns))
        sheet.freeze_panes = "A2"
        for n, row in enumerate(tables.get(name, []), 2):
            for m, column in enumerate(columns, 1):
                value = _value(column, row[column])
                cell = sheet.cell(row=n, column=m)
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    if len(value) > MAX_CELL:
                        warn(f"{SHEETS[name]} sheet, row {n}, column {column}: cut to "
                             f"{MAX_CELL:,} characters (a spreadsheet's limit; the CSV export "
                             "keeps it whole)")
                        value = value[:MAX_CELL]
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula
                else:
                    cell.value = value
                    if isinstance(value, datetime):
                        cell.number_format = "yyyy-mm-dd hh:mm"
                    elif isinstance(value, date):
                        cell.number_format = "yyyy-mm-dd"
        for m, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(m)].width = max(10, min(40, len(column) + 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_workbook(path: Path, tables: Mapping[str, Sequence[Row]]) -> None:
    data = workbook_bytes(tables)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"--xlsx: cannot write {path}: {e.strerror or e}") from None
