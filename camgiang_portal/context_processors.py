"""Template context shared by every page (the commune's names: communes.context_processors)."""

from django.conf import settings


def portal(request) -> dict:
    return {"SITE_URL": settings.SITE_URL}
