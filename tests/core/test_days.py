from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from followup.core.days import (
    UnknownCountryError,
    business_day_after,
    is_business_day,
    roll_forward,
)


def test_weekends_only_without_a_country() -> None:
    assert roll_forward(date(2026, 7, 3)) == date(2026, 7, 3)  # a Friday: no holidays
    assert roll_forward(date(2026, 7, 4)) == date(2026, 7, 6)  # Saturday -> Monday
    assert business_day_after(date(2026, 3, 20)) == date(2026, 3, 23)  # Fri -> Mon


def test_us_holidays_observed_days_included() -> None:
    assert not is_business_day(date(2026, 7, 3), "US")  # Independence Day (observed)
    assert roll_forward(date(2026, 7, 3), "US") == date(2026, 7, 6)
    assert roll_forward(date(2026, 11, 26), "us") == date(2026, 11, 27)  # Thanksgiving
    assert is_business_day(date(2026, 12, 24), "US")


def test_business_day_after_is_strictly_after_and_counts() -> None:
    wed = date(2026, 12, 23)
    assert business_day_after(wed, 1, "US") == date(2026, 12, 24)
    assert business_day_after(wed, 2, "US") == date(2026, 12, 28)  # Christmas and weekend
    assert business_day_after(date(2026, 3, 16), 1) == date(2026, 3, 17)  # a Monday
    with pytest.raises(ValueError):
        business_day_after(wed, 0)


def test_year_boundary() -> None:
    assert business_day_after(date(2026, 12, 31), 1, "US") == date(2027, 1, 4)  # 1 Jan + weekend


def test_unknown_country_is_a_user_error() -> None:
    with pytest.raises(UnknownCountryError, match="candidate.country"):
        roll_forward(date(2026, 3, 14), "XX")  # a Saturday: the calendar is needed


def test_planner_import_does_not_import_holidays() -> None:
    code = "import sys, followup.core.planner; print('holidays' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
