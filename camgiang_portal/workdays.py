"""Working days in Viet Nam: Monday–Friday minus the public holidays of the maintained `holidays` package.

Shared infrastructure: imports no app. Legal clocks (Luật Tiếp công dân art. 28, Luật 10/2022 art. 12(3))
count working days, so a deadline that falls over Tết moves by the whole holiday.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date n working days after `start` (the start day itself is not counted); n=0 gives start."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    remaining = n
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Working days after `a` up to and including `b` (0 when b <= a): add_working_days(a, n) == b ⇒ n."""
    if b <= a:
        return 0
    count = 0
    day = a
    while day < b:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
