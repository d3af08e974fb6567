"""Mutations of real invitation files, shared by the invite fuzz test and scripts/fuzz_invites.py.

Each takes a fixture's bytes and a `random.Random` and returns broken-in-a-realistic-way bytes:
lines dropped, doubled, swapped, cut short, values replaced with hostile ones (huge numbers,
far dates, unknown zones, control characters, invalid UTF-8, deep nesting, long names).
"""

from __future__ import annotations

import random
from pathlib import Path

INVITES = Path(__file__).parent / "fixtures" / "invites"
FILES = sorted(p for p in INVITES.iterdir() if p.is_file())

HOSTILE_LINES = [
    b"DTSTART:", b"DTSTART:99991231T235959Z", b"DTSTART:00010101T000000",
    b"DTSTART;TZID=Mars/Phobos:20260505T100000", b"DTSTART;VALUE=DATE:20260505",
    b"DTSTART;TZID=\"(UTC+14:00) Kiritimati Island\":20260505T100000",
    b"DTEND:19000101T000000Z", b"DURATION:P99999999D", b"DURATION:-PT1H", b"DURATION:banana",
    b"SEQUENCE:" + b"9" * 5000, b"SEQUENCE:-3", b"DTSTAMP:notadate",
    b"METHOD:PUBLISH", b"METHOD:CANCEL", b"METHOD:REPLY", b"METHOD:COUNTER", b"METHOD:X-WHAT",
    b"STATUS:CANCELLED", b"RRULE:FREQ=DAILY;COUNT=3", b"RECURRENCE-ID:20260505T100000Z",
    b"BEGIN:VEVENT", b"END:VEVENT", b"BEGIN:VCALENDAR", b"END:VCALENDAR", b"BEGIN:VTIMEZONE",
    b"BEGIN:VALARM" * 50, b"TZOFFSETTO:+9999", b"TZID:W. Europe Standard Time",
    b"ATTENDEE;CN=" + b"A" * 5000 + b":mailto:a@b.example",
    b"ATTENDEE;CN=\"Dana\r\nBcc: evil@example.com\":mailto:dana@acme.example",
    b"ATTENDEE;CN=\xed\xa0\x80:mailto:x@y.example", b"ATTENDEE:mailto:jos\xc3\xa9@x.example",
    b"ATTENDEE;CUTYPE=ROOM:mailto:room@x.example", b"ATTENDEE;PARTSTAT=DECLINED:mailto:d@x.example",
    b"ORGANIZER:mailto:", b"ORGANIZER;CN=;EMAIL=:urn:uuid:0", b"UID:" + b"u" * 2000,
    b"SUMMARY:\x00\x01\x02", b"X-WR-TIMEZONE:Nowhere/Land", b"X-WR-TIMEZONE:Europe/Paris",
    b"\xff\xfe\xfd", b" folded continuation", b"::::", b";;;;=", b"",
]


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One to four mutations of `data`."""
    lines = data.split(b"\n")
    for _ in range(rnd.randint(1, 4)):
        what = rnd.randrange(8)
        n = rnd.randrange(len(lines)) if lines else 0
        if what == 0 and lines:
            del lines[n]
        elif what == 1 and lines:
            lines.insert(n, lines[n])
        elif what == 2 and len(lines) > 1:
            m = rnd.randrange(len(lines))
            lines[n], lines[m] = lines[m], lines[n]
        elif what == 3:
            lines.insert(n, rnd.choice(HOSTILE_LINES))
        elif what == 4 and lines and b":" in lines[n]:
            name = lines[n].split(b":", 1)[0]
            lines[n] = name + b":" + rnd.choice(HOSTILE_LINES).split(b":", 1)[-1]
        elif what == 5:
            joined = b"\n".join(lines)
            lines = joined[:rnd.randrange(len(joined) + 1)].split(b"\n")
        elif what == 6:
            lines.insert(n, bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 40))))
        elif lines:
            line = bytearray(lines[n])
            if line:
                line[rnd.randrange(len(line))] = rnd.randrange(256)
            lines[n] = bytes(line)
    return b"\n".join(lines)


# -- hostile invitations, whole (issue 20): recurrence bombs, deep nesting, huge lines ------

_FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "YEARLY",
          "YEARLY", "", "FORTNIGHTLY"]
_PARTS = [
    lambda r: f"BYSECOND={','.join(str(i) for i in range(r.randint(1, 60)))}",
    lambda r: f"BYMINUTE={','.join(str(i) for i in range(r.randint(1, 60)))}",
    lambda r: f"BYHOUR={','.join(str(i) for i in range(r.randint(1, 24)))}",
    lambda r: f"BYMONTH={r.choice(['2', '1,2,3,4,5,6,7,8,9,10,11,12', '13', '0'])}",
    lambda r: f"BYMONTHDAY={r.choice(['31', '30', '-1', '1,2,3,4,5,6,7', '99'])}",
    lambda r: f"BYDAY={r.choice(['SU', '-1SU', '2SU', '53MO', 'MO,TU,WE,TH,FR,SA,SU', 'XX'])}",
    lambda r: f"BYWEEKNO={r.choice(['53', '1', '-1', '60'])}",
    lambda r: f"BYYEARDAY={r.choice(['366', '-366', '1', '400'])}",
    lambda r: f"BYSETPOS={r.choice(['366', '-1', '1', '9999'])}",
    lambda r: f"COUNT={r.choice(['1', '1000', '1001', '999999999', '-1', '²'])}",
    lambda r: f"INTERVAL={r.choice(['1', '2', '0', '9999', '10000', '7'])}",
    lambda r: f"UNTIL={r.choice(['20380101T000000Z', '99991231', '19700102', 'nope'])}",
    lambda r: "WKST=SU", lambda r: "BYEASTER=0",
]


def _rule(rnd: random.Random) -> str:
    parts = [f"FREQ={rnd.choice(_FREQS)}"]
    parts += [rnd.choice(_PARTS)(rnd) for _ in range(rnd.randint(0, 4))]
    rnd.shuffle(parts)
    return "RRULE:" + ";".join(parts)


def _observance(rnd: random.Random, kind: str) -> list[str]:
    start = rnd.choice(["19700101T000000", "16010101T020000", "00010101T000000",
                        "20991231T235959", "99991231T235959", "19500312T020000", "2026"])
    lines = [f"BEGIN:{kind}", f"DTSTART:{start}",
             f"TZOFFSETFROM:{rnd.choice(['+0100', '-0500', '+2400', '+0000'])}",
             f"TZOFFSETTO:{rnd.choice(['+0000', '-0400', '+1400', 'x'])}"]
    if rnd.random() < 0.8:
        lines.append(_rule(rnd))
    if rnd.random() < 0.2:
        n = rnd.choice([3, 999, 1001, 20_000])
        lines.append("RDATE:" + ",".join(f"{1970 + i % 130}0301T020000" for i in range(n)))
    return [*lines, f"END:{kind}"]


def _zone(rnd: random.Random, tzid: str) -> list[str]:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    for _ in range(rnd.choice([1, 2, 2, 2, 3, 40, 1_500])):
        lines += _observance(rnd, rnd.choice(["STANDARD", "DAYLIGHT"]))
    return [*lines, "END:VTIMEZONE"]


def _event(tzid: str, extra: list[str]) -> list[str]:
    return ["BEGIN:VEVENT", "UID:hostile@acme.example", "DTSTAMP:20260401T120000Z",
            f"DTSTART;TZID={tzid}:20260505T140000", f"DTEND;TZID={tzid}:20260505T150000",
            "SUMMARY:Interview - Acme - Analyst",
            "ORGANIZER;CN=Dana Whitfield:mailto:dana@acme.example", *extra, "END:VEVENT"]


def hostile(rnd: random.Random) -> tuple[str, bytes]:
    """(what it is, the file): an invite built to cost time or memory."""
    what = rnd.choice(["zone rule", "zone rule", "zone rule", "deep nesting", "huge line",
                       "many lines", "many components", "mime parts", "deep mime",
                       "event rule"])
    tzid = rnd.choice(["Custom", "Customized Time Zone", "Bomb"])
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST"]
    if what == "zone rule":
        lines = [*head, *_zone(rnd, tzid), *_event(tzid, []), "END:VCALENDAR"]
    elif what == "deep nesting":
        depth = rnd.choice([9, 100, 10_000, 200_000])
        lines = [*head, *["BEGIN:X-N"] * depth, *["END:X-N"] * depth * rnd.randint(0, 1),
                 *_event("UTC", []), "END:VCALENDAR"]
    elif what == "huge line":
        size = rnd.choice([100_000, 999_990, 1_500_000, 4_900_000])
        filler = rnd.choice([";", '"', ":", ",", "a", "=", "\\"]) * size
        line = rnd.choice([f"X-JUNK:{filler}", f"DESCRIPTION:{filler}",
                           f"ATTENDEE;CN={filler}:mailto:a@acme.example", f"X-P;{filler}:x"])
        lines = [*head, *_event("UTC", [line]), "END:VCALENDAR"]
    elif what == "many lines":
        n = rnd.choice([50_000, 99_000, 150_000])
        lines = [*head, *_event("UTC", ["X-A:1"] * n), "END:VCALENDAR"]
    elif what == "many components":
        n = rnd.choice([1_000, 2_500, 100_000])
        lines = [*head, *["BEGIN:VALARM", "END:VALARM"] * n, *_event("UTC", []),
                 "END:VCALENDAR"]
    elif what == "event rule":
        lines = [*head, *_event("UTC", [_rule(rnd)]), "END:VCALENDAR"]
    else:  # an email: countless parts, or parts nested deep
        n = rnd.choice([500, 1_001, 200_000])
        if what == "mime parts":
            body = "".join("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(n))
            body += "--b--\r\n"
        else:
            body = "".join(f"--b{i}\r\nContent-Type: multipart/mixed; boundary=b{i + 1}\r\n\r\n"
                           for i in range(min(n, 5_000)))
        text = ("From: dana@acme.example\r\nSubject: Invitation\r\nMIME-Version: 1.0\r\n"
                f'Content-Type: multipart/mixed; boundary="b{"" if what == "mime parts" else 0}"'
                f"\r\n\r\n{body}")
        return what, text.encode()
    return what, "\r\n".join([*lines, ""]).encode()
