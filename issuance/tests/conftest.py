"""Issuance tests sign with the session's development identity and store files in a temporary MEDIA_ROOT."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan(demo):
    from plans.models import Body
    from plans.tests.factories import small_plan

    return small_plan(list(Body.objects.filter(kind=Body.Kind.VILLAGE)[:2]))


@pytest.fixture
def leader(user_named):
    """Leadership, who may issue: the issuing services authorise whoever acts."""
    return user_named("lanhdao")
