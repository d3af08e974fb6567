"""Public holidays kept in a small JSON file, so a warm start never imports `holidays`.

The planner needs one country's holidays for a year or two; building them with the
`holidays` package costs ~100 ms a process (import + one year), reading them back from
`holidays-<version>.json` in the cache dir well under 1 ms. The file is keyed by the
installed `holidays` version: an upgrade (new or corrected holidays) starts a new file and
removes the old one. The cache is a convenience: when it can't be read or written the dates
come from the package as before. The faces call `install()` at start; `followup.core.days` stays
free of I/O.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from followup.core import days

PREFIX = "holidays-"


def cache_dir() -> Path:
    """`$FOLLOWUP_HOME/cache` when set (tests set it), else the platform's user cache dir."""
    from followup.config.paths import home_dir

    return home_dir("cache")


@lru_cache(maxsize=1)
def holidays_version() -> str:
    """The installed `holidays` version, from its dist-info folder's name (no import).

    `importlib.metadata` would cost ~35 ms to import; the folder sits beside the package.
    """
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        for info in site.glob("holidays-*.dist-info"):
            return info.name[len(PREFIX):-len(".dist-info")]
    from importlib.metadata import version  # an unusual install: ask the slow way

    return version("holidays")


def cached_holidays(country: str, year: int) -> frozenset[date]:
    """A `days.HolidaySource`: the file's dates, else the package's (then stored)."""
    folder = cache_dir()
    path = folder / f"{PREFIX}{holidays_version()}.json"
    try:
        stored: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    key = f"{country}:{year}"
    if isinstance(stored, dict) and isinstance(stored.get(key), list):
        try:
            return frozenset(date.fromisoformat(d) for d in stored[key])
        except (TypeError, ValueError):
            pass  # a damaged entry: rebuild it
    found = days.package_holidays(country, year)  # raises UnknownCountryError: not stored
    stored = stored if isinstance(stored, dict) else {}
    stored[key] = sorted(d.isoformat() for d in found)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(stored, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new
        for old in folder.glob(f"{PREFIX}*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # read-only or full disk: plan on without the cache
    return found


def install() -> None:
    """Make the planner take holiday dates from the cache (the CLI and web app call this)."""
    days.set_holiday_source(cached_holidays)
