"""Where a city official lands: the login sends everybody to /start/, which is a commune's page; a city
official has no commune, so /start/ (at the platform's root or under a commune's address) takes them to the
city's dashboard. Runs before plans.middleware.CommuneMemberMiddleware, which would answer 404 at the root."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import get_script_prefix

from communes.current import many_communes
from plans.middleware import START_PATH

from .permissions import city_member

CITY_HOME = "thanh-pho/"


class CityStartMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if many_communes() and request.path_info == START_PATH and hasattr(request, "commune"):
            if city_member(request.user) is not None:
                root = getattr(request, "platform_prefix", None) or get_script_prefix()
                return HttpResponseRedirect(f"{root.rstrip('/')}/{CITY_HOME}")
        return self.get_response(request)
