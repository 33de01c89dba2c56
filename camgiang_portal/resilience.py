"""Keeping pages up when Redis is down: a cache that degrades to misses, and task queuing that falls back.

A commune server's Redis may restart or die; a page that only wanted a cached figure or to queue an
e-mail must not answer 500 because of it.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

try:  # the redis package is always installed with Celery's redis extra
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover
    RedisError = OSError  # type: ignore[misc,assignment]


class CacheUnavailable(Exception):
    """No shared counter can be kept: Redis is down, or the cache is per-process memory."""


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, but an unreachable Redis is a cache miss and a skipped write, not an exception."""

    def _safe(self, name: str, default, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache %s skipped: Redis unavailable (%s)", name, exc)
            return default

    def get(self, key, default=None, version=None):
        return self._safe("get", default, key, default, version)

    def set(self, key, value, timeout=None, version=None):  # noqa: A003 - Django's API
        return self._safe("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._safe("add", False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._safe("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._safe("get_many", {}, keys, version)

    def set_many(self, data, timeout=None, version=None):
        return self._safe("set_many", [], data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._safe("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except (RedisError, OSError) as exc:
            # Callers of incr (rate limits) treat "no counter" as "not limited" rather than failing the page.
            logger.warning("cache incr skipped: Redis unavailable (%s)", exc)
            raise ValueError("cache unavailable") from exc

    def counter_incr(self, key, timeout: int) -> int:
        """Add one to a counter that expires `timeout` seconds after its first hit; the new count.

        Unlike incr, a Redis failure raises CacheUnavailable: a rate limit must then count elsewhere
        (publicity.services.rate_limit_hit falls back to the database) rather than let everyone through.
        """
        key = self.make_and_validate_key(key)
        try:
            client = self._cache.get_client(key, write=True)
            client.set(key, 0, ex=timeout, nx=True)  # the window starts with the first hit and always expires
            return int(client.incr(key))
        except (RedisError, OSError) as exc:
            logger.warning("counter %s kept in the database: Redis unavailable (%s)", key, exc)
            raise CacheUnavailable from exc

    def touch(self, key, timeout=None, version=None):
        return self._safe("touch", False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._safe("has_key", False, key, version)

    def clear(self):
        return self._safe("clear", None)


def shared_counter_incr(key: str, timeout: int) -> int:
    """Count one hit in the shared Redis; CacheUnavailable if there is none (down, or local memory only).

    A per-process memory cache is not shared between the server's workers, so it cannot hold a limit.
    """
    from django.core.cache import cache

    incr = getattr(cache, "counter_incr", None)
    if incr is None:
        raise CacheUnavailable("no shared cache configured")
    return incr(key, timeout)


def enqueue(task, *args, **kwargs):
    """Queue a Celery task; if the broker cannot be reached, run it here and now instead of failing the page.

    Tasks in this project are idempotent and keyed in the database, so running one in-process is safe;
    the work is done rather than lost.
    """
    try:
        return task.apply_async(args=args, kwargs=kwargs, retry=False)
    except Exception as exc:  # kombu raises OperationalError, redis ConnectionError, or OSError
        logger.warning("broker unavailable, running %s in-process: %s", task.name, exc)
        return task.apply(args=args, kwargs=kwargs)
