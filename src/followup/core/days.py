"""Business days: weekends plus the public holidays of the candidate's country.

RULEBOOK.md section 1, "Days": every outgoing action's date rolls forward off weekends and
public holidays (the `holidays` package; none when no country is set). "Business day after D"
is the first business day strictly after D.

`holidays` costs ~50 ms to import and as much again to build one country's year, so it is
imported inside `package_holidays` and each (country, year) is asked for once per process:
planning a case with no country never imports it. Where the dates come from is pluggable
(`set_holiday_source`): this module does no I/O, and the faces install
`followup.config.holidays`, which keeps each year's dates in a file so a warm start never
imports `holidays` at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from followup.core.errors import FollowupError

SATURDAY = 5


class UnknownCountryError(FollowupError):
    """`candidate.country` names no holiday calendar the `holidays` package knows."""


def normalize_country(country: str | None) -> str | None:
    """The upper-case code the holiday source takes, or None for no holidays (idempotent:
    the planner normalizes a case's country once, then rolls many days with it)."""
    if country is None:
        return None
    code = country.strip().upper()
    return code or None


_normalize = normalize_country


HolidaySource = Callable[[str, int], frozenset[date]]
"""(upper-case country code, year) -> that year's public holidays; raises
`UnknownCountryError` for a country it has no calendar for."""


def package_holidays(country: str, year: int) -> frozenset[date]:
    """The public holidays of one country in one year (observed days included)."""
    import holidays  # lazy: see the module docstring

    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise UnknownCountryError(
            f"candidate.country: no holiday calendar for {country!r} "
            "(use an ISO 3166 code such as US, GB, DE)"
        ) from None
    return frozenset(calendar.keys())


_source: HolidaySource = package_holidays


def holiday_source() -> HolidaySource:
    """The source in use (handed to worker processes, see `service.plan_all`)."""
    return _source


def set_holiday_source(source: HolidaySource | None) -> None:
    """Where holiday dates come from (None: straight from the `holidays` package)."""
    global _source
    _source = source or package_holidays
    _holidays_in.cache_clear()


@lru_cache(maxsize=256)
def _holidays_in(country: str, year: int) -> frozenset[date]:
    return _source(country, year)


def check_country(country: str | None) -> None:
    """Raise `UnknownCountryError` now rather than in the middle of a plan."""
    code = _normalize(country)
    if code is not None:
        _holidays_in(code, 2000)


def is_business_day(d: date, country: str | None = None) -> bool:
    if d.weekday() >= SATURDAY:
        return False
    code = _normalize(country)
    return code is None or d not in _holidays_in(code, d.year)


def _roll(d: date, code: str | None) -> date:
    """`roll_forward` with the country already normalized."""
    one = _ONE_DAY
    while True:
        if d.weekday() < SATURDAY and (code is None or d not in _holidays_in(code, d.year)):
            return d
        d += one


_ONE_DAY = timedelta(days=1)


def roll_forward(d: date, country: str | None = None) -> date:
    """`d` itself when it is a business day, else the next business day."""
    return _roll(d, _normalize(country))


def business_day_after(d: date, n: int = 1, country: str | None = None) -> date:
    """The n-th business day strictly after `d` (n=1: the first business day after it)."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    code = _normalize(country)
    for _ in range(n):
        d = _roll(d + _ONE_DAY, code)
    return d


@lru_cache(maxsize=64)
def named_holidays(country: str, year: int) -> tuple[tuple[date, str], ...]:
    """One country's public holidays in one year with their names, in date order ("Thanksgiving
    Day", "Easter Monday"), for phrases that name a holiday ("the week after Thanksgiving").
    Straight from the `holidays` package (imported only when such a phrase is read): the
    pluggable source above keeps dates, not names."""
    import warnings

    import holidays

    code = _normalize(country)
    if code is None:
        return ()
    try:
        # Every category the calendar knows (Canada's Thanksgiving is "optional"): naming the
        # day a holiday falls on is not saying it is a day off; business days stay public.
        # Years outside the package's range give what it has, without its warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            public = holidays.country_holidays(code, years=year)
            calendar = holidays.country_holidays(code, years=year,
                                                 categories=public.supported_categories)
    except NotImplementedError:
        raise UnknownCountryError(
            f"candidate.country: no holiday calendar for {country!r} "
            "(use an ISO 3166 code such as US, GB, DE)"
        ) from None
    return tuple(sorted(calendar.items()))


def holidays_in(country: str | None, year: int) -> frozenset[date]:
    """The public holidays of `country` in `year` from the installed source (none without a
    country)."""
    code = _normalize(country)
    return frozenset() if code is None else _holidays_in(code, year)
