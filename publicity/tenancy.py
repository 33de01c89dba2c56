"""Which commune a new disclosure, case or reception session belongs to.

The related row decides when there is one (a village's or a body's commune: a case sent about a village of An
Hải is An Hải's even if typed at another desk); otherwise the commune being served. Outside any commune (the
platform's root pages of a many-commune deployment) there is nobody to give the row to: that is a bug, raised.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import get_script_prefix
from django.utils.translation import gettext as _

from communes.current import current_commune, many_communes
from communes.models import Commune


def commune_for(body=None) -> Commune:
    if body is not None:
        return body.commune
    commune = current_commune()
    if commune is None:
        raise ImproperlyConfigured("No commune is being served: a publicity row cannot be created here.")
    return commune


def default_place(commune: Commune) -> str:
    """Where a commune's citizen reception sits unless said otherwise: its People's Committee's seat."""
    return _("Trụ sở UBND %(kind)s %(name)s") % {"kind": commune.kind_word, "name": commune.place_name}


def commune_site_url(commune: Commune, url: str) -> str:
    """The absolute address of `url` (a reverse()'s) on the commune's public site, for a message that may be
    sent outside its request: its own host, else /xa/<slug>/ on the platform; the site itself with one."""
    # Whatever prefix reverse() added (none in a worker, the commune's in a request) is replaced by its own.
    path = "/" + url.removeprefix(get_script_prefix())
    if not many_communes():
        return settings.SITE_URL + path
    if commune.host:
        return f"{urlsplit(settings.SITE_URL).scheme}://{commune.host}{path}"
    return f"{settings.SITE_URL}/xa/{commune.slug}{path}"
