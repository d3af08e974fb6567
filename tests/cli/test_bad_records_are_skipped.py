"""A record that is bad anyway never takes the rest down (issue 12).

Each poison record below is what the issue found accepted once (by an older version, or
written by hand into the database): a date 9999-12-31 or 0001-01-01, an id "../x", a
country with no holiday calendar, a time zone nobody knows. It is written straight into a
real SQLite file beside a sound case; then `today`, `list`, `plan`, `calendar export` and
the web's `/`, `/pipeline` and `/o/ID` still serve the sound case, name the bad one in a
one-line warning, and `followup doctor --fix` repairs it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES, sqlite_only
from tests.web_helpers import make_client

TODAY = "2026-03-20"
EXAMPLE = json.loads((CASES / "contract_example.json").read_text())

# (name, SQL run on the database, the bad opportunity's id afterwards or None for the profile)
POISONS = [
    ("applied_on 9999-12-31",
     "UPDATE opportunities SET applied_on = '9999-12-31' WHERE slug = 'bad'", "bad"),
    ("applied_on 0001-01-01",
     "UPDATE opportunities SET applied_on = '0001-01-01' WHERE slug = 'bad'", "bad"),
    ("new_by 9999-12-31",
     "UPDATE touches SET new_by = '9999-12-31' WHERE new_by IS NOT NULL AND opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("interview at 9999-12-31",
     "UPDATE interviews SET at = '9999-12-31 10:00:00.000000' WHERE opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("touch at 0001-01-01",
     "UPDATE touches SET at = '0001-01-01 09:00:00.000000' WHERE opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("promised by 9999-12-31",
     "UPDATE interviews SET promised_by = '9999-12-31' WHERE opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("id ../x", "UPDATE opportunities SET slug = '../x' WHERE slug = 'bad'", "../x"),
    ("person id ../p", "UPDATE people SET slug = '../p' WHERE slug = 'priya' AND opportunity_id"
     " = (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("country ZZ", "UPDATE candidates SET country = 'ZZ'", None),
    ("timezone Mars/Phobos", "UPDATE candidates SET timezone = 'Mars/Phobos'", None),
]
# Values no reader can decode: skipped the same way; doctor cannot guess them back.
UNREADABLE = [
    ("applied_on garbage",
     "UPDATE opportunities SET applied_on = 'garbage' WHERE slug = 'bad'", "bad"),
    ("touch at garbage", "UPDATE touches SET at = 'not a time' WHERE opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
    ("topics not JSON", "UPDATE interviews SET topics = '[\"cut' WHERE opportunity_id ="
     " (SELECT id FROM opportunities WHERE slug = 'bad')", "bad"),
]
IDS = [p[0] for p in POISONS]


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def poisoned(tmp_path: Path, sql: str) -> Path:
    """Two cases, `good` and `bad` (the same example), then `sql` breaks one of them."""
    db = tmp_path / "web.db"
    for slug in ("good", "bad"):
        data = json.loads(json.dumps(EXAMPLE))
        data["opportunity"]["id"] = slug
        path = tmp_path / f"{slug}.json"
        path.write_text(json.dumps(data))
        assert run(db, "import", str(path))[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute(sql).rowcount >= 1
    return db


@sqlite_only
@pytest.mark.parametrize(("name", "sql", "bad"), POISONS + UNREADABLE,
                         ids=IDS + [u[0] for u in UNREADABLE])
def test_cli_skips_the_bad_record_and_serves_the_rest(
        tmp_path: Path, name: str, sql: str, bad: str | None) -> None:
    db = poisoned(tmp_path, sql)
    for args in (["today", "--today", TODAY], ["list", "--today", TODAY],
                 ["calendar", "export", "--today", TODAY, "-o", str(tmp_path / "p.ics")],
                 ["plan", "good", "--today", TODAY]):
        code, out, err = run(db, *args)
        assert code == 0, (args, out, err)
        if args[0] in ("today", "list"):
            assert "good" in out
        if bad is not None and args[0] != "plan":
            assert f"warning: skipped {bad!r}" in err, (args, err)
            assert "followup doctor" in err or "followup delete" in err
            assert all(line.startswith("warning: skipped") for line in err.splitlines()
                       if "skipped" in line)
        if bad is None:
            assert "warning: profile:" in err
    if bad is not None:  # the bad one itself: one line, exit 2, never a traceback
        code, out, err = run(db, "plan", bad, "--today", TODAY)
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "doctor" in err or "delete" in err, err


@sqlite_only
@pytest.mark.parametrize(("name", "sql", "bad"), POISONS + UNREADABLE,
                         ids=IDS + [u[0] for u in UNREADABLE])
def test_web_skips_the_bad_record_and_serves_the_rest(
        tmp_path: Path, name: str, sql: str, bad: str | None) -> None:
    poisoned(tmp_path, sql)
    client = make_client(tmp_path)
    for path in ("/", "/pipeline", "/o/good"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        if bad is not None and path != "/o/good":
            assert "followup doctor" in page.text or "followup delete" in page.text
    if bad == "bad":
        page = client.get("/o/bad")
        assert page.status_code == 400
        assert "followup doctor" in page.text or "followup delete" in page.text


@sqlite_only
@pytest.mark.parametrize(("name", "sql", "bad"), POISONS, ids=IDS)
def test_doctor_lists_then_repairs(tmp_path: Path, name: str, sql: str,
                                   bad: str | None) -> None:
    db = poisoned(tmp_path, sql)
    code, out, err = run(db, "doctor")
    assert code == 1, (out, err)  # found something, repaired nothing
    assert (bad or "profile") in out
    code, out, err = run(db, "doctor", "--fix")
    assert code == 0, (out, err)
    code, out, err = run(db, "doctor")
    assert code == 0 and "no problem" in out, out
    code, out, err = run(db, "today", "--today", TODAY)
    assert code == 0 and "warning" not in err, err
    # and the repaired database round-trips through a backup
    assert run(db, "export", "--all", "-o", str(tmp_path / "all.json"))[0] == 0
    fresh = tmp_path / "fresh.db"
    code, out, err = run(fresh, "import", str(tmp_path / "all.json"))
    assert code == 0, err


@sqlite_only
def test_a_stored_name_with_a_line_break_is_never_written_into_a_header(tmp_path: Path) -> None:
    """"Dana\\r\\nBcc: evil@example.com" stored by hand: the .eml is refused in one line
    (no header injected, no ValueError), the agenda goes on, doctor repairs the name."""
    db = poisoned(tmp_path, "UPDATE people SET name = 'Dana' || char(13, 10) ||"
                            " 'Bcc: evil@example.com' WHERE slug = 'dana'")
    eml = tmp_path / "x.eml"
    code, out, err = run(db, "draft", "good", "--eml", str(eml), "--today", TODAY)
    assert code == 2 and err.count("\n") == 1 and "line break" in err, err
    assert not eml.exists()
    assert run(db, "today", "--today", TODAY)[0] == 0
    assert run(db, "doctor", "--fix")[0] == 0
    code, out, err = run(db, "draft", "good", "--eml", str(eml), "--today", TODAY)
    assert code == 0, err
    head = eml.read_bytes().split(b"\r\n\r\n")[0].split(b"\r\n")
    assert not [line for line in head if line.lower().startswith(b"bcc")]  # no header made
