"""The same input through the CLI and through the web app gives the same records and the
same refusals: one test per use case both faces offer. Each face runs on its own real
SQLite file seeded alike; the records are compared as the case files they export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from followup import service
from followup.cli import app
from followup.core import caseio
from tests.conftest import CASES
from tests.web_helpers import make_client, token

TODAY = date(2026, 3, 3)  # the day after the interview of the example
INVITES = Path(__file__).parents[1] / "fixtures" / "invites"


@dataclass
class Faces:
    cli_db: Path
    web: TestClient
    web_db: Path

    def cli(self, *args: str) -> tuple[int, str]:
        done = CliRunner().invoke(app, ["--db", str(self.cli_db), *args])
        return done.exit_code, done.stderr

    def records(self, db: Path) -> tuple[object, ...]:
        store = service.open_store(str(db))
        try:
            cases = [json.loads(caseio.dumps(c)) for c in store.load_cases()]
            return (cases, service.export_snoozes(store), store.get_candidate())
        finally:
            store.close()

    def same(self) -> tuple[object, ...]:
        cli, web = self.records(self.cli_db), self.records(self.web_db)
        assert cli == web
        return cli


@pytest.fixture
def faces(tmp_path: Path) -> Iterator[Faces]:
    (tmp_path / "cli").mkdir()
    client = make_client(tmp_path, TODAY)
    web_db = tmp_path / "web.db"
    faces = Faces(tmp_path / "cli" / "cli.db", client, web_db)
    example = str(CASES / "contract_example.json")
    for db in (faces.cli_db, web_db):
        code, err = Faces(db, client, web_db).cli("import", example)
        assert code == 0, err
    faces.same()
    yield faces
    client.close()


def _upload(client: TestClient, ref: str, path: Path) -> tuple[int, str]:
    r = client.post(f"/o/{ref}/invite", data={"csrf_token": token(client)},
                    files={"invite": (path.name, path.read_bytes(), "text/calendar")})
    return r.status_code, r.text


def test_a_cancellation_of_an_unrecorded_interview_is_refused_by_both(faces: Faces) -> None:
    """Issue 21: the web used to answer 303 and record interview r1 from cancel.ics."""
    before = faces.same()
    code, err = faces.cli("import-invite", str(INVITES / "cancel.ics"), "--yes")
    status, page = _upload(faces.web, "acme-analyst", INVITES / "cancel.ics")
    assert code == 2 and status == 400
    assert "cancellation (METHOD:CANCEL) of an interview not recorded here" in err
    assert "cancellation (METHOD:CANCEL) of an interview not recorded here" in page
    assert faces.same() == before  # nothing written on either side


def test_an_invite_then_its_cancellation_do_the_same_on_both(faces: Faces) -> None:
    code, err = faces.cli("import-invite", str(INVITES / "google.ics"), "-o", "acme-analyst",
                          "--yes")
    status, _ = _upload(faces.web, "acme-analyst", INVITES / "google.ics")
    assert (code, status) == (0, 303), err
    cases, _, _ = faces.same()
    assert any(i.get("invite_uid") for i in cases[0]["interviews"])  # type: ignore[index]
    code, err = faces.cli("import-invite", str(INVITES / "cancel.ics"), "--yes")
    status, _ = _upload(faces.web, "acme-analyst", INVITES / "cancel.ics")
    assert (code, status) == (0, 303), err
    cases, _, _ = faces.same()
    assert not any(i.get("invite_uid") for i in cases[0]["interviews"])  # type: ignore[index]


def _settings(client: TestClient, **values: str) -> int:
    data = {"name": "", "email": "", "phone": "", "country": "", "timezone": "", **values}
    return client.post("/settings", data={**data, "csrf_token": token(client)}).status_code


def test_a_300_character_name_is_refused_by_both(faces: Faces) -> None:
    """Issue 21: the CLI took it (500 characters), the settings page refused it (200)."""
    before = faces.same()
    name = "N" * 300
    code, err = faces.cli("profile", "--name", name)
    status = _settings(faces.web, name=name)
    assert (code, status) == (2, 400)
    assert f"too long (300 characters; at most {service.PROFILE_MAX})" in err
    assert faces.same() == before


def test_a_profile_saved_on_either_face_is_the_same_record(faces: Faces) -> None:
    code, err = faces.cli("profile", "--name", "Sam Rivera", "--email", "Sam@Rivera.example.com",
                          "--phone", "+44 20 7946 0000", "--country", "gb",
                          "--timezone", "Europe/London")
    status = _settings(faces.web, name="Sam Rivera", email="Sam@Rivera.example.com",
                       phone="+44 20 7946 0000", country="gb", timezone="Europe/London")
    assert (code, status) == (0, 303), err
    _, _, candidate = faces.same()
    assert candidate.country == "GB"  # type: ignore[attr-defined]


@pytest.mark.parametrize("email", ["not-an-address", "dana@@acme.example"])
def test_a_bad_address_is_refused_by_both(faces: Faces, email: str) -> None:
    before = faces.same()
    code, _ = faces.cli("profile", "--email", email)
    assert (code, _settings(faces.web, email=email)) == (2, 400)
    assert faces.same() == before


def test_done_logs_the_same_touch_on_both(faces: Faces) -> None:
    code, err = faces.cli("done", "acme-analyst", "--to", "dana", "--early",
                          "--today", TODAY.isoformat(), "--at", f"{TODAY.isoformat()} 12:00")
    r = faces.web.post("/actions/done", data={
        "opportunity": "acme-analyst", "kind": "check_in", "to": "dana",
        "csrf_token": token(faces.web)})
    assert (code, r.status_code) == (0, 303), err
    cases, _, _ = faces.same()
    assert cases[0]["touches"][-1]["kind"] == "check_in"  # type: ignore[index]


def test_snoozing_the_next_step_is_the_same_on_both(faces: Faces) -> None:
    code, err = faces.cli("snooze", "acme-analyst", "2026-03-10", "--to", "dana",
                          "--today", TODAY.isoformat())
    r = faces.web.post("/actions/snooze", data={
        "opportunity": "acme-analyst", "kind": "check_in", "to": "dana",
        "until": "2026-03-10", "csrf_token": token(faces.web)})
    assert (code, r.status_code) == (0, 303), err
    _, snoozes, _ = faces.same()
    assert snoozes


def test_a_snooze_into_the_past_is_refused_by_both(faces: Faces) -> None:
    before = faces.same()
    code, _ = faces.cli("snooze", "acme-analyst", "2026-03-01", "--today", TODAY.isoformat())
    r = faces.web.post("/actions/snooze", data={
        "opportunity": "acme-analyst", "kind": "check_in", "to": "dana",
        "until": "2026-03-01", "csrf_token": token(faces.web)})
    assert code == 2 and r.status_code == 400
    assert faces.same() == before


def test_a_card_moved_on_the_board_is_the_status_the_cli_sets(faces: Faces) -> None:
    """The board's Move menu and its drag send the same form: `followup status` does the
    same to the record; a status neither knows is refused by both."""
    code, err = faces.cli("status", "acme-analyst", "dormant")
    r = faces.web.post("/o/acme-analyst/status", data={
        "status": "dormant", "next": "/pipeline#card-acme-analyst",
        "csrf_token": token(faces.web, "/pipeline")})
    assert (code, r.status_code) == (0, 303), err
    assert r.headers["location"].startswith("/pipeline?done=")
    cases, _, _ = faces.same()
    assert cases[0]["opportunity"]["status"] == "dormant"  # type: ignore[index]
    before = faces.same()
    code, _ = faces.cli("status", "acme-analyst", "finished")
    r = faces.web.post("/o/acme-analyst/status", data={
        "status": "finished", "csrf_token": token(faces.web, "/pipeline")})
    assert (code, r.status_code) == (2, 400)
    assert faces.same() == before


@pytest.mark.parametrize(("args", "form", "says"), [
    (["--host", "imap example", "--user", "me"], {"host": "imap example", "user": "me"},
     "--host: not a host name"),
    (["--host", "imap.example.org", "--user", "me", "--port", "0"],
     {"host": "imap.example.org", "user": "me", "port": "0"}, "--port: 0 is not a TCP port"),
    (["--host", "imap.example.org", "--user", "me", "--security", "ssl"],
     {"host": "imap.example.org", "user": "me", "security": "ssl"}, "--security: 'ssl'"),
])
def test_a_mailbox_setup_is_refused_alike(faces: Faces, args: list[str], form: dict[str, str],
                                          says: str) -> None:
    """`followup mail setup` and the Inbox page's form: the same checks (service.inbox),
    the same words, nothing saved by either."""
    import html

    code, err = faces.cli("mail", "setup", *args)
    r = faces.web.post("/inbox/mailbox", data={"port": "993", "security": "tls",
                                               "auth": "password", **form,
                                               "csrf_token": token(faces.web, "/inbox")})
    assert (code, r.status_code) == (2, 400)
    assert says in err and says in html.unescape(r.text)
    from followup.config.settings import load_config

    assert load_config().get("imap.host") == ""  # neither saved anything
    assert "Set up the mailbox" in faces.web.get("/inbox").text
