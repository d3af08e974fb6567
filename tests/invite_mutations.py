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
