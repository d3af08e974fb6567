"""Hypothesis strategies for hostile input, shared by tests/test_fuzz.py and scripts/fuzz.py.

Case files start from the real ones in tests/cases (the four field cases, the CONTRACT.md
example and the 75 planner scenarios' cases) and are broken the ways the issue-12 audit
broke them: a field's type changed, a field deleted, a huge or deeply nested value, a lone
surrogate, a control character or line break, a date far away, an integer too long to
parse. CLI arguments are real commands with one option given a hostile value.

`check_import` and `check_cli` hold the bar: exit 0, or exit 2 with exactly one line on
stderr and the database unchanged (every row of every table compared); never a traceback.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click.testing
import typer.main
from hypothesis import strategies as st

from followup.cli import app

# Typer's CliRunner builds the click command again on every call (0.5 s under load):
# build it once, and invoke it with click's own runner.
COMMAND = typer.main.get_command(app)

CASES = Path(__file__).parent / "cases"


def _real_cases() -> list[dict[str, Any]]:
    found = []
    for path in sorted(CASES.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "case" in data:  # a planner scenario: its case
            data = data["case"]
        elif "checks" in data:  # a scenario of several cases: as a bundle
            data = {"version": 1, "cases": data["cases"]}
        found.append(data)
    return found


REAL = _real_cases()

FAR_DATES = ["9999-12-31", "0001-01-01", "1969-12-31", "2200-01-01", "9999-12-31T23:59",
             "0001-01-01T00:00", "2026-02-30", "2026-13-01", "+2026-03-02", "99999-01-01"]
CONTROL = ["\r\nBcc: evil@example.com", "\x00", "\x1b[31m", "\x7f", "\u2028", "\x85", "\t",
           "\ufeff", "\u202e"]
SURROGATES = ["\ud800", "\udfff", "Al\udfffex", "\udc80\ud800"]
HUGE_INTS = [10**19, 10**20, -(10**25), 2**63, 2**64 + 1]

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
           | st.text(max_size=30))
json_values = st.recursive(
    scalars, lambda kids: st.lists(kids, max_size=3)
    | st.dictionaries(st.text(max_size=8), kids, max_size=3), max_leaves=8)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document, as a path of keys and indices."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _deep(depth: int) -> Any:
    value: Any = "x"
    for n in range(depth):
        value = [value] if n % 2 else {"k": value}
    return value


@st.composite
def hostile_values(draw: st.DrawFn, old: Any) -> Any:
    kind = draw(st.sampled_from(["type", "far_date", "control", "surrogate", "huge_text",
                                 "huge_int", "deep", "json", "empty"]))
    if kind == "type":
        return draw(scalars | st.just([]) | st.just({}))
    if kind == "far_date":
        return draw(st.sampled_from(FAR_DATES))
    if kind == "control":
        base = old if isinstance(old, str) else "Dana"
        where = draw(st.integers(0, len(base)))
        return base[:where] + draw(st.sampled_from(CONTROL)) + base[where:]
    if kind == "surrogate":
        return draw(st.sampled_from(SURROGATES))
    if kind == "huge_text":
        return draw(st.sampled_from(["x" * 100_001, "y" * 501, "z" * 81, "é" * 2000]))
    if kind == "huge_int":
        return draw(st.sampled_from(HUGE_INTS))
    if kind == "deep":
        return _deep(draw(st.sampled_from([10, 63, 64, 65, 200, 977, 979])))
    if kind == "json":
        return draw(json_values)
    return draw(st.sampled_from(["", " ", [], {}]))


Edit = Callable[[Any], None]


@st.composite
def edited_case(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(data, path[:-1])
        action = draw(st.sampled_from(["set", "set", "set", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(hostile_values(None))
        else:
            parent[path[-1]] = draw(hostile_values(parent[path[-1]]))
    return data


@st.composite
def case_texts(draw: st.DrawFn) -> str:
    """The text of a case file or bundle: mostly a real file broken, sometimes raw text."""
    shape = draw(st.sampled_from(["case", "case", "case", "bundle", "raw", "digits"]))
    if shape == "raw":
        return draw(st.text(max_size=200))
    if shape == "digits":  # what Python's own parser refuses (4,300 digits, deep nesting)
        return draw(st.sampled_from([
            '{"version": ' + "9" * 4301 + "}", "[" * 1000 + "]" * 1000,
            '{"a":' * 980 + "1" + "}" * 980, '{"version": 1, "version": 1}',
            '{"version": 1.0, "opportunity": {"id": "x", "company": "a", "role": "b"}}',
        ]))
    if shape == "bundle":
        data: Any = {"version": 1, "cases": [draw(edited_case()), copy.deepcopy(REAL[0])]}
        if draw(st.booleans()):
            data["snoozes"] = [{"opportunity": draw(st.sampled_from(["acme-analyst", "x", ""])),
                                "kind": draw(st.sampled_from(["final", "../x", ""])),
                                "until": draw(st.sampled_from(FAR_DATES + ["2026-04-01"]))}]
    else:
        data = draw(edited_case())
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def digest(db_file: Path) -> str:
    """Every row of every table, hashed: "nothing was written" in one comparison."""
    import sqlite3

    conn = sqlite3.connect(db_file)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
            h.update(f"{table}:{len(rows)}:{''.join(rows)}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()
    finally:
        conn.close()


class Outcome(Exception):
    """A breach of the bar: a traceback, a wrong exit, several lines, a write on refusal."""


def run_checked(db_file: Path, args: list[str]) -> int:
    """Run the CLI on `db_file`; raise `Outcome` unless the bar holds. The exit code."""
    before = digest(db_file)
    result = click.testing.CliRunner().invoke(COMMAND, ["--db", str(db_file), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise Outcome(f"traceback: {result.exception!r} for {args!r:.300}")
    if result.exit_code not in (0, 2):
        raise Outcome(f"exit {result.exit_code}: {result.stderr[:300]!r} for {args!r:.300}")
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines()
                  if not line.startswith("warning: ")]
        if len(errors) != 1 or not errors[0].startswith("error: "):
            raise Outcome(f"not one line: {result.stderr[:300]!r} for {args!r:.300}")
        if digest(db_file) != before:
            raise Outcome(f"refused but wrote: {result.stderr[:200]!r} for {args!r:.300}")
    return int(result.exit_code)


def check_import(db_file: Path, text: str, replace: bool) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return run_checked(db_file, ["import", *(["--replace"] if replace else []), str(path)])


# -- CLI arguments ---------------------------------------------------------------------

HOSTILE_ARGS = st.sampled_from([
    "9999-12-31", "0001-01-01", "in 99999999999 days", "in 3000000 business days",
    "999999999999999999999999999999", "-1", "0", "9" * 5000, "", " ", "../x", "ZZ",
    "Mars/Phobos", "Dana\r\nBcc: evil@example.com", "\x00", "\udfff", "x" * 10_000,
    "--", "-", "nan", "inf", "1e309", "2026-02-30", "tomorrow", "next wednesday",
    "acme", "dana", "thank_you", "bogus://x", "%s%n", "${HOME}", "'; DROP TABLE touches;--",
]) | st.text(max_size=20)

COMMANDS: list[tuple[list[str], list[str]]] = [
    # (the command, the options it may be given a hostile value for)
    (["today", "--today", "2026-03-20"], ["--days", "--today"]),
    (["list"], ["--today"]),
    (["plan"], ["--today"]),
    (["show"], []),
    (["profile"], ["--name", "--email", "--phone", "--country", "--timezone"]),
    (["add", "opportunity", "--company", "Initech", "--role", "Engineer"],
     ["--company", "--role", "--field", "--id", "--applied-on"]),
    (["add", "person", "-o", "acme"], ["--name", "--title", "--email", "--phone"]),
    (["add", "interview", "-o", "acme", "--with", "Dana", "--at", "2026-03-25T10:00"],
     ["--at", "--with", "--round", "--format", "--topic", "--next-step", "--promised"]),
    (["log", "-o", "acme", "--to", "dana", "--kind", "other"],
     ["--at", "--note", "--to", "--kind", "--channel", "--new-by"]),
    (["status", "acme"], []),
    (["draft", "acme"], ["--to", "--kind", "--today"]),
    (["done", "acme"], ["--to", "--today"]),
    (["calendar", "export", "-o", "/dev/null"], ["--today"]),
    (["export"], []),
    (["add", "value"], []),
    (["doctor"], ["--today"]),
]


@st.composite
def cli_args(draw: st.DrawFn) -> list[str]:
    base, options = draw(st.sampled_from(COMMANDS))
    args = list(base)
    if options and draw(st.integers(0, 4)):
        option = draw(st.sampled_from(options))
        args += [option, draw(HOSTILE_ARGS)]
    else:
        args.append(draw(HOSTILE_ARGS))  # a positional: an id, a status, a value
    if draw(st.integers(0, 5)) == 0:
        args.insert(draw(st.integers(0, len(args))), draw(st.sampled_from(
            ["--bogus", "-x", "--today", "--db", "tody", "--help"])))
    return args
