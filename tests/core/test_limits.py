"""Every reproducer of issue 12 as a test: each bad value is refused at the door.

Each runs the real CLI (CliRunner) on a real SQLite file and asserts the bar: exit 2, one
line on stderr naming what is wrong, and the database exactly as before (every row of
every table compared).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.core import caseio, limits
from followup.core.errors import CaseFileError
from tests.conftest import CASES, table_dump

EXAMPLE: dict[str, Any] = json.loads((CASES / "contract_example.json").read_text())


def example(**changes: Any) -> dict[str, Any]:
    return json.loads(json.dumps(EXAMPLE))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    (tmp_path / "seed.json").write_text(json.dumps(EXAMPLE))
    assert invoke(url, "import", str(tmp_path / "seed.json")).exit_code == 0
    return url


def invoke(db: str, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", db, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result


def refused(db: str, *args: str, says: str) -> str:
    """Run a command that must be refused: exit 2, one line, nothing written."""
    before = table_dump(db)
    result = invoke(db, *args)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), \
        result.stderr
    assert says in result.stderr, result.stderr
    assert table_dump(db) == before
    return str(result.stderr)


def write(tmp_path: Path, data: Any, name: str = "case.json") -> str:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


def other(data: dict[str, Any]) -> dict[str, Any]:
    data["opportunity"]["id"] = "other"
    return data


FAR_DATES = [
    (("opportunity", "applied_on"), "9999-12-31"),
    (("opportunity", "applied_on"), "0001-01-01"),
    (("touches", 2, "new_by"), "9999-12-31"),
    (("interviews", 0, "at"), "9999-12-31T10:00"),
    (("touches", 0, "at"), "0001-01-01T09:00"),
    (("interviews", 0, "promised", "by"), "9999-12-31"),
    (("opportunity", "applied_on"), "1969-12-31"),
]


@pytest.mark.parametrize(("path", "value"), FAR_DATES)
def test_far_dates_are_refused_on_import(db: str, tmp_path: Path, path: tuple[Any, ...],
                                         value: str) -> None:
    data = other(example())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    line = refused(db, "import", write(tmp_path, data), says="is outside 1970-01-01 to")
    assert f": {path[0]}" in line  # the field is named


def test_a_date_more_than_ten_years_ahead_is_refused_by_the_store(db: str,
                                                                   tmp_path: Path) -> None:
    data = other(example())
    data["opportunity"]["applied_on"] = (date.today() + timedelta(days=3700)).isoformat()
    caseio.from_dict(data)  # a case file alone (no clock) may hold it ...
    refused(db, "import", write(tmp_path, data), says="opportunity.applied_on")  # ... a db not


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--country", "ZZ", "no holiday calendar"),
    ("--country", "XX", "no holiday calendar"),
    ("--timezone", "Mars/Phobos", "not a time zone"),
    ("--timezone", "../../etc/passwd", "not a time zone"),
    ("--name", "Alex\r\nBcc: evil@example.com", "control character"),
])
def test_bad_profile_values_are_refused(db: str, option: str, value: str, says: str) -> None:
    refused(db, "profile", option, value, says=says)


@pytest.mark.parametrize("slug", ["../x", "a/b", "a b", "..", "-x", "x" * 81, "é"])
def test_ids_are_slugs(db: str, tmp_path: Path, slug: str) -> None:
    data = example()
    data["opportunity"]["id"] = slug
    refused(db, "import", write(tmp_path, data), says="not a valid id")
    refused(db, "add", "opportunity", "--company", "X", "--role", "Y", "--id", slug,
            says="not a valid id")


def test_a_lone_surrogate_fails_the_whole_import(db: str, tmp_path: Path) -> None:
    text = json.dumps(other(example())).replace("Alex Morgan", "Al\\udfffex")
    refused(db, "import", write(tmp_path, text), says="candidate.name: not valid Unicode")
    bundle = {"version": 1, "cases": [other(example()), example()]}
    bundle["cases"][1]["opportunity"]["id"] = "third"
    bundle["cases"][1]["people"][1]["name"] = "PRIYA"
    text = json.dumps(bundle).replace("PRIYA", "Priya \\ud800")
    refused(db, "import", write(tmp_path, text), says="cases[1].people[1].name")


@pytest.mark.parametrize(("text", "says"), [
    ('{"version": 1, "opportunity": {"id": "x", "round": ' + "9" * 5000 + "}}", "digits"),
    ('{"version": ' + "1" * 30 + "}", "digits"),
    ("[" * 979 + "]" * 979, "nested too deeply"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"version": 1, "x": ' + "[" * 70 + "]" * 70 + "}", "nested too deeply"),
    ('{"version": 1, "version": 1}', "duplicate key"),
    ('{"version": 1.0, "opportunity": {}}', "version: must be 1, not 1.0"),
    ('{"version": true, "opportunity": {}}', "version: must be 1, not true"),
    ('{"version": NaN}', "NaN"),
])
def test_hostile_json_is_one_line(db: str, tmp_path: Path, text: str, says: str) -> None:
    refused(db, "import", write(tmp_path, text), says=says)


def test_duplicate_keys_anywhere_are_refused(db: str, tmp_path: Path) -> None:
    text = json.dumps(other(example())).replace('"role":', '"company": "Evil", "role":', 1)
    refused(db, "import", write(tmp_path, text), says='duplicate key "company"')


@pytest.mark.parametrize("args", [
    ["add", "interview", "-o", "acme", "--at", "2026-03-25T10:00", "--with", "Dana",
     "--round", "999999999999999999999999999999"],
    ["add", "interview", "-o", "acme", "--at", "2026-03-25T10:00", "--with", "Dana",
     "--promised", "in 99999999999 days"],
    ["add", "interview", "-o", "acme", "--at", "in 99999999999 days", "--with", "Dana"],
    ["today", "--days", "999999999"],
    ["today", "--days", "-1"],
    ["today", "--today", "9999-99-99"],
    ["today", "--today", "9999-12-31"],  # found by scripts/fuzz.py: ten years past 9999
    ["doctor", "--today", "9999-12-31"],
    ["calendar", "export", "--today", "0001-01-01", "-o", "/dev/null"],
    ["log", "-o", "acme", "--to", "dana", "--kind", "other", "--at", "9999-12-31T10:00"],
    ["add", "opportunity", "--company", "X", "--role", "Y", "--applied-on", "9999-12-31"],
    ["add", "person", "-o", "acme", "--name", "Dana\r\nBcc: evil@example.com"],
    ["add", "person", "-o", "acme", "--name", "Dana", "--email", "d@x.example\r\nBcc: e@x"],
    ["add", "interview", "-o", "acme", "--at", "2026-03-25T10:00", "--with",
     "Eve\nBcc: evil@example.com"],
    ["log", "-o", "acme", "--to", "dana", "--kind", "other", "--note", "a\x00b"],
    ["add", "opportunity", "--company", "X" * 501, "--role", "Y"],
])
def test_bad_cli_arguments_are_one_line(db: str, args: list[str]) -> None:
    refused(db, *args, says="")


def test_a_bogus_database_url_is_one_line(tmp_path: Path) -> None:
    for url in ("bogus://x", "sqlite+nodriver:///x.db", "postgresql+nosuch://u@h/x"):
        result = CliRunner().invoke(app, ["--db", url, "list"])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("error: cannot open database")


@pytest.mark.parametrize(("args", "hint"), [
    (["tody"], "'today'"), (["today", "--dys", "3"], "'--days'"),
    (["lst"], "'list'"), (["import", "--replce", "x"], "'--replace'"),
    (["add", "persn"], "'person'"),
])
def test_usage_errors_are_one_line_with_one_suggestion(args: list[str], hint: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert result.stderr.count("Did you mean") == 1 and hint in result.stderr, result.stderr
    assert "╭" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [["--bogus"], ["today", "--days", "x"], ["today", "extra"],
                                  ["add"], ["status", "acme", "sleeping"]])
def test_other_usage_errors_are_one_line(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") \
        or args == ["add"], result.stderr
    assert "╭" not in result.stderr


def test_export_all_then_import_round_trips_snoozes(db: str, tmp_path: Path) -> None:
    from followup.service import open_store

    store = open_store(db)
    store.snooze("acme", "check_in", "dana", date(2026, 4, 1))
    store.snooze("acme", "final", None, date(2026, 5, 1))
    out = tmp_path / "all.json"
    assert invoke(db, "export", "--all", "-o", str(out)).exit_code == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = invoke(fresh, "import", str(out))
    assert result.exit_code == 0, result.stderr
    assert open_store(fresh).snoozes() == store.snoozes()
    assert table_dump(fresh)[1:] != []  # the cases came too
    again = tmp_path / "again.json"
    assert invoke(fresh, "export", "--all", "-o", str(again)).exit_code == 0
    assert again.read_text() == out.read_text()


def test_a_snooze_of_an_unknown_case_fails_the_whole_import(db: str, tmp_path: Path) -> None:
    bundle = {"version": 1, "cases": [other(example())],
              "snoozes": [{"opportunity": "nope", "kind": "final", "until": "2026-04-01"}]}
    refused(db, "import", write(tmp_path, bundle), says="snoozes[0].opportunity")


def test_limits_hold_the_documented_numbers() -> None:
    assert limits.MIN_DAY == date(1970, 1, 1)
    assert limits.ahead_of(date(2026, 2, 28)) == date(2036, 2, 28)
    assert limits.ahead_of(date(2028, 2, 29)) == date(2038, 2, 28)
    assert limits.text_problem("x" * limits.MAX_LINE, line=True) is None
    assert limits.text_problem("x" * (limits.MAX_LINE + 1), line=True)
    assert limits.text_problem("a\nb") is None and limits.text_problem("a\nb", line=True)
    assert limits.text_problem("a\u2028b", line=True)
    with pytest.raises(CaseFileError):
        caseio.parse_json('{"a": 1, "a": 2}')
