"""The platform's root page in a many-commune deployment: the communes it serves."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Commune


def platform_root(request: HttpRequest) -> HttpResponse:
    communes = Commune.objects.filter(on_platform=True).order_by("name")
    rows = [(commune, _link(commune)) for commune in communes]
    return render(request, "communes/root.html", {"rows": rows})


def _link(commune: Commune) -> str:
    # Its own host when it has one (the scheme the platform is served with), else the path on this host.
    if commune.host:
        scheme = settings.SITE_URL.split("://", 1)[0]
        return f"{scheme}://{commune.host}/"
    return f"/xa/{commune.slug}/"
