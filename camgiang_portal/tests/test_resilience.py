"""Redis down: the cache degrades to misses and queued work is done in-process, never a 500."""

import pytest
from celery import shared_task

from camgiang_portal.resilience import ResilientRedisCache, enqueue

DEAD_REDIS = "redis://127.0.0.1:1/0"
CALLS = []


@shared_task(name="tests.record_call")
def record_call(value):
    CALLS.append(value)
    return value


def test_cache_on_a_dead_redis_is_a_miss_not_an_error():
    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}})
    assert cache.get("x", "default") == "default"
    cache.set("x", 1)
    assert cache.get_many(["x"]) == {}
    assert cache.add("x", 1) is False
    with pytest.raises(ValueError):
        cache.incr("x")


def test_enqueue_runs_the_task_in_process_when_the_broker_is_down(settings):
    from camgiang_portal.celery import app

    previous = (app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options)
    app.conf.broker_url = DEAD_REDIS
    app.conf.task_always_eager = False
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.2, "max_retries": 0}
    try:
        result = enqueue(record_call, 42)
    finally:
        app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options = previous
    assert result.get() == 42
    assert CALLS[-1] == 42


@pytest.mark.django_db
def test_healthz_reports_a_dead_broker_but_pages_still_serve(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    assert client.get("/healthz").status_code == 503
    assert client.get("/accounts/login/").status_code == 200
