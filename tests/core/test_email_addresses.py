"""Email addresses checked on every path in: CLI options, case files, web forms, invites.

A non-ASCII part before the @ (`josé.müller@...`) is refused everywhere: it needs SMTPUTF8,
which many servers lack, so every `.eml` to that person would be broken. An international
domain is kept in its ASCII form, which every server accepts.
"""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from followup.calendar import ical
from followup.cli import app
from followup.core.addresses import EmailAddressError, check_email, email_problem
from tests.conftest import CASES
from tests.web_helpers import make_client, token


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("address", "stored"), [
    ("dana@acme.example", "dana@acme.example"),
    ("  Dana.Whitfield@ACME.example ", "Dana.Whitfield@acme.example"),
    ("jose@bücher.example", "jose@xn--bcher-kva.example"),
    ("o'neil+jobs@initech.example", "o'neil+jobs@initech.example"),
])
def test_good_addresses_are_stored_normalised(address: str, stored: str) -> None:
    assert check_email(address, "--email") == stored


@pytest.mark.parametrize(("address", "problem"), [
    ("josé.müller@globex.example", "letters outside ASCII before the @ are not supported"),
    ("dana", "An email address must have an @-sign"),
    ("dana@", "There must be something after the @-sign"),
    ("dana@acme", "The part after the @-sign is not valid. It should have a period"),
    ("da na@acme.example", "The email address contains invalid characters before the @-sign"),
    ("dana@acme.example\r\nBcc: x@evil.example", "The part after the @-sign contains invalid"),
    ("x" * 300 + "@acme.example", "too long (313 characters; at most 254)"),
])
def test_bad_addresses_say_why(address: str, problem: str) -> None:
    assert (email_problem(address) or "").startswith(problem)
    with pytest.raises(EmailAddressError) as e:
        check_email(address, "--email")
    assert str(e.value).startswith("--email: not a valid email address ")
    assert "\n" not in str(e.value)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "f.db"
    run(path, "import", str(CASES / "contract_example.json"))
    return path


@pytest.mark.parametrize("args", [
    ("add", "person", "-o", "acme", "--name", "Jörg Müller", "--email",
     "jörg.müller@globex.example"),
    ("edit", "acme", "--person", "dana", "--email", "josé.müller@acme.example"),
    ("profile", "--email", "josé.müller@example.com"),
])
def test_the_cli_refuses_them_in_one_line(db: Path, args: tuple[str, ...]) -> None:
    before = run(db, "export", "--all")[1]
    code, out, err = run(db, *args)
    assert code == 2 and out == ""
    assert "not a valid email address" in err and "letters outside ASCII before the @" in err
    assert err.count("\n") == 1
    assert run(db, "export", "--all")[1] == before


def test_the_cli_stores_the_ascii_form(db: Path) -> None:
    assert run(db, "edit", "acme", "--person", "dana", "--email", "dana@Bücher.example")[0] == 0
    dana = json.loads(run(db, "export", "acme")[1])["people"][0]
    assert dana["email"] == "dana@xn--bcher-kva.example"


def test_a_case_file_with_a_bad_address_names_the_field(db: Path, tmp_path: Path) -> None:
    data = json.loads((CASES / "contract_example.json").read_text())
    data["opportunity"]["id"] = "acme-2"
    data["people"][1]["email"] = "josé.müller@acme.example"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    code, _, err = run(db, "import", str(path))
    assert code == 2
    assert err.startswith(f"error: {path}: people[1].email: not a valid email address ")
    assert "acme-2" not in run(db, "list")[1]


def test_the_web_form_refuses_them(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    t = token(client)
    client.post("/opportunities", data={"company": "Acme", "role": "Analyst",
                                         "csrf_token": t})
    r = client.post("/o/acme-analyst/people", data={
        "name": "José Müller", "email": "josé.müller@acme.example", "csrf_token": t})
    assert r.status_code == 400
    assert "email: not a valid email address" in r.text or \
        "--email: not a valid email address" in r.text
    r = client.post("/o/acme-analyst/people", data={
        "name": "José Müller", "email": "jose.mueller@acme.example", "csrf_token": t})
    assert r.status_code == 303


def test_an_invite_never_yields_an_address_mail_cannot_go_to(tmp_path: Path) -> None:
    text = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u1@x.example\r\n"
            b"DTSTART:20260505T140000Z\r\n" +
            "ORGANIZER;CN=José Müller:mailto:josé.müller@acme.example\r\n".encode() +
            b"ATTENDEE:mailto:not-an-address\r\n"
            b"ATTENDEE;CN=Dana:mailto:dana@acme.example\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    invite = ical.parse_invite(text, "x.ics", zone=ZoneInfo("UTC"), zone_name="UTC")
    assert [(p.name, p.email) for p in invite.people] == [("José Müller", None),
                                                           ("Dana", "dana@acme.example")]
    assert [(s.label, s.reason) for s in invite.skipped] == [
        ("mailto:not-an-address", "no name and no valid address")]


def test_every_eml_written_has_a_valid_address(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.eml"
    code, _, err = run(db, "draft", "acme", "--kind", "thank_you", "--to", "dana",
                       "--eml", str(out), "--today", "2026-03-02")
    assert code == 0, err
    message = message_from_bytes(out.read_bytes(), policy=policy.default)
    to = message["To"].addresses[0].addr_spec
    assert email_problem(to) is None
