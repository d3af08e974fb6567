"""The record-keeping commands, through Typer's CliRunner on a real SQLite file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.conftest import CASES, table_dump

EXAMPLE = CASES / "contract_example.json"


@pytest.fixture
def db(db_url: str) -> str:
    return db_url  # a SQLite file, or PostgreSQL under `make test-pg`


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def digest(db: str) -> str:
    """The database's content, row by row, read back through a new connection."""
    return hashlib.sha256(repr(table_dump(db)).encode()).hexdigest()


def test_import_then_export_gives_the_same_case(db: Path) -> None:
    code, out, _ = run(db, "import", str(EXAMPLE))
    assert (code, out) == (0, "Imported acme-analyst: Acme Analytics, Senior Data Analyst\n")
    code, out, _ = run(db, "export", "acme")
    assert code == 0
    original = json.loads(EXAMPLE.read_text())
    assert json.loads(out) == {**original, "people": [
        original["people"][0], original["people"][1]]}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["interviews"][0].__setitem__("at", "31/02/2026"),
         'interviews[0].at: not a date: "31/02/2026"'),
        (lambda d: d["touches"][0].__setitem__("person", "zed"),
         'touches[0].person: unknown person id "zed"'),
        (lambda d: d["opportunity"].pop("company"), "opportunity.company: missing"),
    ],
)
def test_a_bad_case_file_changes_nothing(db: Path, tmp_path: Path, edit: object,
                                         message: str) -> None:
    run(db, "add", "opportunity", "--company", "Initech", "--role", "Data Engineer")
    before = digest(db)
    data = json.loads(EXAMPLE.read_text())
    edit(data)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, out, err = run(db, "import", str(bad))
    assert code == 2
    assert err == f"error: {bad}: {message}\n"
    assert out == ""
    assert digest(db) == before


def test_a_bundle_is_all_or_nothing(db: Path, tmp_path: Path) -> None:
    run(db, "import", str(EXAMPLE))
    code, out, _ = run(db, "export", "--all")
    bundle = json.loads(out)
    bundle["cases"][0]["opportunity"]["id"] = "copy"
    bundle["cases"].append(json.loads(EXAMPLE.read_text()))  # clashes with the stored one
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    before = digest(db)
    code, _, err = run(db, "import", str(path))
    assert code == 2 and "exists already" in err
    assert digest(db) == before
    code, _, _ = run(db, "import", "--replace", str(path))
    assert code == 0
    code, out, _ = run(db, "list", "--json")
    assert sorted(r["id"] for r in json.loads(out)) == ["acme-analyst", "copy"]


def test_add_interview_creates_people_and_echoes_the_promise(db: Path) -> None:
    run(db, "add", "opportunity", "--company", "Acme Analytics", "--role",
        "Senior Data Analyst", "--field", "finance")
    run(db, "add", "person", "-o", "acme", "--name", "Dana Whitfield", "--title",
        "Head of Analytics", "--contact")
    code, out, err = run(
        db, "add", "interview", "-o", "acme", "--at", "2026-03-02 10:00", "--with",
        "Dana Whitfield", "--with", "Priya Raman", "--topic", "stakeholder dashboards",
        "--promised", "next Wednesday", "--promised-channel", "phone", "--promised-by", "dana")
    assert code == 0, err
    assert out == ("Added interview r1 (Mon 2 Mar 2026 10:00); new people: Priya Raman\n"
                   "Promised: Wed 11 Mar 2026 (from 'next Wednesday')\n")
    code, out, _ = run(db, "show", "acme", "--json")
    case = json.loads(out)
    assert [p["id"] for p in case["people"]] == ["dana", "priya"]
    assert case["interviews"][0]["interviewers"] == ["dana", "priya"]
    assert case["interviews"][0]["promised"] == {
        "by": "2026-03-11", "channel": "phone", "who": "dana", "said": "next Wednesday"}


def test_promised_before_the_interview_is_refused(db: Path) -> None:
    run(db, "add", "opportunity", "--company", "Acme", "--role", "Analyst")
    code, _, err = run(db, "add", "interview", "-o", "acme", "--at", "2026-03-02 10:00",
                       "--promised", "2026-02-01")
    assert code == 2
    assert err == ("error: --promised: '2026-02-01' is Sun 1 Feb 2026, before the interview "
                   "(Mon 2 Mar 2026)\n")


def test_log_and_status(db: Path) -> None:
    run(db, "import", str(EXAMPLE))
    code, out, _ = run(db, "log", "-o", "acme", "--kind", "check_in", "--channel", "phone",
                       "--to", "Dana", "--at", "2026-03-23 09:00", "--note", "left a message")
    assert (code, out) == (0, "Logged check-in to Dana Whitfield by phone on Mon 23 Mar 2026 "
                              "09:00\n")
    code, out, _ = run(db, "log", "-o", "acme", "--kind", "offer", "--from", "dana",
                       "--at", "2026-03-25 12:00")
    assert code == 0 and out.endswith("acme-analyst is now offer.\n")
    code, out, _ = run(db, "status", "acme", "accepted")
    assert (code, out) == (0, "acme-analyst: accepted\n")
    case = json.loads(run(db, "show", "acme", "--json")[1])
    assert case["opportunity"]["status"] == "accepted"
    assert case["touches"][-2] == {"at": "2026-03-23T09:00", "direction": "out",
                                   "channel": "phone", "person": "dana", "kind": "check_in",
                                   "note": "left a message"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "-o", "acme", "--kind", "reply", "--from", "zed"],
         "error: --from: 'zed' matches nobody in acme-analyst; known: dana (Dana Whitfield), "
         "priya (Priya Raman)\n"),
        (["log", "-o", "acme", "--kind", "reply", "--to", "dana", "--new-by", "2026-04-01"],
         "error: --new-by: only a message from them (--from) can give a new date\n"),
        (["log", "-o", "nope", "--kind", "reply"],
         "error: no opportunity 'nope' (see `followup list`)\n"),
        (["add", "interview", "-o", "acme", "--at", "tomorrow-ish"],
         "error: --at: not a date and time: 'tomorrow-ish' (did not understand 'ish'; try "
         "'tomorrow 3pm', 'yesterday 17:40', 'now' or 2026-03-02 10:00)\n"),
        (["export"], "error: give an opportunity ID or --all, not both or neither\n"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(db: Path, args: list[str], message: str) -> None:
    run(db, "import", str(EXAMPLE))
    before = digest(db)
    code, out, err = run(db, *args)
    assert (code, err) == (2, message)
    assert digest(db) == before


def test_delete_asks_first(db: Path) -> None:
    run(db, "import", str(EXAMPLE))
    code, _, _ = run(db, "delete", "acme", input="n\n")
    assert code == 1
    assert json.loads(run(db, "list", "--json")[1])[0]["id"] == "acme-analyst"
    code, out, _ = run(db, "delete", "acme", input="y\n")
    assert code == 0 and out.endswith("Deleted acme-analyst\n")
    assert json.loads(run(db, "list", "--json")[1]) == []


def test_edit_in_an_editor_validates_before_writing(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    run(db, "import", str(EXAMPLE))
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('Senior Data Analyst', "
                      "'Lead Data Analyst').replace('2026-03-20', '2026-03-99'))\n")
    import sys

    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    before = digest(db)
    code, _, err = run(db, "edit", "acme")
    said = 'error: edited case: touches[2].new_by: not a date: "2026-03-99"; your text is kept in '
    assert code == 2 and err.startswith(said) and err.count("\n") == 1, err
    assert "Lead Data Analyst" in Path(err.removeprefix(said).strip()).read_text()  # not lost
    assert digest(db) == before
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text().replace('Senior Data Analyst', "
                      "'Lead Data Analyst'))\n")
    code, out, _ = run(db, "edit", "acme")
    assert (code, out) == (0, "Updated acme-analyst\n")
    assert json.loads(run(db, "show", "acme", "--json")[1])["opportunity"]["role"] == \
        "Lead Data Analyst"


def test_profile_and_values(db: Path) -> None:
    code, out, _ = run(db, "profile", "--name", "Alex Morgan", "--country", "us")
    assert code == 0 and "country   US" in out
    run(db, "add", "value", "Finished the dbt Fundamentals course")
    code, out, _ = run(db, "profile")
    assert out.splitlines()[-1] == "value     Finished the dbt Fundamentals course"


def test_edit_a_person_changes_only_what_is_given(db: Path) -> None:
    run(db, "import", str(EXAMPLE))
    code, out, _ = run(db, "edit", "acme", "--person", "priya", "--email", "priya@acme.example",
                       "--contact")
    assert (code, out) == (0, "Updated priya: Priya Raman\n")
    people = json.loads(run(db, "show", "acme", "--json")[1])["people"]
    assert people[1] == {"id": "priya", "name": "Priya Raman", "title": "Senior Analyst",
                         "email": "priya@acme.example", "contact": True}
    assert "contact" not in people[0]  # only one contact
    code, _, err = run(db, "edit", "acme", "--email", "x@y.z")
    assert (code, err) == (2, "error: --name/--title/--email/--phone/--contact need --person "
                              "PERSON\n")
