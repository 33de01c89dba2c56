"""The citizens' rate limits: counted in the shared Redis, or in the database when Redis does not answer."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone

from camgiang_portal.resilience import CacheUnavailable, shared_counter_incr

from ..models import RateLimitHit

RATE_LIMIT_PREFIX = "publicity:rl"


def address_digest(address: str) -> str:
    """A keyed hash of the client's address: counts per address without keeping the address (Decree 13)."""
    return hmac.new(settings.SECRET_KEY.encode(), f"rate-limit:{address}".encode(), hashlib.sha256).hexdigest()[:40]


def _database_count(*, scope: str, digest: str, limit: int, window: int) -> int:
    """Count the attempt in RateLimitHit; a refused attempt leaves no row, so a flood does not grow the table."""
    now = timezone.now()
    since = now - datetime.timedelta(seconds=window)
    RateLimitHit.objects.filter(scope=scope, at__lt=since).delete()
    # Write first, then count (views run in autocommit): two concurrent attempts each see the other, so
    # together they may both be refused at the edge but never both pass it.
    hit = RateLimitHit.objects.create(scope=scope, key=digest, at=now)
    count = RateLimitHit.objects.filter(scope=scope, key=digest, at__gte=since).count()
    if count > limit:
        hit.delete()
    return count


def rate_limit_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for (scope, address); True when the limit for the window is exceeded.

    Counted in the shared Redis when it answers; in the database when it does not (down, or not
    configured): a limit never turns into "unlimited" because Redis is gone.
    """
    digest = address_digest(key)
    try:
        count = shared_counter_incr(f"{RATE_LIMIT_PREFIX}:{scope}:{digest}", window)
    except CacheUnavailable:
        count = _database_count(scope=scope, digest=digest, limit=limit, window=window)
    return count > limit
