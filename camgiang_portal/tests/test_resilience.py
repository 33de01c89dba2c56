"""Redis down: the cache degrades to misses and queued work is done in-process, never a 500."""

import pytest

from camgiang_portal.resilience import ResilientRedisCache, enqueue

DEAD_REDIS = "redis://127.0.0.1:1/0"


def test_cache_on_a_dead_redis_is_a_miss_not_an_error():
    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}})
    assert cache.get("x", "default") == "default"
    cache.set("x", 1)
    assert cache.get_many(["x"]) == {}
    assert cache.add("x", 1) is False
    with pytest.raises(ValueError):
        cache.incr("x")


def test_enqueue_runs_the_task_in_process_when_the_broker_is_down():
    from celery import Celery

    # An app of its own: the portal's app may already hold a live connection pool from other tests.
    app = Celery("dead-broker", broker=DEAD_REDIS, backend="cache+memory://", set_as_current=False)
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.2, "max_retries": 0}
    app.conf.broker_connection_timeout = 0.5
    calls = []

    @app.task(name="tests.dead_broker_call")
    def dead_broker_call(value):
        calls.append(value)
        return value

    result = enqueue(dead_broker_call, 42)
    assert calls == [42]
    assert result.get(timeout=1) == 42


@pytest.mark.django_db
def test_healthz_reports_a_dead_broker_but_pages_still_serve(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    assert client.get("/healthz").status_code == 503
    assert client.get("/accounts/login/").status_code == 200


def test_a_database_outage_is_a_clean_503(rf):
    from django.db import OperationalError

    from camgiang_portal.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), OperationalError("server closed the connection unexpectedly"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống tạm gián đoạn" in response.content.decode()
    assert middleware.process_exception(rf.get("/"), ValueError("other")) is None


def test_a_database_outage_met_in_a_middleware_is_a_503_too(rf):
    from django.db import OperationalError

    from camgiang_portal.views import error_500

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = error_500(rf.get("/"))
    assert response.status_code == 503
    assert "Hệ thống tạm gián đoạn" in response.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        assert error_500(rf.get("/")).status_code == 500


@pytest.mark.django_db
def test_login_throttle_holds_with_redis_down(client, demo, settings):
    """Issue 13: the lockout is counted by django-axes' database handler, not in the cache that went away."""
    from django.urls import reverse

    from conftest import DEMO_PASSWORD

    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "camgiang_portal.resilience.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        failed = client.post(reverse("login"), {"username": "truongthon1", "password": "sai"})
        assert failed.status_code == (200 if attempt < settings.AXES_FAILURE_LIMIT - 1 else 429)
    locked = client.post(reverse("login"), {"username": "truongthon1", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # Another account from the same address is not locked: the pair (user name, address) is.
    assert client.post(reverse("login"), {"username": "mttq", "password": DEMO_PASSWORD}).status_code == 302
