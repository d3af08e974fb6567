"""Copies, cancellations and replies (RFC 5546): SEQUENCE and DTSTAMP compared, REPLY updates
who attends, CANCEL removes the interview after asking; through the CLI on a real database."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app

INVITES = Path(__file__).parents[1] / "fixtures" / "invites"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def case(db: Path, ref: str) -> dict:  # type: ignore[type-arg]
    code, out, _ = run(db, "export", ref)
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def imp(db: Path, name: str, *more: str) -> tuple[int, str, str]:
    return run(db, "import-invite", str(INVITES / name), *more)


@pytest.fixture(scope="module")
def profile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "f.db"
    run(path, "profile", "--name", "Alex Morgan", "--email", "alex@example.com",
        "--timezone", "America/New_York")
    return path


@pytest.fixture
def db(profile_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "f.db"
    shutil.copyfile(profile_db, path)
    return path


def test_an_older_copy_changes_nothing_and_says_so(db: Path) -> None:
    assert imp(db, "google_rescheduled.ics", "--yes")[0] == 0  # SEQUENCE 1, Tue 14:00
    before = digest(db)
    code, out, err = imp(db, "google.ics", "--yes")  # SEQUENCE 0, Mon 10:00
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "Older copy: an older copy of this invite (SEQUENCE 0, sent Fri 20 Feb 2026 15:30 UTC) "
        "than a copy already imported (SEQUENCE 1, sent Thu 26 Feb 2026 09:15 UTC); nothing "
        "changed.")
    assert digest(db) == before
    assert case(db, "acme")["interviews"][0]["at"] == "2026-03-03T14:00"


def test_the_same_sequence_is_ordered_by_dtstamp(db: Path) -> None:
    imp(db, "google_rescheduled.ics", "--yes")
    code, out, _ = imp(db, "google_same_sequence_later.ics", "--yes")  # SEQUENCE 1, later
    assert code == 0 and out.splitlines()[-1].startswith(
        "Moved acme-analyst r1 from Tue 3 Mar 2026 14:00 to Tue 3 Mar 2026 14:30")
    code, out, _ = imp(db, "google_rescheduled.ics", "--yes")  # the same SEQUENCE, earlier
    assert code == 0 and out.splitlines()[-1].startswith("Older copy: ")
    assert case(db, "acme")["interviews"][0]["at"] == "2026-03-03T14:30"


def test_a_reply_updates_who_attends(db: Path) -> None:
    imp(db, "google_rescheduled.ics", "--yes")
    code, out, err = imp(db, "google_reply_accepted.ics")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Reply to: Accepted: Interview: Senior Data Analyst – Acme " \
        "Analytics"
    assert out.splitlines()[-1] == "Updated acme-analyst r1: Noor Haddad attending."
    acme = case(db, "acme")
    assert acme["interviews"][0]["interviewers"] == ["dana", "priya", "marcus", "noor"]
    assert acme["people"][-1] == {"id": "noor", "name": "Noor Haddad",
                                  "email": "noor.haddad@acme.example"}
    code, out, _ = imp(db, "outlook_reply_declined.ics")
    assert (code, out.splitlines()[-1]) == (0, "Updated acme-analyst r1: Marcus Bell declined.")
    assert case(db, "acme")["interviews"][0]["interviewers"] == ["dana", "priya", "noor"]
    code, out, _ = imp(db, "outlook_reply_declined.ics")  # the same answer again
    assert out.splitlines()[-1] == "Already recorded: acme-analyst r1; nothing changed."
    assert case(db, "acme")["interviews"][0]["interviewers"] == ["dana", "priya", "noor"]


def test_replies_and_cancellations_of_unrecorded_invites_are_refused(db: Path) -> None:
    before = digest(db)
    code, out, err = imp(db, "reply_unknown_invite.ics")
    assert (code, out) == (2, "")
    assert err == (f"error: {INVITES / 'reply_unknown_invite.ics'}: a reply (METHOD:REPLY) to "
                   "an invitation not recorded here; nothing changed\n")
    code, out, err = imp(db, "outlook_cancel.eml", "--yes")
    assert (code, out) == (2, "")
    assert err == (f"error: {INVITES / 'outlook_cancel.eml'}: this is a cancellation "
                   "(METHOD:CANCEL) of an interview not recorded here; nothing changed\n")
    assert digest(db) == before


def test_a_cancellation_removes_the_interview_after_asking(db: Path) -> None:
    imp(db, "outlook.ics", "--yes")
    before = digest(db)
    code, out, err = imp(db, "outlook_cancel.eml")
    assert code == 2 and out.startswith("Cancelled: ")  # shown, then asked
    assert err == (f"error: {INVITES / 'outlook_cancel.eml'}: would remove initech-engineer r2 "
                   "on Thu 5 Mar 2026 17:00 (the invitation was cancelled); not a terminal, "
                   "so confirm with --yes (or choose with --opportunity)\n")
    assert digest(db) == before
    code, out, err = imp(db, "outlook_cancel.eml", "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Cancelled: Canceled: Interview (2nd round): Data Engineer " \
        "@ Initech"
    assert out.splitlines()[-1] == ("Removed initech-engineer r2 on Thu 5 Mar 2026 17:00: the "
                                   "invitation was cancelled.")
    initech = case(db, "initech")
    assert initech.get("interviews", []) == []
    assert len(initech["people"]) == 3  # the people stay
    code, out, _ = run(db, "plan", "initech", "--today", "2026-03-06")
    assert "thank" not in out.lower()  # nothing planned for a meeting that never was
    # A stale copy of the invitation (SEQUENCE 0 < the cancellation's 1) cannot bring it back.
    code, out, _ = imp(db, "outlook.ics", "--yes")
    assert code == 0 and out.splitlines()[-1].startswith(
        "Older copy: an older copy of this invite (SEQUENCE 0") and "than a cancellation" in out


def test_a_cancellation_never_drops_notes(db: Path) -> None:
    imp(db, "outlook.ics", "--yes")
    run(db, "edit", "initech", "--person", "sam", "--title", "Recruiter")
    data = case(db, "initech")
    data["interviews"][0]["topics"] = ["system design"]
    path = db.parent / "initech.json"
    path.write_text(json.dumps(data))
    assert run(db, "import", str(path), "--replace")[0] == 0
    before = digest(db)
    code, _, err = imp(db, "outlook_cancel.eml", "--yes")
    assert code == 2 and "the interview has notes (topics, next steps or a promise); remove " \
        "it yourself with `followup edit initech-engineer`" in err
    assert digest(db) == before


def test_an_address_as_name_falls_back_to_the_known_person(db: Path) -> None:
    run(db, "add", "opportunity", "--company", "Nine-Nine Security", "--role", "Analyst",
        "--id", "nn")
    run(db, "add", "person", "-o", "nn", "--name", "Chuck Boyle",
        "--email", "Charles.Boyle@ninenine.example")
    code, out, err = imp(db, "google_utc_guests.ics", "-o", "nn")
    assert (code, err) == (0, "")
    assert "  with:  Charles Boyle <charles.boyle@ninenine.example>  (name from the address)" \
        in out
    assert out.splitlines()[-1] == ("Recorded nn r2 (round 2) on Mon 27 Apr 2026 14:00 with "
                                   "Rosa Diaz (new), Chuck Boyle")


def test_a_title_in_the_name_is_offered(db: Path) -> None:
    code, out, err = imp(db, "names_as_people_write_them.ics", "--yes", "--company",
                         "Dassault Example", "--role", "Chef de projet")
    assert (code, err) == (0, ""), err
    assert "  with:  Mathieu Campbell <mathieu.campbell@dassault.example>  (title: Directeur)" \
        in out
    people = {p["name"]: p for p in case(db, "dassault")["people"]}
    assert people["Mathieu Campbell"]["title"] == "Directeur"
    assert people["Hélène Roux"]["title"] == "Responsable RH"
    assert people["Thomas Cataldo"]["email"] == "thomas.cataldo@dassault.example"
    assert people["Bart"]["email"] == "bart@dassault.example"
