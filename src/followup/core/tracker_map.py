"""Another tracker's CSV, read through a column mapping (`import --csv FILE --map MAP`).

Pure: the mapping is TOML text, the CSV is text; out come cases, or a `SheetError` naming the
file, the row (the header is row 1) and the column of the first bad cell. The mapping says
which header names (aliases; case, spaces, `_` and `-` ignored) hold which of our fields and
what the tracker's stage words mean. Each row is one application; its stages become records:

- `applied` -> `applied_on` and an outgoing `application` touch that day;
- `interview` -> an interview that day (its `format` the tracker's stage word);
- `offer` / `rejected` -> an incoming `offer` / `rejection` touch, and that status;
- `accepted`, `declined`, `withdrawn` -> that status and an outgoing `other` touch saying so;
- `no_response` -> status `dormant`, no touch: no response observed, never a rejection;
- `skip` -> a row not applied to yet (a wish list): not imported, counted.

The stage history comes from a history column (`Applied (2026-08-03) -> Interview
(2026-08-12) -> Rejected (2026-08-20)`, entries split on `->`, `→`, `|`, `;` or a line
break; each `Stage (date)` or `Stage: date`), from a column per stage's date, and from the
current stage with its date. The mappings shipped (`mappings/*.toml`) are documented in
docs/spreadsheets.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from followup.core import limits
from followup.core.errors import CaseFileError
from followup.core.model import (
    Case,
    Channel,
    Direction,
    Interview,
    Opportunity,
    Person,
    Status,
    Touch,
    TouchKind,
)
from followup.core.sheets import SheetError, Table, read_csv
from followup.core.slugs import new_person_slug, new_slug

FIELDS = ("company", "role", "status", "stage_date", "applied_on", "added", "history",
          "field", "listing", "note", "url", "location", "contact", "contact_email")
EVENTS = ("applied", "interview", "offer", "rejected", "accepted", "declined", "withdrawn",
          "no_response", "skip")
ORDERS = ("ymd", "mdy", "dmy")
_MONTHS = {m: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for m in names}
_HISTORY_SPLIT = re.compile(r"\s*(?:->|→|\||;|\n)\s*")
_ENTRY = re.compile(r"(?P<stage>[^():]+?)\s*(?:\((?P<a>[^()]*)\)|:\s*(?P<b>.+))\s*$")


@dataclass(frozen=True)
class TrackerMap:
    """A mapping file: aliases per field, stage words, how to read numeric dates."""

    name: str
    columns: Mapping[str, tuple[str, ...]]
    stages: Mapping[str, str]
    stage_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_order: str = "ymd"
    empty: tuple[str, ...] = ()
    default_stage: str = "applied"


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


def parse_map(text: str, source: str) -> TrackerMap:
    """A mapping file (TOML), checked: every problem names the file and the key."""
    def fail(key: str, problem: str) -> CaseFileError:
        return CaseFileError(key, problem, source)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CaseFileError("", f"not a TOML file: {e}", source) from None
    unknown = set(data) - {"name", "columns", "stages", "stage_columns", "date_order",
                           "empty", "default_stage"}
    if unknown:
        raise fail(sorted(unknown)[0], "unknown key")

    def aliases(table: str, names: Sequence[str]) -> dict[str, tuple[str, ...]]:
        found = data.get(table, {})
        if not isinstance(found, dict):
            raise fail(table, "must be a table")
        out = {}
        for key, value in found.items():
            if key not in names:
                raise fail(f"{table}.{key}", f"unknown field (one of {', '.join(names)})")
            values = [value] if isinstance(value, str) else value
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise fail(f"{table}.{key}", "must be a header name or a list of them")
            out[key] = tuple(_key(v) for v in values)
        return out

    columns = aliases("columns", FIELDS)
    for required in ("company", "role"):
        if required not in columns:
            raise fail(f"columns.{required}", "missing")
    stages = data.get("stages", {})
    if not isinstance(stages, dict):
        raise fail("stages", "must be a table")
    for word, event in stages.items():
        if event not in EVENTS:
            raise fail(f"stages.{word}", f"must be one of {', '.join(EVENTS)}, not {event!r}")
    order = data.get("date_order", "ymd")
    if order not in ORDERS:
        raise fail("date_order", f"must be one of {', '.join(ORDERS)}, not {order!r}")
    empty = data.get("empty", [])
    if not isinstance(empty, list) or not all(isinstance(v, str) for v in empty):
        raise fail("empty", "must be a list of texts")
    default = data.get("default_stage", "applied")
    if default not in EVENTS:
        raise fail("default_stage", f"must be one of {', '.join(EVENTS)}, not {default!r}")
    name = data.get("name", source)
    return TrackerMap(
        name=str(name), columns=columns,
        stages={_key(k): v for k, v in stages.items()},
        stage_columns=aliases("stage_columns", EVENTS), date_order=order,
        empty=tuple(v.strip().lower() for v in empty), default_stage=default)


def parse_when(text: str, order: str = "ymd") -> date | None:
    """A date as trackers write it: 2026-08-03, 2026-08-03 19:17:05, 2026-08-03T19:17,
    08/03/2026 (by `order`), 3 Aug 2026, Aug 3, 2026, 3. August 2026; None if none of them."""
    value = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"(?:Z|[+-]\d{2}:?\d{2})?)?", value)
    numbers: tuple[int, int, int] | None = None
    if iso:
        numbers = (int(iso[1]), int(iso[2]), int(iso[3]))
    elif found := re.fullmatch(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})", value):
        a, b, c = (int(x) for x in found.groups())
        if len(found[1]) == 4:
            numbers = (a, b, c)
        elif order == "dmy" or "." in value:  # 03.08.2026: dotted dates are day first
            numbers = (c, b, a)
        else:  # mdy, and ymd's reading of a US-style numeric date
            numbers = (c, a, b)
    elif found := re.fullmatch(r"(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})", value):
        month = _MONTHS.get(found[2].lower())
        numbers = (int(found[3]), month, int(found[1])) if month else None
    elif found := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value):
        month = _MONTHS.get(found[1].lower())
        numbers = (int(found[3]), month, int(found[2])) if month else None
    if numbers is None:
        return None
    year, month, day = numbers
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class Imported:
    cases: list[Case]
    skipped: int  # rows of a stage mapped to `skip` (not applied to yet)


class _Row:
    def __init__(self, file: str, number: int, row: Mapping[str, str], spec: TrackerMap,
                 header: Mapping[str, str]) -> None:
        self.file, self.number, self.row, self.spec, self.header = (
            file, number, row, spec, header)

    def column(self, name: str) -> str | None:
        """The header (as written) that holds our field `name`, if any."""
        for alias in self.spec.columns.get(name, ()):
            if alias in self.header:
                return self.header[alias]
        return None

    def get(self, name: str) -> tuple[str | None, str]:
        column = self.column(name)
        if column is None:
            return None, ""
        value = self.row.get(column, "")
        if value.strip().lower() in self.spec.empty:
            value = ""
        return column, value

    def fail(self, column: str | None, problem: str) -> SheetError:
        return SheetError(self.file, self.number, column, problem)

    def text(self, name: str, *, line: bool = True, required: bool = False) -> str | None:
        column, value = self.get(name)
        if not value.strip():
            if required:
                raise self.fail(column or name, "missing")
            return None
        problem = limits.text_problem(value.strip(), line=line)
        if problem:
            raise self.fail(column, problem)
        return value.strip()

    def day(self, name: str, value: str | None = None, column: str | None = None
            ) -> date | None:
        if value is None:
            column, value = self.get(name)
        if not value.strip():
            return None
        found = parse_when(value, self.spec.date_order)
        if found is None:
            raise self.fail(column, f"not a date: {limits.show(value)}")
        if problem := limits.day_problem(found):
            raise self.fail(column, problem)
        return found

    def event(self, word: str, column: str | None) -> str:
        found = self.spec.stages.get(_key(word))
        if found is None:
            known = ", ".join(sorted(self.spec.stages)) or "none"
            raise self.fail(column, f"unknown stage {limits.show(word)} (the mapping "
                                    f"knows: {known})")
        return found


def read_tracker(name: str, text: str, spec: TrackerMap, taken: set[str]) -> Imported:
    """The cases of another tracker's CSV `text` through `spec`; ids made unique against
    `taken` (the account's)."""
    table: Table = read_csv(name, text, None, (), unguarded=False, delimiter=delimiter(text))
    header = {}
    if table.rows:
        header = {_key(c): c for c in table.rows[0][1]}
    else:
        first = text.removeprefix("\ufeff").splitlines()[:1]
        header = {_key(c): c.strip() for c in (first[0].split(",") if first else [])}
    for required in ("company", "role"):
        if not any(alias in header for alias in spec.columns[required]):
            raise SheetError(name, 1, None, f"no column for {required} (looked for: "
                                            f"{', '.join(spec.columns[required])})")
    cases: list[Case] = []
    skipped = 0
    ids = set(taken)
    for number, row in table.rows:
        r = _Row(name, number, row, spec, header)
        case = _case(r, ids)
        if case is None:
            skipped += 1
            continue
        ids.add(case.opportunity.id)
        cases.append(case)
    if len(cases) > limits.MAX_CASES:
        raise SheetError(name, None, None, f"too many rows ({len(cases)}; at most "
                                           f"{limits.MAX_CASES})")
    return Imported(cases, skipped)


def delimiter(text: str) -> str:
    """`,`, or `;` / a tab where the header row holds more of them (a spreadsheet saved
    with a European list separator)."""
    header = text.removeprefix("\ufeff").split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", header)
    return max((",", ";", "\t"), key=outside.count)


def _history(r: _Row) -> list[tuple[str, date, str | None]]:
    """(event, day, stage word) from the history column, the per-stage date columns and the
    current stage, in time order, each (event, day) once."""
    found: list[tuple[str, date, str | None]] = []
    column, text = r.get("history")
    for entry in (e for e in _HISTORY_SPLIT.split(text.strip()) if e.strip()) if text else ():
        parsed = _ENTRY.fullmatch(entry.strip())
        if parsed is None:
            raise r.fail(column, f"not a stage with its date, like \"Applied (2026-08-03)\": "
                                 f"{limits.show(entry)}")
        word = parsed["stage"].strip()
        day = r.day("history", parsed["a"] or parsed["b"] or "", column)
        if day is None:
            raise r.fail(column, f"{limits.show(entry)}: no date")
        found.append((r.event(word, column), day, word))
    for event, aliases in r.spec.stage_columns.items():
        for alias in aliases:
            if alias in r.header:
                day = r.day("", r.row.get(r.header[alias], ""), r.header[alias])
                if day is not None:
                    found.append((event, day, None))
                break
    status_column, word = r.get("status")
    if word.strip():
        event = r.event(word, status_column)
        day = r.day("stage_date") or r.day("applied_on" if event == "applied" else "added")
        if event == "skip":
            return [("skip", day or date.min, word.strip())]
        if day is not None:
            found.append((event, day, word.strip()))
        elif not any(e == event for e, _, _ in found):
            found.append((event, date.min, word.strip()))  # no date known: the status only
    applied = r.day("applied_on")
    if applied is not None:
        found.append(("applied", applied, None))
    if not found:
        found.append((r.spec.default_stage, r.day("added") or date.min, None))
    seen: set[tuple[str, date]] = set()
    out = []
    for event, day, word in sorted(found, key=lambda f: (f[1], EVENTS.index(f[0]))):
        if (event, day) not in seen:
            seen.add((event, day))
            out.append((event, day, word))
    return out


_STATUS = {"offer": Status.OFFER, "rejected": Status.REJECTED, "accepted": Status.ACCEPTED,
           "declined": Status.DECLINED, "withdrawn": Status.WITHDRAWN,
           "no_response": Status.DORMANT}
_SAID = {"accepted": "Accepted the offer", "declined": "Declined the offer",
         "withdrawn": "Withdrew the application"}


def _case(r: _Row, ids: set[str]) -> Case | None:
    company = r.text("company", required=True) or ""
    role = r.text("role", required=True) or ""
    events = _history(r)
    if any(e == "skip" for e, _, _ in events):
        return None
    applied_on = next((d for e, d, _ in events if e == "applied" and d != date.min), None)
    status = Status.ACTIVE
    interviews: list[Interview] = []
    touches: list[Touch] = []
    for event, day, word in events:
        status = _STATUS.get(event, status)
        if day == date.min:
            continue
        at = datetime.combine(day, time(0))
        if event == "applied":
            touches.append(Touch(at, Direction.OUT, Channel.EMAIL, TouchKind.APPLICATION,
                                 note=_note(r)))
        elif event == "interview":
            interviews.append(Interview(f"r{len(interviews) + 1}", at,
                                        round=len(interviews) + 1,
                                        format=word.lower() if word else None))
        elif event in ("offer", "rejected"):
            kind = TouchKind.OFFER if event == "offer" else TouchKind.REJECTION
            touches.append(Touch(at, Direction.IN, Channel.EMAIL, kind))
        elif event in _SAID:
            touches.append(Touch(at, Direction.OUT, Channel.EMAIL, TouchKind.OTHER,
                                 note=_SAID[event]))
    people: tuple[Person, ...] = ()
    contact = r.text("contact")
    email_column, email = r.get("contact_email")
    if contact:
        from followup.core.addresses import email_problem, normal_email

        address = email.strip() or None
        if address and (problem := email_problem(address)):
            raise r.fail(email_column, f"not a valid email address: {problem}")
        people = (Person(new_person_slug(contact, set()), contact,
                         email=normal_email(address) if address else None, contact=True),)
    listing = r.text("listing", line=False)
    opportunity = Opportunity(
        id=new_slug(company, role, ids), company=company, role=role,
        field=r.text("field"), status=status, listing=listing, applied_on=applied_on)
    case = Case(opportunity, people=people, interviews=tuple(interviews),
                touches=tuple(touches))
    try:
        limits.check_case(case)
    except CaseFileError as e:
        raise r.fail(None, f"{e.path}: {e.problem}") from None
    return case


def _note(r: _Row) -> str | None:
    parts = [p for p in (r.text("note", line=False), r.text("location"), r.text("url")) if p]
    return "\n".join(parts) or None
