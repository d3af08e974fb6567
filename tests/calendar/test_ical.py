"""Invites in, calendars out: real files as calendar apps write them, two real parsers."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from typer.testing import CliRunner

from followup import service
from followup.calendar import ical
from followup.cli import app
from followup.store import Store
from tests.conftest import CASES

INVITES = Path(__file__).parents[1] / "fixtures" / "invites"
NY = "America/New_York"


def parse(name: str, zone: str = NY) -> ical.Invite:
    return ical.parse_invite((INVITES / name).read_bytes(), name, zone=ZoneInfo(zone),
                             zone_name=zone, me=["alex@example.com", "alex.morgan.work@gmail.com"])


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "f.db"
    run(path, "profile", "--name", "Alex Morgan", "--email", "ALEX@example.com",
        "--timezone", NY)
    return path


# -- reading invites ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start", "people", "skipped", "company", "role"),
    [
        # Google: IANA TZID, CN=the address for a guest without a profile name.
        ("google.ics", datetime(2026, 3, 2, 10, 0),
         [("Dana Whitfield", "dana@acme.example"), ("Priya Raman", "priya.raman@acme.example")],
         [("alex@example.com", "you")], "Acme Analytics", "Senior Data Analyst"),
        # Outlook: Windows TZID with its own VTIMEZONE, MAILTO: in capitals, "Last, First
        # (Dept)" names with quotes and commas, a room as an attendee. 14:00 PST = 17:00 EST.
        ("outlook.ics", datetime(2026, 3, 5, 17, 0),
         [("Sam O'Neil", "sam.oneil@initech.example"),
          ("Bill Lumbergh", "bill.lumbergh@initech.example"),
          ("Thanh Nguyen", "thanh.nguyen@initech.example")],
         [("alex@example.com", "you"), ("SEA-4B Conf Room (8)", "room or resource")],
         "Initech", "Data Engineer"),
        # Apple: urn:uuid attendee with EMAIL=, "Name, PhD", a declined guest; LF line ends.
        # 14:00 in Berlin (CET, +1) is 09:00 in New York (EDT since 8 Mar, -4).
        ("apple.ics", datetime(2026, 3, 16, 9, 0),
         [("Jörg Müller", "joerg.mueller@globex.example"),
          ("Renée Dubois", "renee.dubois@globex.example")],
         [("alex@example.com", "you"), ("Kim Park", "declined")],
         "Globex Corporation", "Senior Product Manager"),
        # A Gmail invitation email: the text/calendar part, times in UTC (17:00Z = 13:00 EDT).
        ("google_invite.eml", datetime(2026, 3, 9, 13, 0),
         [("Gavin Belson", "gavin@hooli.example")],
         [("alex.morgan.work@gmail.com", "you")], "Hooli", "Staff Platform Engineer"),
    ],
)
def test_invites_as_calendar_apps_write_them(name: str, start: datetime,
                                             people: list[tuple[str, str]],
                                             skipped: list[tuple[str, str]], company: str,
                                             role: str) -> None:
    invite = parse(name)
    assert invite.start == start
    assert [(p.name, p.email) for p in invite.people] == people
    assert [(s.label, s.reason) for s in invite.skipped] == skipped
    assert ical.suggest_company_role(invite, ["Alex Morgan"]) == (company, role)


def test_the_same_invite_in_another_zone() -> None:
    assert parse("outlook.ics", "Europe/Berlin").start == datetime(2026, 3, 5, 23, 0)
    assert parse("google.ics", "UTC").start == datetime(2026, 3, 2, 15, 0)


def test_round_and_format_from_the_invite() -> None:
    outlook, google, eml = parse("outlook.ics"), parse("google.ics"), parse("google_invite.eml")
    assert ical.round_from_summary(outlook.summary) == 2
    assert (outlook.format, google.format, eml.format) == ("onsite", "video", "phone")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("all_day.ics", "all_day.ics: an all-day event (2026-03-10) has no start time"),
        ("recurring.ics", "recurring.ics: a recurring event (RRULE)"),
        ("cancel.ics", "cancel.ics: this is a cancellation (METHOD:CANCEL)"),
    ],
)
def test_invites_that_are_not_one_interview_are_refused(db: Path, name: str,
                                                        message: str) -> None:
    before = digest(db)
    code, out, err = run(db, "import-invite", str(INVITES / name), "--yes")
    assert code == 2
    assert err.startswith(f"error: {INVITES / name}".replace(name, "") + message)
    assert err.count("\n") == 1 and out == ""
    assert digest(db) == before


def test_a_file_that_is_no_invite(db: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.eml"
    note.write_text("From: a@b.example\nSubject: hi\n\njust text\n")
    code, _, err = run(db, "import-invite", str(note), "--yes")
    assert (code, err) == (2, f"error: {note}: the email has no text/calendar part "
                              "(no invitation in it)\n")
    garbage = tmp_path / "x.ics"
    garbage.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:notadate\nEND:VEVENT\n")
    code, _, err = run(db, "import-invite", str(garbage), "--yes")
    assert code == 2 and err.startswith(f"error: {garbage}: ") and err.count("\n") == 1


# -- import-invite through the CLI -----------------------------------------------------------


def case_json(db: Path, ref: str) -> dict:  # type: ignore[type-arg]
    code, out, _ = run(db, "export", ref)
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


def test_import_three_invites_into_new_opportunities(db: Path) -> None:
    for name in ("google.ics", "outlook.ics", "apple.ics", "google_invite.eml"):
        code, out, err = run(db, "import-invite", str(INVITES / name), "--yes",
                             "--me", "alex.morgan.work@gmail.com")
        assert (code, err) == (0, ""), err
    code, out, _ = run(db, "import-invite", str(INVITES / "outlook.ics"), "--yes")
    assert out.splitlines()[-1] == ("Already recorded: initech-engineer r2 on Thu 5 Mar 2026 "
                                   "17:00; nothing changed.")
    initech = case_json(db, "initech")
    assert initech["opportunity"]["company"] == "Initech"
    assert initech["opportunity"]["role"] == "Data Engineer"
    assert [(p["name"], p["email"]) for p in initech["people"]] == [
        ("Sam O'Neil", "sam.oneil@initech.example"),
        ("Bill Lumbergh", "bill.lumbergh@initech.example"),
        ("Thanh Nguyen", "thanh.nguyen@initech.example")]
    assert initech["interviews"] == [{"id": "r2", "at": "2026-03-05T17:00", "round": 2,
                                      "format": "onsite",
                                      "interviewers": ["sam", "bill", "thanh"],
                                      "invite_uid": parse("outlook.ics").uid}]
    globex = case_json(db, "globex")
    assert globex["interviews"][0]["at"] == "2026-03-16T09:00"
    assert [p["name"] for p in globex["people"]] == ["Jörg Müller", "Renée Dubois"]


def test_an_invite_for_a_recorded_opportunity_goes_there(db: Path) -> None:
    run(db, "import", str(CASES / "contract_example.json"))  # Dana is dana@acme.example
    code, out, err = run(db, "import-invite", str(INVITES / "google.ics"))
    assert code == 2
    assert err == (f"error: {INVITES / 'google.ics'}: would add it to acme-analyst (people on "
                   "the invite are recorded there); not a terminal, so confirm with --yes "
                   "(or choose with --opportunity)\n")
    code, out, err = run(db, "import-invite", str(INVITES / "google.ics"), "--yes")
    assert code == 0, err  # the case file's r1 is this very meeting: it learns the UID
    assert out.splitlines()[-1] == ("Already recorded: acme-analyst r1 on Mon 2 Mar 2026 "
                                   "10:00; linked it to the invite, so a rescheduled copy "
                                   "will move it.")
    assert case_json(db, "acme")["interviews"][0]["invite_uid"] == parse("google.ics").uid
    before = digest(db)
    code, out, err = run(db, "import-invite", str(INVITES / "google.ics"), "--yes")
    assert out.splitlines()[-1] == ("Already recorded: acme-analyst r1 on Mon 2 Mar 2026 "
                                   "10:00; nothing changed.")
    assert digest(db) == before
    code, out, err = run(db, "import-invite", str(INVITES / "google_rescheduled.ics"), "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "Moved acme-analyst r1 from Mon 2 Mar 2026 10:00 to Tue 3 Mar 2026 14:00 (the invite "
        "was rescheduled); with Dana Whitfield, Priya Raman, Marcus Bell (new)")
    (r1,) = case_json(db, "acme")["interviews"]
    assert r1["at"] == "2026-03-03T14:00"
    assert r1["topics"] and r1["promised"]  # what the case file said about it is kept


def test_a_rescheduled_invite_moves_the_interview(db: Path) -> None:
    code, out, err = run(db, "import-invite", str(INVITES / "google.ics"), "--yes")
    assert (code, err) == (0, ""), err
    first = case_json(db, "acme")
    assert [(i["id"], i["at"]) for i in first["interviews"]] == [("r1", "2026-03-02T10:00")]
    code, out, err = run(db, "import-invite", str(INVITES / "google_rescheduled.ics"))
    assert code == 2  # it asks first, like any import into a recorded opportunity
    assert "would add it to acme-analyst (an earlier copy of the invite is " \
        "recorded there)" in err
    code, out, err = run(db, "import-invite", str(INVITES / "google_rescheduled.ics"), "--yes")
    assert (code, err) == (0, ""), err
    assert out.splitlines()[-1] == (
        "Moved acme-analyst r1 from Mon 2 Mar 2026 10:00 to Tue 3 Mar 2026 14:00 "
        "(the invite was rescheduled); with Dana Whitfield, Priya Raman, Marcus Bell (new)")
    moved = case_json(db, "acme")
    assert len(moved["interviews"]) == 1
    r1 = moved["interviews"][0]
    assert (r1["id"], r1["at"], r1["round"]) == ("r1", "2026-03-03T14:00", 1)
    assert r1["invite_uid"] == "5k2v0q8j1m3nq7fdr9b1c0e6hs@google.com"
    assert r1["interviewers"] == ["dana", "priya", "marcus"]
    assert [p["email"] for p in moved["people"]][-1] == "marcus.bell@acme.example"
    before = digest(db)
    code, out, _ = run(db, "import-invite", str(INVITES / "google_rescheduled.ics"), "--yes")
    assert out.splitlines()[-1] == ("Already recorded: acme-analyst r1 on Tue 3 Mar "
                                   "2026 14:00; nothing changed.")
    assert digest(db) == before


def test_the_uid_and_sequence_are_read() -> None:
    first, second = parse("google.ics"), parse("google_rescheduled.ics")
    assert first.uid == second.uid == "5k2v0q8j1m3nq7fdr9b1c0e6hs@google.com"
    assert (first.sequence, second.sequence) == (0, 1)
    assert second.start == datetime(2026, 3, 3, 14, 0)


def test_a_recorded_person_gets_the_address_from_the_invite(db: Path) -> None:
    run(db, "add", "opportunity", "--company", "Initech", "--role", "Data Engineer")
    run(db, "add", "person", "-o", "initech", "--name", "Bill Lumbergh", "--title", "VP")
    code, out, err = run(db, "import-invite", str(INVITES / "outlook.ics"), "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "Recorded initech-engineer r2 (round 2) on Thu 5 Mar 2026 17:00 with "
        "Sam O'Neil (new), Bill Lumbergh, Thanh Nguyen (new)")
    people = case_json(db, "initech")["people"]
    assert people[0] == {"id": "bill", "name": "Bill Lumbergh", "title": "VP",
                         "email": "bill.lumbergh@initech.example"}


def test_opportunity_given_needs_no_confirmation(db: Path) -> None:
    run(db, "add", "opportunity", "--company", "Globex", "--role", "PM", "--id", "gx")
    code, out, err = run(db, "import-invite", str(INVITES / "apple.ics"), "-o", "gx",
                         "--tz", "Europe/Berlin")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == ("Recorded gx r1 (round 1) on Mon 16 Mar 2026 14:00 with "
                                   "Jörg Müller (new), Renée Dubois (new)")


def test_a_bad_zone_is_one_line(db: Path) -> None:
    code, _, err = run(db, "import-invite", str(INVITES / "apple.ics"), "--tz", "Mars/Base")
    assert (code, err) == (2, "error: profile timezone: 'Mars/Base' is not an IANA zone name "
                              "(like America/New_York)\n")


# -- calendar export -----------------------------------------------------------------------


def events_by_icalendar(data: bytes) -> dict[str, tuple[str, date, str, str]]:
    cal = icalendar.Calendar.from_ical(data)
    out = {}
    for ev in cal.walk("VEVENT"):
        alarm = ev.walk("VALARM")[0]
        out[str(ev["UID"])] = (str(ev["SUMMARY"]), ev.decoded("DTSTART"),
                               str(ev["DESCRIPTION"]), str(alarm.decoded("TRIGGER")))
    return out


def events_by_vobject(data: bytes) -> dict[str, tuple[str, date, str, str]]:
    cal = vobject.readOne(data.decode("utf-8"))
    out = {}
    for ev in cal.vevent_list:
        out[ev.uid.value] = (ev.summary.value, ev.dtstart.value, ev.description.value,
                             str(ev.valarm.trigger.value))
    return out


def export(db: Path, tmp_path: Path, today: str, name: str) -> bytes:
    path = tmp_path / name
    code, _, err = run(db, "calendar", "export", "-o", str(path), "--today", today)
    assert code == 0, err
    return path.read_bytes()


def test_export_reads_back_the_same_in_two_parsers(db: Path, tmp_path: Path) -> None:
    for name in ("google.ics", "outlook.ics", "apple.ics"):
        run(db, "import-invite", str(INVITES / name), "--yes")
    data = export(db, tmp_path, "2026-03-06", "one.ics")
    ours, theirs = events_by_icalendar(data), events_by_vobject(data)
    assert ours == theirs
    summaries = sorted(v[0] for v in ours.values())
    assert summaries == [
        "Prepare for the interview with Jörg Müller: Globex Corporation",
        "Thank-you note to Bill Lumbergh: Initech",
        "Thank-you note to Dana Whitfield: Acme Analytics",
        "Thank-you note to Priya Raman: Acme Analytics",
        "Thank-you note to Sam O'Neil: Initech",
        "Thank-you note to Thanh Nguyen: Initech",
    ]
    dana = next(v for v in ours.values() if "Dana" in v[0])
    assert dana[1] == date(2026, 3, 6)  # due on the 3rd, overdue: on today, so it rings
    assert dana[2].startswith("Overdue: it was due 2026-03-03.\nYou met Dana on Mon 2 Mar; "
                              "send a thank-you note")
    assert "To: Dana Whitfield <dana@acme.example>" in dana[2]
    assert dana[3] == "9:00:00"  # the morning it's due
    cal = icalendar.Calendar.from_ical(data)
    assert {str(ev["TRANSP"]) for ev in cal.walk("VEVENT")} == {"TRANSPARENT"}
    assert all(ev.decoded("DTEND") == ev.decoded("DTSTART").fromordinal(
        ev.decoded("DTSTART").toordinal() + 1) for ev in cal.walk("VEVENT"))


def test_uids_are_stable_and_done_actions_leave(db: Path, tmp_path: Path) -> None:
    for name in ("google.ics", "outlook.ics"):
        run(db, "import-invite", str(INVITES / name), "--yes")
    first = events_by_icalendar(export(db, tmp_path, "2026-03-06", "a.ics"))
    again = events_by_icalendar(export(db, tmp_path, "2026-03-06", "b.ics"))
    assert first == again and len(first) == 5
    run(db, "log", "-o", "acme", "--kind", "thank_you", "--to", "dana",
        "--at", "2026-03-02 17:30")
    later = events_by_icalendar(export(db, tmp_path, "2026-03-07", "c.ics"))
    assert set(later) == {uid for uid, v in first.items() if "Dana" not in v[0]}


def test_a_check_in_that_moves_keeps_its_uid(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    from followup.core import caseio
    from followup.core.model import Channel, TouchKind

    service.import_cases(store, [caseio.loads((CASES / "contract_example.json").read_text())])
    stamp = datetime(2026, 3, 13, 8, 0, tzinfo=UTC)
    on_13 = service.Context(store, date(2026, 3, 13))
    before = ical.export_calendar(service.calendar_items(on_13), stamp=stamp)
    assert before == ical.export_calendar(service.calendar_items(on_13),
                                          stamp=stamp)  # byte for byte
    service.log_touch(store, "acme", kind=TouchKind.REPLY, channel=Channel.EMAIL,
                      at=datetime(2026, 3, 18, 9, 0), from_="dana", new_by=date(2026, 3, 27))
    on_18 = service.Context(store, date(2026, 3, 18))
    after = ical.export_calendar(service.calendar_items(on_18), stamp=stamp)
    (uid_before, ev_before), = events_by_vobject(before).items()
    (uid_after, ev_after), = events_by_vobject(after).items()
    assert uid_before == uid_after
    assert (ev_before[1], ev_after[1]) == (date(2026, 3, 23), date(2026, 3, 30))
    store.close()


def test_export_to_standard_output_and_bad_time(db: Path) -> None:
    run(db, "import-invite", str(INVITES / "google.ics"), "--yes")
    result = CliRunner().invoke(app, ["--db", str(db), "calendar", "export", "--today",
                                      "2026-03-02", "--remind-at", "07:30"])
    out = result.stdout_bytes
    assert result.exit_code == 0 and out.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"TRIGGER;RELATED=START:PT7H30M\r\n" in out
    code, _, err = run(db, "calendar", "export", "--remind-at", "morning")
    assert (code, err) == (2, "error: --remind-at: not a time of day (HH:MM): 'morning'\n")


def test_the_description_carries_the_drafts_subject(db: Path, tmp_path: Path) -> None:
    run(db, "import", str(CASES / "contract_example.json"))
    data = export(db, tmp_path, "2026-03-13", "s.ics")
    (summary, due, description, _), = events_by_vobject(data).values()
    assert (summary, due) == ("Check-in with Dana Whitfield (email): Acme Analytics",
                              date(2026, 3, 23))
    subject = [line for line in description.splitlines() if line.startswith("Subject: ")]
    assert len(subject) == 1 and len(subject[0]) > len("Subject: ") + 5
