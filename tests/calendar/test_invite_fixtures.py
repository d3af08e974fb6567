"""Every invitation in tests/fixtures/invites, as other calendars write them: the right time
in the candidate's zone and the right people, or a clear one-line refusal; never a traceback.

The table says, per file, what the import must do. The files themselves name the shape
and the source they stand for in their first lines (X-FIXTURE-SOURCE / X-Fixture-Source).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from followup.calendar import ical
from followup.cli import app
from followup.core.dates import say_moment

INVITES = Path(__file__).parents[1] / "fixtures" / "invites"
NY = "America/New_York"
ME = ["alex@example.com", "alex.morgan.work@gmail.com"]

# name -> (start in New York, people on it as (name, address), or None for a refusal)
READ: dict[str, tuple[datetime, list[tuple[str, str]]]] = {
    "google.ics": (datetime(2026, 3, 2, 10, 0), [
        ("Dana Whitfield", "dana@acme.example"), ("Priya Raman", "priya.raman@acme.example")]),
    "google_rescheduled.ics": (datetime(2026, 3, 3, 14, 0), [
        ("Dana Whitfield", "dana@acme.example"), ("Priya Raman", "priya.raman@acme.example"),
        ("Marcus Bell", "marcus.bell@acme.example")]),
    "google_same_sequence_later.ics": (datetime(2026, 3, 3, 14, 30), [
        ("Dana Whitfield", "dana@acme.example")]),
    "google_invite.eml": (datetime(2026, 3, 9, 13, 0), [("Gavin Belson", "gavin@hooli.example")]),
    "outlook.ics": (datetime(2026, 3, 5, 17, 0), [
        ("Sam O'Neil", "sam.oneil@initech.example"),
        ("Bill Lumbergh", "bill.lumbergh@initech.example"),
        ("Thanh Nguyen", "thanh.nguyen@initech.example")]),
    "apple.ics": (datetime(2026, 3, 16, 9, 0), [
        ("Jörg Müller", "joerg.mueller@globex.example"),
        ("Renée Dubois", "renee.dubois@globex.example")]),
    # Windows TZID with its VTIMEZONE: 16:00 in Berlin (CEST) is 10:00 in New York.
    "outlook_w_europe.ics": (datetime(2026, 4, 14, 10, 0), [
        ("Katrin Schneider", "katrin.schneider@vandelay.example"),
        ("Jonas Weber", "jonas.weber@vandelay.example")]),
    # Windows TZID, no VTIMEZONE: 09:00 Pacific (PDT) is 12:00.
    "outlook_pacific_no_vtimezone.ics": (datetime(2026, 4, 15, 12, 0), [
        ("Priscilla Okafor", "priscilla.okafor@initrode.example"),
        ("Hank Scorpio", "hank.scorpio@initrode.example")]),
    "teams_invite.eml": (datetime(2026, 4, 16, 14, 0), [
        ("Meera Kapoor", "meera.kapoor@massive-dynamic.example"),
        ("Walter Bishop", "walter.bishop@massive-dynamic.example")]),
    "teams_utc_zone.ics": (datetime(2026, 4, 17, 11, 0), [
        ("Talent Team", "talent@soylent.example"),
        ("Oluwaseun Adeyemi", "seun.adeyemi@soylent.example")]),
    "zoom_meeting.ics": (datetime(2026, 4, 21, 13, 0), [
        ("Monica Hall", "monica@piedpiper.example")]),
    "exchange_display_zone.ics": (datetime(2026, 4, 22, 16, 0), [
        ("Albert Wesker", "albert.wesker@umbrella.example")]),
    "display_zone_no_vtimezone.ics": (datetime(2026, 4, 23, 5, 0), [
        ("Holly Gennaro", "holly.gennaro@nakatomi.example"),
        ("Joseph Takagi", "joseph.takagi@nakatomi.example")]),
    # The name wins over a wrong VTIMEZONE: 09:00 NZST (+12) on the 24th is 17:00 on the 23rd.
    "khal_windows_nz.ics": (datetime(2026, 4, 23, 17, 0), [
        ("Aroha Ngata", "aroha.ngata@weta.example")]),
    "google_utc_guests.ics": (datetime(2026, 4, 27, 14, 0), [
        ("Rosa Diaz", "rosa.diaz@ninenine.example"),
        ("Charles Boyle", "charles.boyle@ninenine.example")]),
    "floating_time.ics": (datetime(2026, 4, 28, 15, 0), [
        ("Bob Belcher", "bob@bobsburgers.example")]),
    "x_wr_timezone.ics": (datetime(2026, 4, 29, 9, 0), [
        ("Charlie Bucket", "charlie.bucket@wonka.example"),
        ("Violet Beauregarde", "violet@wonka.example")]),
    "duration_no_dtend.ics": (datetime(2026, 4, 30, 11, 0), [("Bud Fox", "bud.fox@gekko.example")]),
    "folded_utf8.ics": (datetime(2026, 5, 4, 3, 30), [
        ("René Müller-Lüdenscheidt", "rene.mueller@bruegger.example"),
        ("Françoise Grünwald", "francoise.gruenwald@bruegger.example")]),
    "non_ascii_names.ics": (datetime(2026, 5, 5, 6, 0), [
        ("Zoë Łukasiewicz", "zoe.lukasiewicz@cyberdyne.example"),
        ("王小明", "xiaoming.wang@cyberdyne.example"),
        ("José Núñez", "jose.nunez@cyberdyne.example"),
        ("ليلى حداد", "layla.haddad@cyberdyne.example")]),
    "rfc6868_params.ics": (datetime(2026, 5, 6, 10, 0), [
        ("Rachael Ray Tyrell", "rachael@tyrell.example"), ("Eldon Tyrell", "eldon@tyrell.example"),
        ("J.F. Sebastian ^ Toys", "jf.sebastian@tyrell.example")]),
    "names_as_people_write_them.ics": (datetime(2026, 5, 7, 4, 0), [
        ("Mathieu Campbell", "mathieu.campbell@dassault.example"),
        ("Thomas Cataldo", "thomas.cataldo@dassault.example"),
        ("Bart", "bart@dassault.example"),
        ("Claire Lefèvre", "claire.lefevre@dassault.example"),
        ("Nadia Benali", "nadia.benali@partner.example"),
        ("Hélène Roux", "helene.roux@dassault.example")]),
    "windows1252.ics": (datetime(2026, 5, 8, 9, 0), [
        ("Renée François", "renee.francois@prestige.example")]),
    "android_bom.ics": (datetime(2026, 5, 11, 9, 0), [
        ("Pepper Potts", "pepper.potts@stark.example"),
        ("Happy Hogan", "happy_hogan@stark.example")]),
    "thunderbird_request.eml": (datetime(2026, 5, 12, 5, 0), [
        ("Gunther Schmidt", "gunther.schmidt@hooli-berlin.example"),
        ("Ingrid Bäcker", "ingrid.baecker@hooli-berlin.example")]),
    "gmail_inline_image.eml": (datetime(2026, 5, 13, 11, 30), [
        ("Leslie Knope", "leslie.knope@pawnee-parks.example"),
        ("Ben Wyatt", "ben.wyatt@pawnee-parks.example")]),
    "forwarded_attachment.eml": (datetime(2026, 5, 14, 14, 0), [
        ("Dwight Schrute", "dwight.schrute@dundermifflin.example"),
        ("Jim Halpert", "jim.halpert@dundermifflin.example")]),
    "recurrence_id_moved.ics": (datetime(2026, 5, 19, 11, 0), [
        ("Hank Scorpio", "hank@globex.example"), ("Frank Grimes", "frank.grimes@globex.example")]),
    "bare_vevent.ics": (datetime(2026, 5, 25, 11, 0), [
        ("Mark Hanna", "mark.hanna@vehement.example")]),
    "domino_notes.ics": (datetime(2026, 6, 1, 13, 0), [
        ("Jane Doe", "jane.doe@acme-mfg.example"), ("Raj Patel", "raj.patel@acme-mfg.example")]),
    "calendly_publish.ics": (datetime(2026, 6, 2, 15, 0), [
        ("Joan Holloway", "joan.holloway@sterlingcooper.example")]),
    "sent_by_assistant.ics": (datetime(2026, 6, 3, 17, 0), [
        ("Michael Bluth", "michael@bluth.example"), ("Lindsay Fünke", "lindsay@bluth.example")]),
}

# Read, but not invitations: the service decides (tests/test_invite_methods.py).
METHODS = {"cancel.ics": "CANCEL", "outlook_cancel.eml": "CANCEL",
           "google_reply_accepted.ics": "REPLY", "outlook_reply_declined.ics": "REPLY",
           "reply_unknown_invite.ics": "REPLY"}

# name -> what the one-line refusal says after "FILE: "
REFUSED = {
    "all_day.ics": "an all-day event (2026-03-10) has no start time",
    "recurring.ics": "a recurring event (RRULE); an interview is one meeting",
    "recurring_with_override.ics": "a recurring event (RRULE); an interview is one meeting",
    "counter_proposal.ics": "a counter-proposal (METHOD:COUNTER) for Wed 4 Mar 2026 16:00: it "
                            "proposes a time, it does not set one",
    "refresh_request.ics": "a request for the latest copy of an event (METHOD:REFRESH)",
    "declinecounter.ics": "the organizer turned down a counter-proposal (METHOD:DECLINECOUNTER)",
    "two_dtstart.ics": "the event has 2 DTSTART lines; an event has one start time",
    "no_dtstart.ics": "the event has no start time (DTSTART)",
    "garbage.ics": "neither an iCalendar file (BEGIN:VCALENDAR) nor an email message",
    "truncated.ics": "not a valid iCalendar file",
    "unknown_tzid.ics": "DTSTART: unknown time zone TZID='Custom/Office_Time'",
    "bad_date.ics": "DTSTART: not a date or a date-time: '2026-05-27 10:00'",
    "vtodo_only.ics": "no event (VEVENT) in the calendar (only a VTODO)",
    "several_events.ics": "2 events in one file; import one invite at a time",
    "year_9999.ics": "DTSTART: the year 9999 is outside 1970-2100",
    "html_only.eml": "the email has no text/calendar part (no invitation in it)",
}


def parse(name: str, zone: str = NY) -> ical.Invite:
    return ical.parse_invite((INVITES / name).read_bytes(), name, zone=ZoneInfo(zone),
                             zone_name=zone, me=ME)


def test_the_table_covers_every_fixture_and_there_are_enough() -> None:
    files = {p.name for p in INVITES.iterdir()}
    assert files == set(READ) | set(METHODS) | set(REFUSED)
    assert len(files) >= 40


@pytest.mark.parametrize("name", sorted(INVITES.iterdir()), ids=lambda p: p.name)
def test_every_fixture_names_its_source(name: Path) -> None:
    head = name.read_bytes()[:600].decode("utf-8", "replace").casefold()
    assert "x-fixture-source" in head


@pytest.mark.parametrize("name", sorted(READ))
def test_read_in_the_candidates_zone(name: str) -> None:
    start, people = READ[name]
    invite = parse(name)
    assert invite.start == start
    assert [(p.name, p.email) for p in invite.people] == people
    assert invite.method in ("REQUEST", "PUBLISH")
    assert all(s.reason != "you" or s.label in ME for s in invite.skipped)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_in_one_line(name: str) -> None:
    with pytest.raises(ical.InviteError) as e:
        parse(name)
    assert str(e.value).startswith(f"{name}: {REFUSED[name]}")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_cancellations_and_replies_are_read_as_such(name: str) -> None:
    assert parse(name).method == METHODS[name]


def test_what_the_reader_tells_beside_the_time() -> None:
    floating = parse("floating_time.ics")
    assert floating.source_zone is None
    assert floating.notes == ("no time zone on the invite (a floating time): read as "
                              "America/New_York",)
    assert parse("x_wr_timezone.ics").source_zone == "Europe/London"
    assert parse("teams_utc_zone.ics").source_zone == "UTC"
    assert parse("outlook_w_europe.ics").source_zone == "Europe/Berlin"
    assert parse("domino_notes.ics").source_zone == "Eastern"  # its own VTIMEZONE
    assert parse("duration_no_dtend.ics").end == datetime(2026, 4, 30, 11, 45)
    names = {p.name: p.title for p in parse("names_as_people_write_them.ics").people}
    assert names["Mathieu Campbell"] == "Directeur"
    assert names["Hélène Roux"] == "Responsable RH"
    assert parse("recurrence_id_moved.ics").occurrence
    gmail = parse("gmail_inline_image.eml")
    assert ("Pawnee City Hall-2-Room 201 (6)", "room or resource") in [
        (s.label, s.reason) for s in gmail.skipped]
    assert (parse("teams_invite.eml").format, parse("zoom_meeting.ics").format) == \
        ("video", "video")


def test_the_same_invite_in_another_zone() -> None:
    assert parse("outlook_w_europe.ics", "Europe/Berlin").start == datetime(2026, 4, 14, 16, 0)
    assert parse("teams_utc_zone.ics", "Asia/Tokyo").start == datetime(2026, 4, 18, 0, 0)


# -- through the CLI: exit 0 or a one-line exit 2, the database untouched on refusal --------


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.fixture(scope="module")
def profile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "f.db"
    run(path, "profile", "--name", "Alex Morgan", "--email", "alex@example.com",
        "--timezone", NY)
    return path


@pytest.fixture
def db(profile_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of a database with the profile (migrating one costs half a second)."""
    path = tmp_path / "f.db"
    shutil.copyfile(profile_db, path)
    return path


@pytest.mark.parametrize("name", sorted(INVITES.iterdir()), ids=lambda p: p.name)
def test_import_every_fixture_exit_0_or_one_line(db: Path, name: Path) -> None:
    before = digest(db)
    code, out, err = run(db, "import-invite", str(name), "--yes", "--me",
                         "alex.morgan.work@gmail.com", "--company", "Example Co",
                         "--role", "Engineer")
    if name.name in READ:
        assert (code, err) == (0, ""), err
        start = READ[name.name][0]
        assert f"on {say_moment(start)} with" in out.splitlines()[-1]
    else:
        assert code == 2, out
        assert err.startswith(f"error: {name}: ") and err.count("\n") == 1
        assert digest(db) == before


@pytest.mark.parametrize(("cn", "name", "title"), [
    ("Lumbergh, Bill", "Bill Lumbergh", None),
    ('"O\'Neil, Sam (Recruiting)"', "Sam O'Neil", None),
    ("Renée Dubois, PhD", "Renée Dubois", None),
    ("Whitfield, Dana, PhD", "Dana Whitfield", None),
    ("Mathieu Campbell, Directeur", "Mathieu Campbell", "Directeur"),
    ("Smith, John, Senior Recruiter", "John Smith", "Senior Recruiter"),
    ("Dana Whitfield | Talent Acquisition", "Dana Whitfield", "Talent Acquisition"),
    ("'Thomas Cataldo (thomas.cataldo@bluemind.example)'", "Thomas Cataldo", None),
    ("[EXT] Nadia Benali <nadia.benali@partner.example>", "Nadia Benali", None),
    ("Jane Doe/Sales/Acme", "Jane Doe", None),
    ("bart@example.com", "", None),  # only an address: the caller falls back
    ("Dana\r\nBcc: evil@example.com", "Dana Bcc:", None),
])
def test_names_as_a_person_writes_them(cn: str, name: str, title: str | None) -> None:
    assert ical.clean_name(cn) == (name, title)
