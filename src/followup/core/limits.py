"""The limits every record meets, whichever door it comes in by (issue 12).

One list of limits, used by `caseio` (case files and bundles), by the store before any
write (CLI options and web forms reach it through `service`), and by `followup doctor` on
records already stored. Because the same checks guard the way in and the way out, what the
tool exports it can always import again.

Pure: no clock, no files. `case_problems` takes the latest date allowed as an argument; the
adapters pass "ten years after today" (`ahead_of`), `caseio` the fixed far bound `FAR_DAY`
(a case file read with no clock). Country codes are checked against the `holidays`
package's list (package data, imported lazily), time-zone names against zoneinfo.

The limits (README "Limits" repeats them):
- dates and times: from 1970-01-01 to 10 years after today (caseio alone: to 2199-12-31);
- ids: slugs of ASCII letters, digits, `-`, `_`, `.` (no `..`), 1 to 80 characters;
- one-line fields (names, company, role, title, subjects, addresses, phone, topics ...):
  no control character at all (CR, LF, tab ..., C1 controls U+0080 to U+009F), no bidi
  override or isolate (U+202A-U+202E, U+2066-U+2069) and no zero-width or invisible
  format character (U+200B, U+200E, U+200F, U+2060-U+2064, U+FEFF, U+00AD ...; the
  joiners U+200C/U+200D that Persian and Indic names need are kept), at most 500
  characters;
- free text (listing, notes, what they said, values): tab and line breaks allowed, no other
  control character (C0, DEL or C1), at most 100,000 characters; line ends are stored as LF
  (a bare CR or CR LF becomes LF: `line_ends`);
- numbers typed as text (settings, environment): ASCII digits only, at most 20 of them
  (`number_problem`); a port from 1 to 65535;
- every text valid Unicode that UTF-8 (and so any database) can store: no lone surrogate;
- lists: at most 2,000 people, 1,000 interviews, 10,000 touches per opportunity; 200
  interviewers, topics, next steps or values; 100,000 opportunities in one bundle (an
  invite may bring 20,000 attendees to read, but one with more than 200 people besides the
  candidate is no interview and is refused: service.read_invite);
- round: 1 to 999; `--days`: 0 to 3,660;
- JSON: at most 64 levels of nesting, integers of at most 20 digits, no duplicate keys,
  no NaN/Infinity; `version` is the integer 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from followup.core.errors import CaseFileError

MIN_DAY = date(1970, 1, 1)
FAR_DAY = date(2199, 12, 31)  # caseio's bound: a file is read with no clock
AHEAD_YEARS = 10
MAX_TEXT = 100_000  # characters in a free-text field; a listing is the longest
MAX_LINE = 500  # characters in a one-line field (a name, a subject, an address)
MAX_ID = 80
MAX_PEOPLE = 2_000
MAX_INTERVIEWS = 1_000
MAX_TOUCHES = 10_000
MAX_ITEMS = 200  # interviewers, topics, next steps, values
MAX_CASES = 100_000  # in one bundle (`export --all`)
MAX_ROUND = 999
MAX_DAYS = 3_660  # `today --days`: ten years
MAX_EDIT_BYTES = 50_000_000  # what `followup edit` reads back from the editor's file
MAX_DEPTH = 64  # JSON nesting
MAX_DIGITS = 20  # a JSON integer

_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# Free text keeps tab and line breaks; PostgreSQL refuses NUL, and none of the others
# belongs in a name or a note.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# One-line fields: no control character at all, nor a Unicode line break (a header
# injection such as "Dana\r\nBcc: ..." starts with one), nor a character that changes how
# the others look without being seen: bidi overrides and isolates ("Dana\u202egpj.exe"),
# zero-width and other invisible format characters (two names that look the same). The
# joiners U+200C and U+200D stay: Persian and Indic names and emoji sequences need them.
_CONTROL_LINE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064"
    r"\u2066-\u206f\ufeff\ufff9-\ufffb]")
# What `terminal_safe` takes out of text printed to a terminal: whole escape sequences
# (CSI "ESC [ ... m", OSC "ESC ] ... BEL", two-character "ESC x"), then any control
# character left (C0 but tab and newline, DEL, C1), then bidi overrides and isolates.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, erase
    # OSC (titles, clipboard, links), DCS, APC ... strings up to their end; unterminated (Rich
    # drops BEL), just the introducer goes and the rest is shown as text:
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?")  # two-character escapes (ESC c resets the terminal)
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_COUNTRY = re.compile(r"[A-Za-z]{2,3}")
_ZONE = re.compile(r"[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")


def show(value: Any) -> str:
    """A value quoted for a one-line message, cut at 60 characters."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = repr(type(value).__name__)
    text = text.translate(_LINE_BREAKS)
    return text if len(text) <= 60 else text[:57] + "..."


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def terminal_safe(text: str) -> str:
    """`text` with nothing a terminal would obey: escape sequences, control characters
    (but tab and newline) and bidi overrides taken out. Every line the CLI prints goes
    through it (cli.common.console and the plain-output filter), so a stored "\x1b]0;..."
    or NUL from a mail or a hand-edited row is shown as text, never run."""
    if text.isprintable() or not _TERMINAL_CONTROL.search(text):
        return text
    return _TERMINAL_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def line_ends(text: str) -> str:
    """Free text with its line ends made LF: CR LF (Windows) and bare CR (old Mac, or a
    CR meant to overwrite a line on a terminal) both become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_NUMBER_DIGITS = 20
MAX_PORT = 65_535


def number_problem(raw: str, low: int | None = None, high: int | None = None) -> str | None:
    """What is wrong with a whole number typed as text (a setting, an environment value).

    ASCII digits only: `str.isdigit` accepts "²" and Arabic-Indic digits, and `int()` of
    5,000 digits raises (Python's 4,300-digit guard) after a long wait.
    """
    text = raw.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return f"must be a whole number, not {show(raw)}"
    if len(digits.lstrip("0")) > MAX_NUMBER_DIGITS:
        return f"must be a whole number of at most {MAX_NUMBER_DIGITS} digits, not {show(raw)}"
    number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return f"must be from {low} to {high}, not {number}"
    return None


def ahead_of(today: date) -> date:
    """The latest date a record may carry when entered on `today`: ten years later."""
    if today.year + AHEAD_YEARS > date.max.year:  # `--today 9999-12-31`
        return date.max
    try:
        return today.replace(year=today.year + AHEAD_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + AHEAD_YEARS, day=28)


# -- single values: each returns a problem (a phrase) or None ---------------------------


# Outside text made into a one-line field drops every control (Cc), format (Cf: bidi
# overrides, zero-width) and surrogate character and turns line breaks into spaces.
_DROP_IN_LINE = {"Cf": "", "Cs": "", "Co": "", "Cn": "", "Cc": " ", "Zl": " ", "Zp": " "}


def clean_line(value: str, limit: int = MAX_LINE) -> str:
    """Outside text (a mail's header, a subject) made into a one-line field as a typed one
    must be: no control or format character, no line break, spaces collapsed, at most
    `limit` characters (the text is cleaned, not refused: one mail never stops a sync)."""
    value = value[:limit * 4]
    if not value.isprintable():
        value = "".join(_DROP_IN_LINE.get(unicodedata.category(ch), ch) for ch in value)
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def text_problem(value: str, *, line: bool = False) -> str | None:
    """What is wrong with a text value, or None: length, control characters, surrogates."""
    limit = MAX_LINE if line else MAX_TEXT
    if len(value) > limit:
        return f"too long ({len(value)} characters; at most {limit})"
    if value.isprintable():  # the common case, in C: no control, separator or surrogate
        return None
    if _SURROGATE.search(value):
        return "not valid Unicode (a lone surrogate)"
    if found := (_CONTROL_LINE if line else _CONTROL).search(value):
        return f"contains a control character (U+{ord(found.group()):04X})"
    return None


MAX_HOST = 253  # characters in a DNS name (RFC 1035), after IDNA encoding
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")


def host_problem(value: str) -> str | None:
    """What is wrong with a server's host name (SMTP, IMAP), or None: a DNS name (an
    internationalised one is checked as its IDNA form), or an IPv4 or IPv6 literal (bare or
    in brackets). No space, line break or control character ("mail\r\nRCPT TO:" is refused
    here, not by the server), at most 253 characters."""
    import ipaddress

    name = value.strip()
    if not name:
        return "not a host name (empty)"
    if len(name) > MAX_HOST * 4 or text_problem(name, line=True) or any(
            ch.isspace() for ch in name):
        return f"not a host name: {show(name)}"
    literal = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    try:
        ipaddress.ip_address(literal)
        return None
    except ValueError:
        pass
    try:
        ascii_name = name.rstrip(".").encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return f"not a host name: {show(name)}"
    if len(ascii_name) > MAX_HOST or not all(
            _HOST_LABEL.fullmatch(label) for label in ascii_name.split(".")):
        return f"not a host name: {show(name)}"
    return None


def id_problem(value: str) -> str | None:
    if len(value) > MAX_ID or not _ID.fullmatch(value) or ".." in value:
        return (f"not a valid id (letters, digits, '-', '_', '.'; at most {MAX_ID} "
                f"characters): {show(value)}")
    return None


def day_problem(value: date, latest: date = FAR_DAY) -> str | None:
    if not MIN_DAY <= value <= latest:
        return f"{value.isoformat()} is outside {MIN_DAY.isoformat()} to {latest.isoformat()}"
    return None


def moment_problem(value: datetime, latest: date = FAR_DAY) -> str | None:
    return day_problem(value.date(), latest)


def count_problem(n: int, limit: int, what: str) -> str | None:
    return f"too many {what} ({n}; at most {limit})" if n > limit else None


def round_problem(value: int) -> str | None:
    if isinstance(value, bool) or not 0 < value <= MAX_ROUND:
        return f"must be a whole number from 1 to {MAX_ROUND}, not {show(value)}"
    return None


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """The codes the `holidays` package has a calendar for (its own data, no I/O of ours)."""
    import holidays

    return frozenset(code.upper() for code in holidays.list_supported_countries())


def country_problem(value: str) -> str | None:
    code = value.strip().upper()
    if not code:
        return None
    if not _COUNTRY.fullmatch(code) or code not in known_countries():
        return (f"no holiday calendar for {show(value)} "
                "(use an ISO 3166 code such as US, GB, DE)")
    return None


def zone_problem(value: str) -> str | None:
    if not value.strip():
        return None
    if len(value) <= 64 and _ZONE.fullmatch(value) and _zone_exists(value):
        return None
    return f"{show(value)} is not a time zone name (IANA, e.g. America/New_York)"


@lru_cache(maxsize=256)
def _zone_exists(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def days_problem(value: int) -> str | None:
    if not 0 <= value <= MAX_DAYS:
        return f"must be from 0 to {MAX_DAYS}, not {value}"
    return None


# -- whole records ---------------------------------------------------------------------


def candidate_problems(candidate: Any, path: str = "candidate") -> Iterator[tuple[str, str]]:
    """(field path, problem) for each bad field of a `Candidate`."""
    for key in ("name", "email", "phone"):
        value = getattr(candidate, key)
        if value is not None and (p := text_problem(value, line=True)):
            yield f"{path}.{key}", p
    if candidate.country is not None:
        p = text_problem(candidate.country, line=True) or country_problem(candidate.country)
        if p:
            yield f"{path}.country", p
    if candidate.timezone is not None:
        p = text_problem(candidate.timezone, line=True) or zone_problem(candidate.timezone)
        if p:
            yield f"{path}.timezone", p
    if p := count_problem(len(candidate.values), MAX_ITEMS, "values"):
        yield f"{path}.values", p
    for n, value in enumerate(candidate.values):
        if p := text_problem(value):
            yield f"{path}.values[{n}]", p


def case_problems(case: Any, latest: date = FAR_DAY, *,
                  candidate: bool = True) -> Iterator[tuple[str, str]]:
    """(field path, problem) for each field of a `Case` outside the limits, in file order.

    Paths read like CONTRACT.md's (`touches[2].new_by`), so the same message serves a case
    file, a form and `followup doctor`.
    """
    if candidate:
        yield from candidate_problems(case.candidate)
    o = case.opportunity
    yield from _fields("opportunity", o, ids=("id",), lines=("company", "role", "field"),
                       free=("listing",))
    if o.applied_on is not None and (p := day_problem(o.applied_on, latest)):
        yield "opportunity.applied_on", p
    for what, items, limit in (("people", case.people, MAX_PEOPLE),
                               ("interviews", case.interviews, MAX_INTERVIEWS),
                               ("touches", case.touches, MAX_TOUCHES)):
        if p := count_problem(len(items), limit, what):
            yield what, p
    for n, person in enumerate(case.people):
        yield from _fields(f"people[{n}]", person, ids=("id",),
                           lines=("name", "title", "email", "phone"))
    for n, iv in enumerate(case.interviews):
        at = f"interviews[{n}]"
        yield from _fields(at, iv, ids=("id",), lines=("format", "invite_uid"))
        if p := moment_problem(iv.at, latest):
            yield f"{at}.at", p
        if iv.round is not None and (p := round_problem(iv.round)):
            yield f"{at}.round", p
        for key in ("interviewers", "topics", "next_steps"):
            values = getattr(iv, key)
            if p := count_problem(len(values), MAX_ITEMS, key.replace("_", " ")):
                yield f"{at}.{key}", p
            for k, value in enumerate(values):
                p = id_problem(value) if key == "interviewers" else text_problem(value, line=True)
                if p:
                    yield f"{at}.{key}[{k}]", p
        pr = iv.promised
        if pr is not None:
            if p := day_problem(pr.by, latest):
                yield f"{at}.promised.by", p
            if pr.who is not None and (p := id_problem(pr.who)):
                yield f"{at}.promised.who", p
            if pr.said is not None and (p := text_problem(pr.said)):
                yield f"{at}.promised.said", p
    for n, touch in enumerate(case.touches):
        yield from touch_problems(touch, f"touches[{n}]", latest)


def touch_problems(touch: Any, at: str = "touch",
                   latest: date = FAR_DAY) -> Iterator[tuple[str, str]]:
    if p := moment_problem(touch.at, latest):
        yield f"{at}.at", p
    if touch.new_by is not None and (p := day_problem(touch.new_by, latest)):
        yield f"{at}.new_by", p
    if touch.person is not None and (p := id_problem(touch.person)):
        yield f"{at}.person", p
    if touch.note is not None and (p := text_problem(touch.note)):
        yield f"{at}.note", p


def _fields(path: str, record: Any, *, ids: tuple[str, ...] = (), lines: tuple[str, ...] = (),
            free: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    for key in ids:
        if p := id_problem(getattr(record, key)):
            yield f"{path}.{key}", p
    for keys, line in ((lines, True), (free, False)):
        for key in keys:
            value = getattr(record, key)
            if value is not None and (p := text_problem(value, line=line)):
                yield f"{path}.{key}", p


def check_case(case: Any, latest: date = FAR_DAY, source: str | None = None, *,
               candidate: bool = True) -> None:
    """Raise `CaseFileError` for the first field of `case` outside the limits."""
    for path, problem in case_problems(case, latest, candidate=candidate):
        raise CaseFileError(path, problem, source)


def check_candidate(candidate: Any, path: str = "candidate") -> None:
    for where, problem in candidate_problems(candidate, path):
        raise CaseFileError(where, problem)


def check_touch(touch: Any, latest: date = FAR_DAY) -> None:
    for where, problem in touch_problems(touch, "touch", latest):
        raise CaseFileError(where, problem)


def runs_safely(case: Any) -> str | None:
    """The cheap test the read path makes on each stored case before planning it.

    Only what has taken a whole agenda down (dates out of range, ids that are not slugs);
    `followup doctor` runs the full `case_problems`.
    """
    o = case.opportunity
    if p := id_problem(o.id):
        return f"opportunity.id: {p}"
    for n, person in enumerate(case.people):
        if p := id_problem(person.id):
            return f"people[{n}].id: {p}"
    if o.applied_on is not None and not MIN_DAY <= o.applied_on <= FAR_DAY:
        return f"opportunity.applied_on: {day_problem(o.applied_on)}"
    for n, iv in enumerate(case.interviews):
        if p := id_problem(iv.id):
            return f"interviews[{n}].id: {p}"
        if not MIN_DAY <= iv.at.date() <= FAR_DAY:
            return f"interviews[{n}].at: {day_problem(iv.at.date())}"
        if iv.promised is not None and not MIN_DAY <= iv.promised.by <= FAR_DAY:
            return f"interviews[{n}].promised.by: {day_problem(iv.promised.by)}"
    for n, t in enumerate(case.touches):
        if not MIN_DAY <= t.at.date() <= FAR_DAY:
            return f"touches[{n}].at: {day_problem(t.at.date())}"
        if t.new_by is not None and not MIN_DAY <= t.new_by <= FAR_DAY:
            return f"touches[{n}].new_by: {day_problem(t.new_by)}"
    return None
