"""Rows no reader can take, and schema objects that are not ours (issue 20).

`followup doctor` and `followup restore` both ask this module; the limits on what a record
may hold (`core.limits`) apply once the rows can be read at all. A row is refused by a
reader when a column holds a value of the wrong kind (SQLite keeps whatever it is given: a
date "garbage", a BLOB in a name), a word outside its vocabulary (a direction `sideways`),
JSON that is not a list of strings, or a reference to a person that does not exist. A
schema object we never make (a trigger, a view, an index of someone else's) may change
what every later write does, so it is refused too.

Each fault comes with its repair, chosen to lose as little as can be kept (the `FIX`
vocabulary below): a value of the wrong kind in an optional column is cleared; a word
outside the vocabulary of a column with a safe default gets the default; a row that
cannot stand without the value (a touch with no direction, an interview with no time) is
removed; a foreign trigger, view or index is dropped. Repairs run as fixed SQL with the
row's key as a parameter; only schema names from `sqlite_master` are quoted into it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.kinds import ACTION_KINDS
from followup.core.model import (
    Channel,
    Direction,
    Persistence,
    PromiseChannel,
    Status,
    TouchKind,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from followup.store.read import Rows

__all__ = ["Fault", "VOCABULARY", "faults", "foreign_objects", "repair"]


@dataclass(frozen=True, slots=True)
class Fault:
    """One stored thing a reader would refuse, and the SQL that repairs it."""

    record: str  # the opportunity's id, "profile", or "schema"
    problem: str  # "touches row 7: direction 'sideways' is not one of out, in"
    fix: str  # what the repair does, in words
    sql: str  # the repair; `:key`, `:now` and `:value` its parameters
    key: int | None = None
    value: str | None = None  # the text a value of the wrong kind becomes


class BadText(bytes):
    """A SQLite TEXT value that is not UTF-8 (sqlite3 would raise on reading it)."""


def _text(raw: bytes) -> str | BadText:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return BadText(raw)


@contextmanager
def sqlite_rows(path: str) -> Iterator[Rows]:
    """Rows of a SQLite file read as stored: text that is not UTF-8 comes back as
    `BadText` instead of stopping the read."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.text_factory = _text
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("BEGIN")
        yield lambda sql, params: conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _as_text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# Words a column may hold: (allowed values, what a wrong one becomes; None: the row goes).
# `NULL` means the column is cleared.
NULL = object()
VOCABULARY: dict[tuple[str, str], tuple[frozenset[str], object | None]] = {
    ("opportunities", "status"): (frozenset(s.value for s in Status), Status.ACTIVE.value),
    ("opportunities", "persistence"): (frozenset(p.value for p in Persistence), NULL),
    ("interviews", "promised_channel"): (frozenset(c.value for c in PromiseChannel), NULL),
    ("touches", "direction"): (frozenset(d.value for d in Direction), None),
    ("touches", "channel"): (frozenset(c.value for c in Channel), None),
    ("touches", "kind"): (frozenset(k.value for k in TouchKind), None),
    ("snoozes", "kind"): (frozenset(ACTION_KINDS), None),
    ("mail_reviews", "direction"): (frozenset(d.value for d in Direction), None),
    ("mail_reviews", "kind"): (frozenset(k.value for k in TouchKind), None),
    ("mail_reviews", "state"): (frozenset({"waiting", "accepted", "ignored"}), None),
}

# Columns read back as dates, times or JSON lists (what SQLite returns as text).
DAYS = {("opportunities", "applied_on"), ("interviews", "promised_by"),
        ("touches", "new_by"), ("snoozes", "until"), ("mail_reviews", "new_by"),
        ("mail_reviews", "snooze_until")}
MOMENTS = {("interviews", "at"), ("touches", "at"), ("mail_reviews", "at"),
           ("changes", "at"), ("changes", "undone_at"), ("opportunities", "created_at"),
           ("accounts", "created_at"), ("snoozes", "created_at")}
JSON_LISTS = {("interviews", "topics"), ("interviews", "next_steps")}
# A NOT NULL time that only says when a row was made: a bad one becomes now, not a loss.
STAMPS = {("opportunities", "created_at"), ("accounts", "created_at"),
          ("snoozes", "created_at")}
# Where a row's opportunity is found, to name it in the report.
_OPPORTUNITY = {
    "opportunities": "SELECT slug FROM opportunities WHERE id = :key",
    "interviews": "SELECT o.slug FROM interviews i JOIN opportunities o"
                  " ON o.id = i.opportunity_id WHERE i.id = :key",
    "touches": "SELECT o.slug FROM touches t JOIN opportunities o"
               " ON o.id = t.opportunity_id WHERE t.id = :key",
    "people": "SELECT o.slug FROM people p JOIN opportunities o"
              " ON o.id = p.opportunity_id WHERE p.id = :key",
    "snoozes": "SELECT opportunity AS slug FROM snoozes WHERE id = :key",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_day(value: Any) -> bool:
    if isinstance(value, date) and not isinstance(value, datetime):
        return True
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_moment(value: Any) -> bool:
    if isinstance(value, datetime):
        return True
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_text_list(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return False
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _columns(table: str) -> Sequence[Any]:
    from followup.store import schema

    return list(schema.metadata.tables[table].columns)


def _key_columns(table: str) -> tuple[str, ...]:
    from followup.store import schema

    return tuple(c.name for c in schema.metadata.tables[table].primary_key.columns)


def faults(rows: Rows, sqlite: bool) -> list[Fault]:
    """Every row a reader would refuse, and every schema object not ours, in table order."""
    found = list(foreign_objects(rows, sqlite))
    found.extend(_value_faults(rows, sqlite))
    found.extend(_dangling_interviewers(rows))
    return found


def foreign_objects(rows: Rows, sqlite: bool) -> Iterator[Fault]:
    """Triggers and views (followup makes none) and indexes not in our schema."""
    from followup.store import schema

    ours = {str(i.name) for t in schema.metadata.tables.values() for i in t.indexes}
    ours |= {str(c.name) for t in schema.metadata.tables.values() for c in t.constraints
             if c.name}
    if sqlite:
        objects = [(str(r["type"]), str(r["name"])) for r in rows(
            "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view', 'index')"
            " AND name NOT LIKE 'sqlite_%' ORDER BY type, name", {})]
    else:
        objects = [("trigger", str(r["name"])) for r in rows(
            "SELECT DISTINCT trigger_name AS name FROM information_schema.triggers"
            " WHERE trigger_schema = current_schema()", {})]
        objects += [("view", str(r["name"])) for r in rows(
            "SELECT table_name AS name FROM information_schema.views"
            " WHERE table_schema = current_schema()", {})]
    for kind, name in objects:
        if kind == "index" and name in ours:
            continue
        drop = f"DROP {kind.upper()} IF EXISTS {_quote(name)}"
        if kind == "trigger" and not sqlite:
            continue  # PostgreSQL needs the table too: listed below
        yield Fault("schema", f"a {kind} {_show(name)} that followup never makes (it could "
                    "change or hide what is written)", f"{kind} {_show(name)} dropped", drop)
    if not sqlite:
        for r in rows("SELECT DISTINCT trigger_name AS name, event_object_table AS tbl"
                      " FROM information_schema.triggers"
                      " WHERE trigger_schema = current_schema()", {}):
            name = str(r["name"])
            yield Fault("schema", f"a trigger {_show(name)} that followup never makes",
                        f"trigger {_show(name)} dropped",
                        f"DROP TRIGGER IF EXISTS {_quote(name)} ON {_quote(str(r['tbl']))}")


def _value_faults(rows: Rows, sqlite: bool) -> Iterator[Fault]:
    from sqlalchemy import Boolean, Integer

    from followup.store import schema

    present = _tables(rows, sqlite)
    # Every row by its rowid on SQLite (each table of ours is a rowid table, whatever its
    # key); elsewhere by `id`, which only the tables SQLite can get wrong need.
    key = "rowid" if sqlite else "id"
    for table in schema.metadata.sorted_tables:
        name = table.name
        if name not in present or (not sqlite and _key_columns(name) != ("id",)):
            continue
        checks: list[tuple[str, Callable[[Any], str | None], str, str]] = []
        for col in _columns(name):
            cname = col.name
            where = (name, cname)
            set_null = f"UPDATE {name} SET {_quote(cname)} = NULL WHERE {key} = :key"
            remove = f"DELETE FROM {name} WHERE {key} = :key"
            if where in VOCABULARY:
                allowed, fallback = VOCABULARY[where]
                words = ", ".join(sorted(allowed))
                if fallback is None:
                    fix, sql = "row removed (no value can be guessed)", remove
                elif fallback is NULL:
                    fix, sql = f"{cname} cleared", set_null
                else:
                    fix = f"{cname} set to {fallback!r}"
                    sql = f"UPDATE {name} SET {_quote(cname)} = '{fallback}' WHERE {key} = :key"
                checks.append((cname, _vocabulary(allowed, words, col.nullable), fix, sql))
            elif where in DAYS or where in MOMENTS:
                test = _is_day if where in DAYS else _is_moment
                what = "a date" if where in DAYS else "a date and time"
                if col.nullable:
                    fix, sql = f"{cname} cleared", set_null
                elif where in STAMPS:
                    fix = f"{cname} set to now"
                    sql = f"UPDATE {name} SET {_quote(cname)} = :now WHERE {key} = :key"
                else:
                    fix, sql = "row removed (no date can be guessed)", remove
                checks.append((cname, _typed(test, what, col.nullable), fix, sql))
            elif where in JSON_LISTS:
                checks.append((cname, _typed(_is_text_list, "a JSON list of texts", False),
                               f"{cname} emptied",
                               f"UPDATE {name} SET {_quote(cname)} = '[]' WHERE {key} = :key"))
            elif sqlite and cname != "id" and not col.primary_key:
                integer = isinstance(col.type, Integer | Boolean)
                if not integer:
                    fix = f"{cname} made text (bytes that are not UTF-8 become U+FFFD)"
                    sql = f"UPDATE {name} SET {_quote(cname)} = :value WHERE {key} = :key"
                elif col.nullable:
                    fix, sql = f"{cname} cleared", set_null
                elif isinstance(col.type, Boolean):
                    fix = f"{cname} set to false"
                    sql = f"UPDATE {name} SET {_quote(cname)} = 0 WHERE {key} = :key"
                elif cname == "position":
                    fix = f"{cname} set to the row's id"
                    sql = f"UPDATE {name} SET {_quote(cname)} = rowid WHERE {key} = :key"
                else:
                    fix, sql = "row removed", remove
                checks.append((cname, _storage("integer" if integer else "text",
                                               col.nullable), fix, sql))
        yield from _scan(rows, name, checks, key)


def _tables(rows: Rows, sqlite: bool) -> set[str]:
    if sqlite:
        return {str(r["name"]) for r in rows(
            "SELECT name FROM sqlite_master WHERE type = 'table'", {})}
    return {str(r["name"]) for r in rows(
        "SELECT table_name AS name FROM information_schema.tables"
        " WHERE table_schema = current_schema()", {})}


def _vocabulary(allowed: frozenset[str], words: str,
                nullable: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if isinstance(value, str) and value in allowed:
            return None
        return f"{_show(value)} is not one of {words}"
    return check


def _typed(test: Callable[[Any], bool], what: str,
           nullable: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        return None if test(value) else f"{_show(value)} is not {what}"
    return check


def _storage(kind: str, nullable: bool) -> Callable[[Any], str | None]:
    """SQLite keeps any value in any column: the type the column says, or refused."""
    def check(value: Any) -> str | None:
        if value is None:
            return None if nullable else "is empty (NULL)"
        if isinstance(value, BadText):
            return f"text that is not UTF-8 ({_show(bytes(value))})"
        ok = isinstance(value, int) if kind == "integer" else isinstance(value, str)
        return None if ok else f"holds {type(value).__name__} {_show(value)}, not {kind}"
    return check


def _scan(rows: Rows, table: str,
          checks: Sequence[tuple[str, Callable[[Any], str | None], str, str]],
          key_column: str) -> Iterator[Fault]:
    if not checks:
        return
    names = ", ".join(_quote(c) for c, *_ in checks)
    for r in rows(f"SELECT {key_column} AS row_key, {names} FROM {table}"
                  f" ORDER BY {key_column}", {}):
        for column, check, fix, sql in checks:
            problem = check(r[column])
            if problem is None:
                continue
            key = int(r["row_key"])
            value = _as_text(r[column]) if ":value" in sql else None
            yield Fault(_record(rows, table, key), f"{table} row {key}: {column}: {problem}",
                        fix, sql, key, value)
            if sql.startswith("DELETE"):
                break  # the row goes: its other columns need no repair


def _record(rows: Rows, table: str, key: int) -> str:
    query = _OPPORTUNITY.get(table)
    if table in ("candidates", "candidate_values"):
        return "profile"
    if query is None:
        return table
    found = rows(query, {"key": key})
    return str(found[0]["slug"]) if found else table


def _dangling_interviewers(rows: Rows) -> Iterator[Fault]:
    """An interviewer must be one of the same opportunity's people (the loader looks the
    person up among them)."""
    for r in rows(
        "SELECT iv.interview_id, iv.position, i.opportunity_id, o.slug FROM interviewers iv"
        " JOIN interviews i ON i.id = iv.interview_id"
        " LEFT JOIN opportunities o ON o.id = i.opportunity_id"
        " LEFT JOIN people p ON p.id = iv.person_id AND p.opportunity_id = i.opportunity_id"
        " WHERE p.id IS NULL ORDER BY iv.interview_id, iv.position", {}
    ):
        iid, pos = int(r["interview_id"]), int(r["position"])
        yield Fault(str(r["slug"] or "interviews"),
                    f"interviewers of interview row {iid}, position {pos}: no such person "
                    "in the opportunity", "interviewer removed",
                    f"DELETE FROM interviewers WHERE interview_id = :key AND position = {pos}",
                    iid)


def repair(conn: Connection, found: Iterable[Fault]) -> int:
    """Run each fault's repair in the caller's transaction; how many were run."""
    from sqlalchemy import text

    n = 0
    now = datetime.now()
    found = list(found)
    if found:  # rows change under the cases: every stored plan is made again
        conn.execute(text("DELETE FROM plans"))
    for fault in found:
        conn.execute(text(fault.sql), {"key": fault.key, "now": now, "value": fault.value})
        n += 1
    return n
