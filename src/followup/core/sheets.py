"""The records as four tables and back (CONTRACT.md "Spreadsheets"; docs/spreadsheets.md).

Pure: cases -> rows of text (`to_tables`), CSV text <-> rows (`csv_text`, `read_csv`), and
rows -> cases (`from_tables`) with every bad cell refused as `SheetError` naming the file,
the row (the header is row 1; a row is a record, as a spreadsheet numbers them), the column
and what is wrong. Reading the files and writing the store are the service's.

Lossless for what a case file holds but the profile (the candidate is the profile's, not a
record's): list fields are joined with `; ` (a `;` or `\\` inside an item is escaped with
`\\`), an empty cell is no value, and a cell a spreadsheet would run as a formula (first
character `= + - @`, a tab or a carriage return) is written with a leading `'`, which
reading takes off again (a value that itself starts with `'` gets one more).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from followup.core import caseio, limits
from followup.core.errors import CaseFileError, FollowupError
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Persistence,
    Person,
    Promise,
    PromiseChannel,
    Status,
    Touch,
    TouchKind,
)

OPPORTUNITIES, PEOPLE, INTERVIEWS, TOUCHES = (
    "opportunities.csv", "people.csv", "interviews.csv", "touches.csv")

# Every table's columns, in the order export writes them; `REQUIRED` must be in the header.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    OPPORTUNITIES: ("id", "company", "role", "field", "persistence", "status", "applied_on",
                    "send_letter", "listing"),
    PEOPLE: ("opportunity", "id", "name", "title", "email", "phone", "contact"),
    INTERVIEWS: ("opportunity", "id", "at", "round", "format", "interviewers", "topics",
                 "next_steps", "promised_by", "promised_channel", "promised_who",
                 "promised_said", "invite_uid"),
    TOUCHES: ("opportunity", "at", "direction", "channel", "kind", "person", "new_by", "note",
              "message_id"),
}
REQUIRED: Mapping[str, tuple[str, ...]] = {
    OPPORTUNITIES: ("id", "company", "role"),
    PEOPLE: ("opportunity", "id", "name"),
    INTERVIEWS: ("opportunity", "id", "at"),
    TOUCHES: ("opportunity", "at", "direction", "channel", "kind"),
}
SHEETS: Mapping[str, str] = {name: name.removesuffix(".csv") for name in COLUMNS}
# A case-file field path (caseio, limits) -> the column that holds it.
_FIELD_COLUMN = {"promised.by": "promised_by", "promised.channel": "promised_channel",
                 "promised.who": "promised_who", "promised.said": "promised_said"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
SEPARATOR = "; "

Row = dict[str, str]
E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class SheetError(FollowupError):
    """A bad cell: the file, the row (the header is row 1), the column and what is wrong."""

    def __init__(self, file: str, row: int | None, column: str | None, problem: str) -> None:
        self.file, self.row, self.column, self.problem = file, row, column, problem
        where = file
        if row is not None:
            where += f": row {row}"
        if column is not None:
            where += f", column {column}" if row is not None else f": column {column}"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Table:
    """One file's rows, each with its row number (the header is row 1)."""

    name: str
    rows: tuple[tuple[int, Row], ...]


# -- writing -----------------------------------------------------------------------------


def join_items(items: Iterable[str]) -> str:
    return SEPARATOR.join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def split_items(cell: str) -> list[str]:
    """`join_items` undone: `; ` separates, `\\` escapes the next character."""
    items: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            current.append(cell[i + 1])
            i += 2
            continue
        if ch == ";":
            items.append("".join(current))
            current = []
            i += 2 if cell[i + 1:i + 2] == " " else 1
            continue
        current.append(ch)
        i += 1
    items.append("".join(current))
    return [] if items == [""] else items


def _text(value: str | None) -> str:
    return "" if value is None else value


def _flag(value: bool) -> str:
    return "true" if value else "false"


def to_tables(cases: Iterable[Case]) -> dict[str, list[Row]]:
    """Every record as rows of text, by file name, in export order."""
    out: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    for case in cases:
        o = case.opportunity
        out[OPPORTUNITIES].append({
            "id": o.id, "company": o.company, "role": o.role, "field": _text(o.field),
            "persistence": o.persistence.value if o.persistence else "",
            "status": o.status.value, "applied_on": o.applied_on.isoformat()
            if o.applied_on else "", "send_letter": _flag(o.send_letter),
            "listing": _text(o.listing)})
        for p in case.people:
            out[PEOPLE].append({
                "opportunity": o.id, "id": p.id, "name": p.name, "title": _text(p.title),
                "email": _text(p.email), "phone": _text(p.phone), "contact": _flag(p.contact)})
        for i in case.interviews:
            promise = i.promised
            out[INTERVIEWS].append({
                "opportunity": o.id, "id": i.id, "at": caseio.format_datetime(i.at),
                "round": "" if i.round is None else str(i.round), "format": _text(i.format),
                "interviewers": join_items(i.interviewers), "topics": join_items(i.topics),
                "next_steps": join_items(i.next_steps),
                "promised_by": promise.by.isoformat() if promise else "",
                "promised_channel": promise.channel.value
                if promise and promise.channel else "",
                "promised_who": _text(promise.who) if promise else "",
                "promised_said": _text(promise.said) if promise else "",
                "invite_uid": _text(i.invite_uid)})
        for t in case.touches:
            out[TOUCHES].append({
                "opportunity": o.id, "at": caseio.format_datetime(t.at),
                "direction": t.direction.value, "channel": t.channel.value,
                "kind": t.kind.value, "person": _text(t.person),
                "new_by": t.new_by.isoformat() if t.new_by else "", "note": _text(t.note),
                "message_id": _text(t.message_id)})
    return out


def guard(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, with a leading `'` (and one more for a
    value that starts with `'` itself), so reading can take exactly one off."""
    return "'" + cell if cell.startswith(_FORMULA) else cell


def unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def csv_text(name: str, rows: Sequence[Row]) -> str:
    """One file: UTF-8 text, a header row, RFC 4180 quoting (CRLF line ends)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = COLUMNS[name]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([guard(row[c]) for c in columns])
    return buffer.getvalue()


# -- reading -----------------------------------------------------------------------------


def read_csv(name: str, text: str, columns: Sequence[str] | None = None,
             required: Sequence[str] = (), *, unguarded: bool = True,
             delimiter: str = ",") -> Table:
    """Rows of `text` by column name. The header is row 1; a byte-order mark is dropped; an
    unknown or repeated column, a missing required one or a row wider than the header is
    refused. `columns`: the known ones (None: any)."""
    text = text.removeprefix("\ufeff")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True,
                                  delimiter=delimiter))
    except csv.Error as e:
        raise SheetError(name, None, None, f"not a CSV file: {e}") from None
    if not records or not any(c.strip() for c in records[0]):
        raise SheetError(name, 1, None, "no header row")
    header = [c.strip() for c in records[0]]
    seen: set[str] = set()
    for n, column in enumerate(header, 1):
        if not column:
            raise SheetError(name, 1, f"#{n}", "a column without a name")
        if columns is not None and column not in columns:
            raise SheetError(name, 1, column, f"unknown column (known: {', '.join(columns)})")
        if column in seen:
            raise SheetError(name, 1, column, "the column appears twice")
        seen.add(column)
    for column in required:
        if column not in seen:
            raise SheetError(name, 1, column, "missing column")
    rows: list[tuple[int, Row]] = []
    for number, record in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in record):
            continue  # an empty row between others
        if len(record) > len(header):
            raise SheetError(name, number, f"#{len(header) + 1}",
                             f"{len(record)} cells in a row of {len(header)} columns")
        cells = [unguard(c) if unguarded else c for c in record]
        cells += [""] * (len(header) - len(cells))
        rows.append((number, dict(zip(header, cells, strict=True))))
    return Table(name, tuple(rows))


class _Cells:
    """Reads the cells of one row, naming the file, the row and the column on a problem."""

    def __init__(self, table: str, number: int, row: Row) -> None:
        self.table, self.number, self.row = table, number, row

    def fail(self, column: str, problem: str) -> SheetError:
        return SheetError(self.table, self.number, column, problem)

    def _check(self, column: str, parse: Callable[[str], T]) -> T:
        try:
            return parse(self.row[column])
        except CaseFileError as e:
            raise self.fail(column, e.problem) from None

    def raw(self, column: str) -> str:
        return self.row.get(column, "")

    def text(self, column: str, *, required: bool = False, line: bool = True) -> str | None:
        value = self.raw(column)
        if value == "":
            if required:
                raise self.fail(column, "missing")
            return None
        return self._check(column, lambda v: caseio.check_text(v, column, required=required,
                                                               line=line))

    def ident(self, column: str) -> str:
        value = self.text(column, required=True)
        assert value is not None
        return self._check(column, lambda v: caseio.check_ident(v.strip(), column))

    def optional_ident(self, column: str) -> str | None:
        return None if self.raw(column) == "" else self.ident(column)

    def day(self, column: str, *, required: bool = False) -> date | None:
        if self.raw(column).strip() == "":
            if required:
                raise self.fail(column, "missing")
            return None
        return self._check(column, lambda v: caseio.parse_date(v.strip(), column))

    def moment(self, column: str) -> datetime:
        if self.raw(column).strip() == "":
            raise self.fail(column, "missing")
        return self._check(column, lambda v: caseio.parse_datetime(v.strip(), column))

    def choice(self, column: str, enum: type[E], *, required: bool = False) -> E | None:
        value = self.raw(column).strip()
        if value == "":
            if required:
                raise self.fail(column, "missing")
            return None
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(m.value for m in enum)
            raise self.fail(column, f"must be one of {options}, not "
                                    f"{limits.show(value)}") from None

    def flag(self, column: str) -> bool:
        value = self.raw(column).strip().lower()
        if value in ("", "false", "no", "0"):
            return False
        if value in ("true", "yes", "1"):
            return True
        raise self.fail(column, f"must be true or false, not {limits.show(self.raw(column))}")

    def whole(self, column: str) -> int | None:
        value = self.raw(column).strip()
        if value == "":
            return None
        if not value.isdigit() or limits.round_problem(int(value)):
            raise self.fail(column, f"must be a whole number from 1 to {limits.MAX_ROUND}, "
                                    f"not {limits.show(self.raw(column))}")
        return int(value)

    def items(self, column: str) -> tuple[str, ...]:
        found = split_items(self.raw(column))
        for item in found:
            try:
                caseio.check_text(item, column, required=True, line=True)
            except CaseFileError as e:
                raise self.fail(column, f"item {limits.show(item)}: {e.problem}") from None
        return tuple(found)


@dataclass
class _Draft:
    """One opportunity being put together, with the row each record came from."""

    number: int
    opportunity: Opportunity
    people: list[tuple[int, Person]]
    interviews: list[tuple[int, Interview]]
    touches: list[tuple[int, Touch]]

    def case(self) -> Case:
        return Case(self.opportunity, people=tuple(p for _, p in self.people),
                    interviews=tuple(i for _, i in self.interviews),
                    touches=tuple(t for _, t in self.touches))


def _opportunity(c: _Cells) -> Opportunity:
    return Opportunity(
        id=c.ident("id"), company=c.text("company", required=True) or "",
        role=c.text("role", required=True) or "", field=c.text("field"),
        persistence=c.choice("persistence", Persistence),
        status=c.choice("status", Status) or Status.ACTIVE,
        listing=c.text("listing", line=False), applied_on=c.day("applied_on"),
        send_letter=c.flag("send_letter"))


def _person(c: _Cells) -> Person:
    email = c.text("email")
    if email is not None and email.strip():
        from followup.core.addresses import email_problem, normal_email

        problem = email_problem(email.strip())
        if problem is not None:
            raise c.fail("email", f"not a valid email address {limits.show(email)}: {problem}")
        email = normal_email(email.strip())
    return Person(id=c.ident("id"), name=c.text("name", required=True) or "",
                  title=c.text("title"), email=email, phone=c.text("phone"),
                  contact=c.flag("contact"))


def _interview(c: _Cells) -> Interview:
    by = c.day("promised_by")
    promise = None
    if by is not None:
        promise = Promise(by=by, channel=c.choice("promised_channel", PromiseChannel),
                          who=c.optional_ident("promised_who"),
                          said=c.text("promised_said", line=False))
    else:
        for column in ("promised_channel", "promised_who", "promised_said"):
            if c.raw(column) != "":
                raise c.fail(column, "a promise needs its date (promised_by)")
    return Interview(
        id=c.ident("id"), at=c.moment("at"), round=c.whole("round"), format=c.text("format"),
        interviewers=c.items("interviewers"), topics=c.items("topics"),
        next_steps=c.items("next_steps"), promised=promise, invite_uid=c.text("invite_uid"))


def _touch(c: _Cells) -> Touch:
    direction = c.choice("direction", Direction, required=True)
    assert direction is not None
    new_by = c.day("new_by")
    if new_by is not None and direction is not Direction.IN:
        raise c.fail("new_by", "only an incoming touch (direction \"in\") can give a new date")
    message_id = c.text("message_id")
    if message_id is not None and not re.fullmatch(r"<[^<>\s@]+@[^<>\s@]+>", message_id):
        raise c.fail("message_id", f"not a Message-ID like <id@host>: "
                                   f"{limits.show(message_id)}")
    channel = c.choice("channel", Channel, required=True)
    kind = c.choice("kind", TouchKind, required=True)
    assert channel is not None and kind is not None
    return Touch(at=c.moment("at"), direction=direction, channel=channel, kind=kind,
                 person=c.optional_ident("person"), new_by=new_by,
                 note=c.text("note", line=False), message_id=message_id)


def from_tables(tables: Mapping[str, Table]) -> list[Case]:
    """The cases the four tables hold, in the opportunities' order; the first bad cell (or
    a record that points at nothing) raises `SheetError`."""
    drafts: dict[str, _Draft] = {}
    opportunities = tables.get(OPPORTUNITIES, Table(OPPORTUNITIES, ()))
    if len(opportunities.rows) > limits.MAX_CASES:
        raise SheetError(OPPORTUNITIES, None, None, f"too many rows ({len(opportunities.rows)}"
                                                    f"; at most {limits.MAX_CASES})")
    for number, row in opportunities.rows:
        c = _Cells(OPPORTUNITIES, number, row)
        o = _opportunity(c)
        if o.id in drafts:
            raise c.fail("id", f"duplicate id {limits.show(o.id)} (also row "
                               f"{drafts[o.id].number})")
        drafts[o.id] = _Draft(number, o, [], [], [])
    parts: tuple[tuple[str, Callable[[_Cells], Any], str], ...] = (
        (PEOPLE, _person, "people"), (INTERVIEWS, _interview, "interviews"),
        (TOUCHES, _touch, "touches"))
    for name, build, attribute in parts:
        for number, row in tables.get(name, Table(name, ())).rows:
            c = _Cells(name, number, row)
            ref = c.ident("opportunity")
            draft = drafts.get(ref)
            if draft is None:
                raise c.fail("opportunity", f"no opportunity {limits.show(ref)} in "
                                            f"{OPPORTUNITIES}")
            getattr(draft, attribute).append((number, build(c)))
    cases = []
    for draft in drafts.values():
        case = draft.case()
        try:
            limits.check_case(case)
            caseio.check_references(case)
        except CaseFileError as e:
            raise _locate(draft, e) from None
        cases.append(case)
    return cases


_PATH = re.compile(r"(people|interviews|touches)\[(\d+)\](?:\.([a-z_]+(?:\.[a-z_]+)?))?")


def _locate(draft: _Draft, e: CaseFileError) -> SheetError:
    """A case-file field path from the checks, as the file, row and column it came from."""
    found = _PATH.match(e.path)
    if found:
        part, index, field = found.group(1), int(found.group(2)), found.group(3)
        rows: list[tuple[int, Any]] = getattr(draft, part)
        name = {"people": PEOPLE, "interviews": INTERVIEWS, "touches": TOUCHES}[part]
        column = _FIELD_COLUMN.get(field or "", field) if field else None
        if index < len(rows):
            return SheetError(name, rows[index][0], column, e.problem)
        return SheetError(name, None, column, f"{draft.opportunity.id}: {e.problem}")
    column = e.path.removeprefix("opportunity.") if e.path.startswith("opportunity.") else None
    if column is not None:
        return SheetError(OPPORTUNITIES, draft.number, column, e.problem)
    return SheetError(OPPORTUNITIES, draft.number, None, f"{e.path}: {e.problem}")
