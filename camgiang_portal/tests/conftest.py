"""Fixtures shared by the portal-wide tests (the permission matrices)."""

import pytest


@pytest.fixture
def frozen_in_may():
    """Before the 6-month deadline, so forms are open and every state change is possible."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True):
        yield
