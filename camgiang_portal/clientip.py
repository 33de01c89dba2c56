"""The citizen's address, for rate limits and login throttling, also behind a reverse proxy.

X-Forwarded-For is whatever a client says, so it is believed only when the request really comes from
a proxy listed in TRUSTED_PROXIES; then the right-most address that is not a trusted proxy is the client.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = set(getattr(settings, "TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address
    return remote
