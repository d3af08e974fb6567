"""Holiday dates cached in a file: written once, read back without importing `holidays`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from followup.config import holidays as holiday_cache
from followup.core import days
from followup.core.days import UnknownCountryError


@pytest.fixture(autouse=True)
def _cache_installed() -> Iterator[None]:
    holiday_cache.install()
    yield
    days.set_holiday_source(None)


def cache_file(home: Path) -> Path:
    return home / "cache" / f"holidays-{holiday_cache.holidays_version()}.json"


def test_the_version_is_the_installed_one() -> None:
    from importlib.metadata import version

    assert holiday_cache.holidays_version() == version("holidays")


def test_first_use_writes_the_years_it_needed(_isolated_home: Path) -> None:
    assert not days.is_business_day(date(2026, 7, 3), "us")  # Independence Day, observed
    stored = json.loads(cache_file(_isolated_home).read_text())
    assert "2026-07-03" in stored["US:2026"]
    assert stored["US:2026"] == sorted(d.isoformat() for d in days.package_holidays("US", 2026))


def test_a_warm_start_does_not_import_holidays(_isolated_home: Path) -> None:
    code = ("import sys; from datetime import date; from followup.core import days\n"
            "from followup.config import holidays as holiday_cache\n"
            "holiday_cache.install()\n"
            "print(days.roll_forward(date(2026, 11, 26), 'US'), 'holidays' in sys.modules)")
    env = {**os.environ, "FOLLOWUP_HOME": str(_isolated_home)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert run() == "2026-11-27 True"  # cold: built with the package, then stored
    assert cache_file(_isolated_home).exists()
    assert run() == "2026-11-27 False"  # warm: from the file alone


def test_another_versions_file_is_ignored_and_removed(_isolated_home: Path) -> None:
    old = _isolated_home / "cache" / "holidays-0.0.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"US:2026": ["2026-03-16"]}))  # wrong dates: must not be used
    assert days.is_business_day(date(2026, 3, 16), "US")
    assert not days.is_business_day(date(2026, 12, 25), "US")
    assert not old.exists()
    assert "2026-03-16" not in json.loads(cache_file(_isolated_home).read_text())["US:2026"]


def test_a_damaged_file_is_rebuilt(_isolated_home: Path) -> None:
    path = cache_file(_isolated_home)
    path.parent.mkdir(parents=True)
    path.write_text('{"US:2026": ["not a date"]')  # truncated JSON
    assert not days.is_business_day(date(2026, 12, 25), "US")
    assert "2026-12-25" in json.loads(path.read_text())["US:2026"]


def test_an_unknown_country_is_still_an_error_and_not_stored(_isolated_home: Path) -> None:
    with pytest.raises(UnknownCountryError, match="candidate.country"):
        days.check_country("XX")
    assert not cache_file(_isolated_home).exists()


def test_an_unwritable_cache_only_costs_time(_isolated_home: Path) -> None:
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "cache").write_text("a file where the folder should be")
    assert not days.is_business_day(date(2026, 12, 25), "US")
