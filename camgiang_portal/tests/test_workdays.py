"""Working days: weekends and Vietnamese public holidays (from the holidays package) are skipped."""

import datetime

import pytest

from camgiang_portal.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_weekend_is_skipped():
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday → Monday


def test_tet_2026_is_skipped():
    # 16–20/02/2026 are the Tết holidays: ten working days from 13/02 end on 06/03.
    assert not is_working_day(D(2026, 2, 17))
    assert add_working_days(D(2026, 2, 13), 10) == D(2026, 3, 6)


def test_national_day_and_reunification_day():
    assert not is_working_day(D(2026, 9, 2))
    assert not is_working_day(D(2026, 4, 30))
    assert add_working_days(D(2026, 4, 29), 1) == D(2026, 5, 4)  # 30/4, 1/5 holidays, then the weekend


def test_zero_and_between_are_inverse():
    start = D(2026, 1, 30)
    assert add_working_days(start, 0) == start
    for n in (1, 5, 10, 15, 40):
        assert working_days_between(start, add_working_days(start, n)) == n
    assert working_days_between(D(2026, 3, 1), D(2026, 2, 1)) == 0


def test_negative_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
