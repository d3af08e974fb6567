"""Invites read within budgets (issue 20, item 2): a time zone that changes every second,
components nested thousands deep, endless lines, an .eml of countless parts and a reading
that runs too long are each refused in one line, quickly, with little memory; a zone the
file defines itself is read at the interview's own time, and only from that file."""

from __future__ import annotations

import resource
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.calendar import budget, ical
from followup.calendar.budget import Budget, InviteError


def calendar(zone: str, start: str = "20260505T140000", tzid: str = "Custom") -> bytes:
    """An invitation at `start` in a zone the file defines (`zone`: its VTIMEZONE lines)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", zone,
             "BEGIN:VEVENT", "UID:zone@acme.example", "DTSTAMP:20260401T120000Z",
             f"DTSTART;TZID={tzid}:{start}", "SUMMARY:Interview - Acme - Analyst",
             "ORGANIZER;CN=Dana Whitfield:mailto:dana@acme.example", "END:VEVENT",
             "END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


# The bomb, in our words: two observances, one of them repeating every second from
# 1970, so a reader that expands the rule up to the interview walks 1.7 billion onsets.
BOMB = "\r\n".join([
    "BEGIN:VTIMEZONE", "TZID:Custom",
    "BEGIN:STANDARD", "DTSTART:19700101T000000", "RRULE:FREQ=SECONDLY",
    "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100",
    "END:DAYLIGHT", "END:VTIMEZONE"])

# Outlook's way of writing a zone it has no name for: "Customized Time Zone", rules from
# 1601, here the US Eastern rules since 2007 (second Sunday of March, first of November).
US_EASTERN = "\r\n".join([
    "BEGIN:VTIMEZONE", "TZID:Custom",
    "BEGIN:STANDARD", "DTSTART:16010101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"])

# The same name for Central European rules (last Sunday of March and of October).
CENTRAL_EUROPE = "\r\n".join([
    "BEGIN:VTIMEZONE", "TZID:Custom",
    "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"])


def read(data: bytes, source: str = "invite.ics", **kw: object) -> ical.Invite:
    return ical.parse_invite(data, source, zone=ZoneInfo("UTC"), zone_name="UTC",
                             **kw)  # type: ignore[arg-type]


def test_the_every_second_zone_bomb_is_refused_in_one_line_with_little_memory(
        tmp_path: Path) -> None:
    """The reproduction: `import-invite` under a 1 GB address-space cap and a 60 s limit.
    Before the budgets it ran out of memory (or time); now it is refused at once."""
    path = tmp_path / "bomb.ics"
    path.write_bytes(calendar(BOMB))
    assert len(path.read_bytes()) < 700

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    out = subprocess.run([sys.executable, "-m", "followup", "--db", str(tmp_path / "f.db"),
                          "import-invite", str(path), "--yes"],
                         capture_output=True, text=True, timeout=60, preexec_fn=cap)
    assert out.returncode == 2, out.stderr[-2000:]
    assert out.stderr == (f"error: {path}: the time zone 'Custom': the rule repeats secondly; "
                          "a time zone changes by a yearly rule (FREQ=YEARLY), so this is no "
                          "real zone\n")


@pytest.mark.parametrize("rule", [
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31",  # never happens: dateutil seeks it to year 9999
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH;BYMONTH=1",
    "FREQ=YEARLY;BYSETPOS=366",
])
def test_a_yearly_rule_that_never_fires_costs_one_year_of_days_per_year(rule: str) -> None:
    zone = US_EASTERN.replace("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", f"RRULE:{rule}")
    ticks = iter(range(1_000_000))
    clock = Budget("slow.ics", seconds=1e9, clock=lambda: float(next(ticks)))
    invite = read(calendar(zone, "20260705T140000"), budget=clock)
    # The daylight rule never fires, so July is read with the standard offset (-5).
    assert invite.start == datetime(2026, 7, 5, 19, 0)
    assert next(ticks) < 200  # one check per year between 1969 and 2026, not 8,000 years


@pytest.mark.parametrize(("rule", "says"), [
    ("FREQ=MINUTELY", "the rule repeats minutely"),
    ("FREQ=YEARLY;BYSECOND=1,2,3,4,5,6", "BYSECOND lists more than 4 values"),
    ("FREQ=YEARLY;COUNT=200000000", "COUNT=200,000,000; a time zone observance has at "
                                    "most 1,000 onsets"),
    ("FREQ=YEARLY;INTERVAL=²", "INTERVAL or COUNT is not a whole number"),
    ("FREQ=YEARLY;BYEASTER=1", "BYEASTER is not a part a time zone's rule has"),
])
def test_rules_no_zone_has_are_refused(rule: str, says: str) -> None:
    zone = US_EASTERN.replace("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", f"RRULE:{rule}")
    with pytest.raises(InviteError) as e:
        read(calendar(zone))
    assert str(e.value).startswith("invite.ics: the time zone 'Custom'")
    assert says in str(e.value)


def test_a_zone_the_file_defines_gives_the_offset_at_the_interview() -> None:
    summer = read(calendar(US_EASTERN, "20260715T100000"))
    winter = read(calendar(US_EASTERN, "20260115T100000"))
    assert (summer.start, winter.start) == (datetime(2026, 7, 15, 14), datetime(2026, 1, 15, 15))
    assert summer.source_zone == "Custom"


def test_two_files_with_one_custom_tzid_are_each_read_with_their_own_zone() -> None:
    """icalendar caches a file's zone by TZID for the whole process: in the web app the
    second upload of a "Customized Time Zone" was read with the first one's rules."""
    us = read(calendar(US_EASTERN, "20260715T100000"))
    europe = read(calendar(CENTRAL_EUROPE, "20260715T100000"))
    assert us.start == datetime(2026, 7, 15, 14, 0)
    assert europe.start == datetime(2026, 7, 15, 8, 0)


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(2008, 1, 1), max_value=datetime(2099, 12, 31)))
def test_a_custom_zone_agrees_with_the_zone_database(wall: datetime) -> None:
    """Away from the changeover hours, the custom US zone says what tzdata says."""
    zone = ZoneInfo("America/New_York")
    wall = wall.replace(second=0, microsecond=0)
    aware = wall.replace(tzinfo=zone)
    for hours in (-3, 3):  # not within three hours of a change: that hour is ambiguous
        if (wall + timedelta(hours=hours)).replace(tzinfo=zone).utcoffset() != \
                aware.utcoffset():
            return
    invite = read(calendar(US_EASTERN, wall.strftime("%Y%m%dT%H%M%S")))
    assert invite.start == aware.astimezone(UTC).replace(tzinfo=None)


def test_components_nested_thousands_deep_are_refused_at_the_limit() -> None:
    deep = "\r\n".join(["BEGIN:X-NEST"] * 5_000 + ["END:X-NEST"] * 5_000)
    with pytest.raises(InviteError) as e:
        read(calendar(US_EASTERN).replace(b"BEGIN:VEVENT", deep.encode() + b"\r\nBEGIN:VEVENT"))
    assert str(e.value).endswith(f"components nested {budget.MAX_DEPTH + 1} deep; at most "
                                 f"{budget.MAX_DEPTH}")


def test_a_huge_line_and_too_many_lines_are_refused() -> None:
    long_line = b"X-JUNK:" + b"a" * (budget.MAX_LINE_CHARS + 1)
    with pytest.raises(InviteError) as e:
        read(calendar(US_EASTERN).replace(b"BEGIN:VEVENT", long_line + b"\r\nBEGIN:VEVENT"))
    assert str(e.value) == "invite.ics: line 19 is 500,008 characters long; at most 500,000"
    many = b"\r\n".join([b"X-A:1"] * budget.MAX_LINES)
    with pytest.raises(InviteError) as e:
        read(calendar(US_EASTERN).replace(b"BEGIN:VEVENT", many + b"\r\nBEGIN:VEVENT"))
    assert str(e.value).startswith("invite.ics: 30,0") and "at most 30,000" in str(e.value)


def test_an_email_of_countless_parts_is_refused_before_it_is_parsed() -> None:
    parts = b"".join(b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(200_000))
    data = (b"From: a@acme.example\r\nSubject: Invitation\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + parts + b"--b--\r\n")
    with pytest.raises(InviteError) as e:
        read(data, "many.eml")
    assert str(e.value) == ("many.eml: an email of more than 1,000 MIME parts; save the "
                            "invitation itself (.ics) and import that")


def test_an_email_of_parts_nested_deep_is_refused_before_it_is_parsed() -> None:
    nested = b"".join(b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n"
                      % (i, i + 1) for i in range(500))
    data = (b"From: a@acme.example\r\nSubject: Invitation\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n' + nested)
    with pytest.raises(InviteError) as e:
        read(data, "deep.eml")
    assert str(e.value) == ("deep.eml: an email of more than 50 multipart parts; save the "
                            "invitation itself (.ics) and import that")


def test_a_reading_over_its_time_budget_is_refused() -> None:
    ticks = iter([0.0, 0.0, 99.0, 99.0])
    with pytest.raises(InviteError) as e:
        read(calendar(US_EASTERN), budget=Budget("slow.ics", seconds=5,
                                                 clock=lambda: next(ticks)))
    assert str(e.value) == ("slow.ics: reading the invite took over 5 s (parsing the "
                            "calendar); no calendar app writes such a file")
