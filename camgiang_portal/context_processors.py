"""Template context shared by every page."""

from django.conf import settings


def portal(request) -> dict:
    return {"SITE_URL": settings.SITE_URL, "COMMUNE_NAME": "Cẩm Giang"}
