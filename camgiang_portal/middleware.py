"""Failing cleanly when the database is away (restart, failover): a Vietnamese 503 page, not a crash."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render

from .views import database_unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.warning("database unavailable for %s: %s", request.path, exception)
            return database_unavailable()
        return None


class MethodNotAllowedPageMiddleware:
    """A GET on a POST-only address (require_POST, View.http_method_not_allowed) answers an empty 405, which
    browsers show as their bare "HTTP ERROR 405": give it the portal's own Vietnamese page instead.

    Placed after CSPMiddleware so that the rendered page still gets its Content-Security-Policy header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
