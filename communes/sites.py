"""How a commune is named and reached from outside its pages: mail links, the sender's name, the platform's title.

Mail is built by Celery tasks and the beat (under `use_commune`, with no request and no script prefix) as well
as by requests (with the commune's prefix already in every reverse()): these functions give the same answer in
both, so every message sent for a commune names it and links to its own address. In a one-commune deployment
they return what the portal always used (SITE_URL + path, DEFAULT_FROM_EMAIL).
"""

from __future__ import annotations

from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import gettext as _

from . import official
from .current import current_commune, many_communes
from .models import Commune


def commune_site_url(commune: Commune | None, url: str) -> str:
    """The absolute address of `url` (a reverse()'s) on the commune's site: its own host (SITE_URL's scheme),
    else /xa/<slug>/ on the platform; SITE_URL itself for a one-commune deployment or no commune (the root)."""
    # Whatever prefix reverse() added (none in a worker, the commune's in a request) is replaced by its own.
    path = "/" + url.removeprefix(get_script_prefix()).lstrip("/")
    if not many_communes() or commune is None:
        return settings.SITE_URL + path
    if commune.host:
        return f"{urlsplit(settings.SITE_URL).scheme}://{commune.host}{path}"
    return f"{settings.SITE_URL}/xa/{commune.slug}{path}"


def served_site_url(url: str) -> str:
    """`commune_site_url` for the commune being served (a request's, or the beat's under use_commune)."""
    # A one-commune deployment's links need no commune, and looking the home commune up would cost a query.
    return commune_site_url(current_commune() if many_communes() else None, url)


def committee_name(commune: Commune) -> str:
    """ "UBND xã Cẩm Giang": the commune's People's Committee as mail and page headers write it."""
    return _("UBND %(kind)s %(name)s") % {"kind": commune.kind_word, "name": commune.place_name}


def province_words() -> str:
    """ "thành phố Hải Phòng": the deployment's province as it follows a title in a sentence."""
    found = official.province(settings.PLATFORM_PROVINCE)
    name = found.name if found is not None else ""
    return name[:1].lower() + name[1:]


def province_place() -> str:
    """ "Hải Phòng": the province's name without its word ("thành phố", "tỉnh"), as titles put their own."""
    words = province_words()
    for kind in ("thành phố ", "tỉnh "):
        words = words.removeprefix(kind)
    return words.strip()


def platform_name() -> str:
    """ "Cổng thực hiện dân chủ ở cơ sở – thành phố Hải Phòng": what a many-commune deployment is called."""
    return _("Cổng thực hiện dân chủ ở cơ sở – %(province)s") % {"province": province_words()}


def commune_from_email(commune: Commune | None) -> str:
    """DEFAULT_FROM_EMAIL's address under the commune's People's Committee's name ("UBND phường An Hải
    <no-reply@…>"), for a message sent for `commune`; DEFAULT_FROM_EMAIL unchanged in a one-commune
    deployment or for no commune."""
    if not many_communes() or commune is None:
        return settings.DEFAULT_FROM_EMAIL
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not address:
        return settings.DEFAULT_FROM_EMAIL
    # Address quotes the name when it needs to; the non-ASCII letters are encoded by Django when sending.
    return str(Address(display_name=committee_name(commune), addr_spec=address))
