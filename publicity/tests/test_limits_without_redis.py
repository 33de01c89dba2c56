"""Issue 13 item 4: the citizens' limits hold when Redis is configured but down (counted in the database)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from conftest import services_available
from publicity import services
from publicity.models import Feedback, RateLimitHit

from .test_feedback_views import form_data

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every connection is refused


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "camgiang_portal.resilience.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "KEY_PREFIX": "camgiang",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_the_sixth_feedback_from_one_address_is_refused_with_redis_down(client, village1, redis_down, settings):
    settings.FEEDBACK_RATE_LIMIT = 5
    started = time.monotonic()
    for _ in range(5):
        assert client.post("/phan-anh/", form_data(village1)).status_code == 302
    refused = client.post("/phan-anh/", form_data(village1))
    assert refused.status_code == 429
    assert "Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn" in refused.content.decode()
    assert Feedback.objects.count() == 5
    assert client.post("/phan-anh/", form_data(village1), REMOTE_ADDR="10.0.0.9").status_code == 302  # another address
    assert time.monotonic() - started < 20  # a dead Redis costs a refused connection, not a hang


def test_lookups_are_limited_with_redis_down(client, make_feedback, redis_down, settings):
    settings.FEEDBACK_LOOKUP_RATE_LIMIT = 30
    feedback = make_feedback()
    for _ in range(30):
        assert client.get(feedback.get_absolute_url()).status_code == 200
    refused = client.get(feedback.get_absolute_url())
    assert refused.status_code == 429 and "tra cứu quá nhiều lần" in refused.content.decode()


def test_database_counts_keep_no_address_and_no_refused_attempt(db, redis_down):
    for _ in range(8):
        services.rate_limit_hit(scope="feedback", key="203.0.113.7", limit=5, window=3600)
    rows = list(RateLimitHit.objects.values_list("scope", "key"))
    assert len(rows) == 5  # the refused attempts left nothing behind
    assert all(key != "203.0.113.7" and "203.0.113" not in key for _scope, key in rows)


def test_database_counts_forget_attempts_older_than_the_window(db, redis_down):
    import datetime

    from django.utils import timezone

    digest = services.address_digest("203.0.113.7")
    old = timezone.now() - datetime.timedelta(hours=2)
    RateLimitHit.objects.bulk_create([RateLimitHit(scope="feedback", key=digest, at=old) for _ in range(5)])
    assert services.rate_limit_hit(scope="feedback", key="203.0.113.7", limit=5, window=3600) is False
    assert RateLimitHit.objects.filter(at__lt=timezone.now() - datetime.timedelta(hours=1)).count() == 0


@pytest.mark.skipif(not services_available(), reason="needs the Redis of the PostgreSQL + Redis pass")
def test_with_redis_up_the_count_is_kept_in_redis(db):
    results = [services.rate_limit_hit(scope="feedback", key="203.0.113.8", limit=2, window=60) for _ in range(3)]
    assert results == [False, False, True]
    assert not RateLimitHit.objects.exists()


def test_rating_attempts_are_limited_with_redis_down(client, forwarded, redis_down):
    url = reverse("publicity:feedback_resolved", args=[forwarded.code])
    for _ in range(20):  # someone trying keys
        client.post(url, {"key": "AAAA2222", "resolved": "yes"})
    refused = client.post(url, {"key": forwarded.access_key, "resolved": "yes"})
    assert refused.status_code == 429 and "Quá nhiều lần thử" in refused.content.decode()
