"""What reading one invite may cost: the limits, and the scan that enforces them before any
library sees the text (issue 20: a 634-byte invite whose time zone changes every second
grew `import-invite` past 2 GB).

Every limit refuses the whole invite in one line, never cuts it short:
- size: the file (`MAX_FILE_BYTES`), the calendar text (`MAX_CALENDAR_BYTES`), one content
  line once unfolded (`MAX_LINE_CHARS`), the number of lines (`MAX_LINES`) and of MIME
  boundaries and multiparts in an `.eml` (`MAX_MIME_BOUNDARIES`, `MAX_MULTIPARTS`);
- depth: components nested at most `MAX_DEPTH` deep, at most `MAX_COMPONENTS` in all;
- recurrence: a VTIMEZONE rule is expanded only over the years an interview can have
  (`calendar.vtimezone`), at most `MAX_ONSETS` onsets per observance;
- time: `Budget`, checked between steps and inside every loop of ours; over
  `MAX_SECONDS`, the invite is refused.

The scan also lifts the VTIMEZONE blocks out of the text: `icalendar` never builds a zone
from the file (its zone cache is process-wide, so in the web app one upload's
"Customized Time Zone" would otherwise be read with the zone of an earlier one), and
`calendar.vtimezone` reads them within the budget.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from followup.core.errors import FollowupError

MAX_FILE_BYTES = 25_000_000  # an .eml with its attachments (the common mail-server cap)
MAX_CALENDAR_BYTES = 5_000_000  # the iCalendar text itself
MAX_LINE_CHARS = 500_000  # one content line, unfolded (Outlook's HTML X-ALT-DESC: ~100 KB)
MAX_LINES = 30_000  # content lines (20,000 attendees is 20,000 lines)
MAX_DEPTH = 8  # VCALENDAR > VEVENT > VALARM is 3; VCALENDAR > VTIMEZONE > STANDARD is 3
MAX_COMPONENTS = 2_000  # a full-history VTIMEZONE has a few hundred observances at most
MAX_MIME_BOUNDARIES = 1_000  # lines starting "--" in an .eml: its parts, at most
MAX_MULTIPARTS = 50  # multipart/ parts in an .eml: how deep its parts may nest, at most
MAX_ONSETS = 1_000  # RDATEs or COUNT of one time-zone observance
MAX_SECONDS = 30.0  # a backstop: real invites take milliseconds, 20,000 attendees ~1 s


class InviteError(FollowupError):
    """An invite file that cannot become an interview; the message names the file."""


@dataclass
class Budget:
    """The time one reading may take, checked by the reader at each step (`check`)."""

    source: str
    seconds: float = MAX_SECONDS
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def check(self, step: str) -> None:
        if self.clock() - self.started > self.seconds:
            raise InviteError(f"{self.source}: reading the invite took over {self.seconds:g} s "
                              f"({step}); no calendar app writes such a file")


@dataclass(frozen=True, slots=True)
class Line:
    """One content line of a VTIMEZONE observance: NAME, its parameters' text, the value."""

    name: str
    params: str
    value: str


@dataclass(frozen=True, slots=True)
class Observance:
    kind: str  # STANDARD or DAYLIGHT
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class ZoneBlock:
    tzid: str
    observances: tuple[Observance, ...]


@dataclass(frozen=True, slots=True)
class Scanned:
    text: str  # the calendar without its VTIMEZONE blocks, for icalendar
    zones: dict[str, ZoneBlock]  # TZID -> its definition in the file (the first one wins)


_NEWLINE = re.compile(r"\r?\n")  # how icalendar splits content lines
_NAME = re.compile(r"[A-Za-z0-9-]+")


def _split(line: str) -> Line:
    """NAME;PARAMS:VALUE, the colon being the first one outside a quoted parameter."""
    m = _NAME.match(line)
    name = m.group(0).upper() if m else ""
    rest = line[len(name):]
    quoted = False
    for i, ch in enumerate(rest):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return Line(name, rest[:i].lstrip(";"), rest[i + 1:])
    return Line(name, rest.lstrip(";"), "")


def scan(text: str, budget: Budget) -> Scanned:
    """Check the unfolded calendar against the size and depth limits; lift out VTIMEZONEs."""
    source = budget.source
    lines = _NEWLINE.split(text)
    if len(lines) > MAX_LINES:
        raise InviteError(f"{source}: {len(lines):,} lines; an invite may have at most "
                          f"{MAX_LINES:,}")
    kept: list[str] = []
    stack: list[str] = []
    components = 0
    zones: dict[str, ZoneBlock] = {}
    zone_lines: list[Line] = []  # the VTIMEZONE being read, its own lines
    observances: list[Observance] = []
    observance: list[Line] | None = None
    for n, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise InviteError(f"{source}: line {n:,} is {len(line):,} characters long; at "
                              f"most {MAX_LINE_CHARS:,}")
        if n % 10_000 == 0:
            budget.check("reading its lines")
        head = line[:6].upper()
        in_zone = "VTIMEZONE" in stack
        if head == "BEGIN:":
            name = line[6:].strip().upper()
            stack.append(name)
            components += 1
            if len(stack) > MAX_DEPTH:
                raise InviteError(f"{source}: line {n:,}: components nested {len(stack)} "
                                  f"deep; at most {MAX_DEPTH}")
            if components > MAX_COMPONENTS:
                raise InviteError(f"{source}: more than {MAX_COMPONENTS:,} components "
                                  "(BEGIN: lines); not one invitation")
            if name == "VTIMEZONE" and not in_zone:
                zone_lines, observances, observance = [], [], None
            elif in_zone and name in ("STANDARD", "DAYLIGHT") and stack[-2] == "VTIMEZONE":
                observance = []
            if name == "VTIMEZONE" or in_zone:
                continue
        elif line[:4].upper() == "END:" and stack:
            name = line[4:].strip().upper()
            if name == stack[-1]:
                stack.pop()
            if in_zone:
                if name in ("STANDARD", "DAYLIGHT") and observance is not None:
                    observances.append(Observance(name, tuple(observance)))
                    observance = None
                elif name == "VTIMEZONE" and "VTIMEZONE" not in stack:
                    tzid = next((z.value.strip() for z in zone_lines if z.name == "TZID"), "")
                    if tzid and tzid not in zones:
                        zones[tzid] = ZoneBlock(tzid, tuple(observances))
                continue
        elif in_zone:
            if line.strip():
                parsed = _split(line)
                if observance is not None and stack[-1] in ("STANDARD", "DAYLIGHT"):
                    observance.append(parsed)
                elif stack[-1] == "VTIMEZONE":
                    zone_lines.append(parsed)
            continue
        kept.append(line)
    return Scanned("\r\n".join(kept), zones)


_BOUNDARY = re.compile(rb"^--", re.MULTILINE)
_MULTIPART = re.compile(rb"^content-type:\s*multipart/", re.MULTILINE | re.IGNORECASE)


def check_mime(data: bytes, source: str) -> None:
    """An `.eml` with more MIME parts than any invitation has is refused before it is parsed
    (Python's email package builds every part: 200,000 of them took 3.5 GB)."""
    count = 0
    for _ in _BOUNDARY.finditer(data):
        count += 1
        if count > MAX_MIME_BOUNDARIES:
            raise InviteError(f"{source}: an email of more than {MAX_MIME_BOUNDARIES:,} MIME "
                              "parts; save the invitation itself (.ics) and import that")
    nested = 0
    for _ in _MULTIPART.finditer(data):  # each may hold the next: 500 deep took seconds
        nested += 1
        if nested > MAX_MULTIPARTS:
            raise InviteError(f"{source}: an email of more than {MAX_MULTIPARTS} multipart "
                              "parts; save the invitation itself (.ics) and import that")
