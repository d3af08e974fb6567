"""The zone an invite's TZID names, however the sending calendar spelled it.

Calendars write TZIDs four ways: IANA names (Google, Apple, Thunderbird), Windows names
(Outlook, Exchange, Teams: "W. Europe Standard Time"), Windows *display* names (Zoom's and
older Exchange's "(UTC-08:00) Pacific Time (US & Canada)"), and vendor paths ending in an
IANA name ("/mozilla.org/20050126_1/America/New_York", "/freeassociation.sourceforge.net/
Tzfile/Europe/London"), plus Teams' "tzone://Microsoft/Utc". A name none of these resolve
is refused by the reader rather than read as local time.
"""

from __future__ import annotations

import re
from datetime import tzinfo

# Windows display names (the text after the "(UTC+hh:mm) " prefix) -> IANA, for the zones
# interview invites come from most; the CLDR windowsZones table is the source of the pairs.
_DISPLAY = {
    "coordinated universal time": "UTC",
    "pacific time (us & canada)": "America/Los_Angeles",
    "pacific time (us and canada)": "America/Los_Angeles",
    "mountain time (us & canada)": "America/Denver",
    "mountain time (us and canada)": "America/Denver",
    "arizona": "America/Phoenix",
    "central time (us & canada)": "America/Chicago",
    "central time (us and canada)": "America/Chicago",
    "eastern time (us & canada)": "America/New_York",
    "eastern time (us and canada)": "America/New_York",
    "atlantic time (canada)": "America/Halifax",
    "brasilia": "America/Sao_Paulo",
    "dublin, edinburgh, lisbon, london": "Europe/London",
    "amsterdam, berlin, bern, rome, stockholm, vienna": "Europe/Berlin",
    "brussels, copenhagen, madrid, paris": "Europe/Paris",
    "belgrade, bratislava, budapest, ljubljana, prague": "Europe/Budapest",
    "sarajevo, skopje, warsaw, zagreb": "Europe/Warsaw",
    "athens, bucharest": "Europe/Bucharest",
    "helsinki, kyiv, riga, sofia, tallinn, vilnius": "Europe/Kiev",
    "jerusalem": "Asia/Jerusalem",
    "moscow, st. petersburg": "Europe/Moscow",
    "abu dhabi, muscat": "Asia/Dubai",
    "chennai, kolkata, mumbai, new delhi": "Asia/Kolkata",
    "beijing, chongqing, hong kong, urumqi": "Asia/Shanghai",
    "kuala lumpur, singapore": "Asia/Singapore",
    "osaka, sapporo, tokyo": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "canberra, melbourne, sydney": "Australia/Sydney",
    "brisbane": "Australia/Brisbane",
    "auckland, wellington": "Pacific/Auckland",
}
_OFFSET_PREFIX = re.compile(r"^\(\s*(?:utc|gmt)\s*(?:[+-]\s*\d{1,2}[:.]?\d{2})?\s*\)\s*", re.I)
_UTC_NAMES = frozenset({"utc", "gmt", "z", "zulu", "tzone://microsoft/utc", "etc/utc",
                        "etc/gmt", "universal", "greenwich standard time"})


def _iana(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name or len(name) > 100 or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def resolve_tzid(tzid: str) -> tuple[tzinfo, str] | None:
    """(zone, IANA name) for a TZID, or None when it names no zone we know."""
    from datetime import UTC

    name = " ".join(tzid.strip().strip('"').split())
    if name.casefold() in _UTC_NAMES:
        return UTC, "UTC"
    zone = _iana(name)
    if zone is not None:
        return zone, name
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    windows = WINDOWS_TO_OLSON.get(name)
    if windows and (zone := _iana(windows)) is not None:
        return zone, windows
    display = _OFFSET_PREFIX.sub("", name).casefold()
    if display in _DISPLAY and (zone := _iana(_DISPLAY[display])) is not None:
        return zone, _DISPLAY[display]
    if display in _UTC_NAMES:
        return UTC, "UTC"
    parts = [p for p in name.split("/") if p]
    for k in (3, 2):  # a vendor path ending in Area/City (or Area/Region/City)
        if len(parts) > k:
            tail = "/".join(parts[-k:])
            if (zone := _iana(tail)) is not None:
                return zone, tail
    return None
