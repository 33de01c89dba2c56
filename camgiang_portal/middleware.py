"""Failing cleanly when the database is away (restart, failover): a Vietnamese 503 page, not a crash."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError

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
