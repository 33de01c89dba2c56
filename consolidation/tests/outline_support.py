"""Fixtures of the outline tests (imported by them, so no conftest is shared with other consolidation tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED_TEXT = (Path(__file__).resolve().parents[2] / "plans" / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md").read_text(
    encoding="utf-8"
)


@pytest.fixture
def seed_period(demo):
    """The demo plan (the seed text, imported as the demo does) with its standard figures: its 6-month period."""
    from reports import services as reports_services

    plan = demo.demo_plan()
    reports_services.indicators_seed(plan=plan)
    return plan.periods.get(code="6thang")


@pytest.fixture
def coordinator(user_named):
    return user_named("vanhoaxahoi")
