"""Invites at the limits (issue 12): thousands of attendees in linear time, a stated cap on
attendees and sizes refused clearly above it, and no name that becomes an id import refuses."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from followup import service
from followup.calendar import ical
from followup.cli import app
from followup.core.caseio import check_ident
from followup.core.errors import UsageError
from followup.core.limits import MAX_ITEMS
from followup.store import Store


def invite(attendees: int, *, cn: str | None = None, uid: str = "big@acme.example") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", f"UID:{uid}",
             "DTSTAMP:20260401T120000Z", "DTSTART:20260505T140000Z",
             "SUMMARY:All hands - Acme Analytics - Analyst",
             f"ORGANIZER;CN={cn or 'Dana Whitfield'}:mailto:dana@acme.example"]
    lines += [f"ATTENDEE;CN=Person {n} Example;PARTSTAT=NEEDS-ACTION:mailto:p{n}@acme.example"
              for n in range(attendees)]
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def read(attendees: int) -> int:
    invite_ = ical.parse_invite(invite(attendees), "big.ics", zone=ZoneInfo("UTC"),
                                zone_name="UTC", me=["alex@example.com"])
    return len(invite_.people)


def test_ten_thousand_attendees_are_all_read() -> None:
    """Correctness at size. The time (linear: dict lookups, no list search) is measured by
    `make bench` (bench/run.py --attendees), not asserted here, where load makes it flaky."""
    assert read(10_000) == 10_001


def test_the_largest_panel_is_recorded_and_a_larger_meeting_refused(tmp_path: Path) -> None:
    """limits.MAX_ITEMS interviewers: what is recorded can be exported and imported again."""
    store = Store.open(str(tmp_path / "f.db"))
    panel = service.read_invite(store, invite(MAX_ITEMS - 1), "panel.ics", tz="UTC")
    done = service.invite_to_interview(store, panel, company="Acme", role="Analyst")
    assert len(done.interview.interviewers) == MAX_ITEMS
    with pytest.raises(UsageError) as e:
        service.read_invite(store, invite(10_000, uid="all-hands@acme.example"),
                            "all-hands.ics", tz="UTC")
    assert str(e.value) == ("all-hands.ics: 10,001 people on the invite besides you; an "
                            "interview records at most 200 interviewers, so this is no "
                            "interview (record one with `followup add interview --with`)")
    store.close()


def test_over_the_attendee_cap_is_refused_before_parsing() -> None:
    with pytest.raises(ical.InviteError) as e:
        ical.parse_invite(invite(ical.MAX_ATTENDEES), "huge.ics", zone=ZoneInfo("UTC"),
                          zone_name="UTC")
    assert str(e.value) == "huge.ics: 20,001 attendees; an invite may have at most 20,000"


def test_a_file_over_the_size_cap_is_refused() -> None:
    data = b"From: a@b.example\r\nSubject: x\r\n\r\n" + b"x" * ical.MAX_FILE_BYTES
    with pytest.raises(ical.InviteError) as e:
        ical.parse_invite(data, "big.eml", zone=ZoneInfo("UTC"), zone_name="UTC")
    assert str(e.value).startswith("big.eml: 25,000,033 bytes; an invite file may have at most "
                                   "25,000,000")


def test_a_200000_character_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.ics"
    path.write_bytes(invite(1, cn="A" * 200_000))
    db = tmp_path / "f.db"
    result = CliRunner().invoke(app, ["--db", str(db), "import-invite", str(path), "--yes"])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {path}: a name on the invite (CN) is 200,000 characters; "
                             "at most 200: not an invitation a person wrote\n")


def test_the_longest_name_allowed_still_exports_and_imports(tmp_path: Path) -> None:
    """What the tool records from an invite it can always export and import again."""
    longest = " ".join(["Bartholomew"] * 16)[:ical.MAX_NAME]
    path = tmp_path / "long.ics"
    path.write_bytes(invite(3, cn=longest))
    db = tmp_path / "f.db"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "import-invite", str(path), "--yes",
                                 "--company", "Acme", "--role", "Analyst"])
    assert result.exit_code == 0, result.stderr
    bundle = runner.invoke(app, ["--db", str(db), "export", "--all"]).stdout
    data = json.loads(bundle)
    cases = data if isinstance(data, list) else data.get("cases", [data])
    ids = [p["id"] for c in cases for p in c["people"]]
    assert all(check_ident(i, "id") == i for i in ids) and max(map(len, ids)) <= 80
    (tmp_path / "all.json").write_text(bundle)
    again = runner.invoke(app, ["--db", str(tmp_path / "g.db"), "import",
                                str(tmp_path / "all.json")])
    assert again.exit_code == 0, again.stderr
