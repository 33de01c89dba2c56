"""Which commune a request is for, in a many-commune deployment: its host name, or the /xa/<slug>/ prefix.

A host that is a commune's (`Commune.host`) serves that commune at the root. Otherwise a path /xa/<slug>/…
serves the commune `slug`: the prefix is cut from `path_info` and becomes the script prefix, so the one URLconf
serves /xa/cam-giang/ke-hoach/ as /ke-hoach/ and every reverse() keeps /xa/cam-giang/. Any other request is
the platform's own (its root lists the communes; /healthz, /static/, /admin/ and the login stay where they are).
In a one-commune deployment the middleware does nothing: no query, everything at the root as before.
"""

from __future__ import annotations

import re

from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import get_script_prefix, set_script_prefix
from django.utils.translation import gettext as _

from .current import many_communes, use_commune
from .models import Commune

PREFIX = re.compile(r"^/xa/(?P<slug>[-a-zA-Z0-9_]+)(?P<rest>/.*|$)")
# Paths that never belong to a commune: no query for them (the health check must not depend on this one).
PLATFORM_ONLY = ("/healthz", "/static/")
# The URLconf of the platform's own requests: the portal's, with the list of communes at /.
PLATFORM_URLCONF = "camgiang_portal.platform_urls"


class CurrentCommuneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not many_communes() or request.path_info.startswith(PLATFORM_ONLY):
            return self.get_response(request)
        commune, rest = self._resolve(request)
        request.commune = commune
        if commune is None:
            request.urlconf = PLATFORM_URLCONF
            return self.get_response(request)
        previous_prefix = get_script_prefix()
        request.platform_prefix = previous_prefix  # where the platform's root is, for links out of the commune
        if rest is not None:
            request.path_info = rest
            set_script_prefix(f"{previous_prefix.rstrip('/')}/xa/{commune.slug}/")
        try:
            with use_commune(commune):
                return self.get_response(request)
        finally:
            set_script_prefix(previous_prefix)

    @staticmethod
    def _resolve(request) -> tuple[Commune | None, str | None]:
        """The request's commune and, when it came by the path, the path left after the prefix.

        One query on the two unique columns. Raises Http404 for an unknown slug or a commune not on the
        platform; a host that is no commune's is the platform's (ALLOWED_HOSTS already refused foreign ones)."""
        host, _port = split_domain_port(request.get_host())
        match = PREFIX.match(request.path_info)
        lookup = Q(host=host.lower()) if host else Q(pk__in=[])
        if match:
            lookup |= Q(slug=match["slug"])
        found = list(Commune.objects.filter(lookup)) if host or match else []
        by_host = next((c for c in found if host and c.host == host.lower()), None)
        if by_host is not None:
            if not by_host.on_platform:
                raise Http404(_("Xã, phường này chưa dùng cổng."))
            return by_host, None
        if not match:
            return None, None
        by_slug = next((c for c in found if c.slug == match["slug"]), None)
        if by_slug is None or not by_slug.on_platform:
            raise Http404(_("Không có xã, phường này trên cổng."))
        return by_slug, match["rest"] or "/"
