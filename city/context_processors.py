"""`CITY_HOME`: the city's dashboard address for a city official on a many-commune platform, else ""."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from communes.current import many_communes
from communes.middleware import PLATFORM_URLCONF

from .permissions import city_member


def city(request) -> dict:
    def home() -> str:
        if not many_communes() or city_member(request.user) is None:
            return ""
        return reverse("city:home", urlconf=PLATFORM_URLCONF)

    return {"CITY_HOME": SimpleLazyObject(home)}
