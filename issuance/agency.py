"""The issuing agency of a commune's papers: the name its seal carries and the place its signatures give.

The home commune keeps what the deployment configured (SIGNING_AGENCY_NAME, SIGNING_LOCATION, and the seal
`create_signing_identity` drew for that name), so a one-commune deployment signs exactly as before; any other
commune's papers carry its own People's Committee ("Ủy ban nhân dân phường An Hải") and its own name. The city's
own papers (no commune) carry the city's People's Committee ("Ủy ban nhân dân thành phố Hải Phòng")."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from communes.models import Commune
from communes.sites import province_place, province_words


def is_home(commune: Commune) -> bool:
    return commune.code == settings.PLATFORM_HOME_COMMUNE


def agency_name(commune: Commune) -> str:
    """The People's Committee that issues the commune's papers, as its seal and signature name it."""
    if is_home(commune):
        return settings.SIGNING_AGENCY_NAME
    return _("Ủy ban nhân dân %(kind)s %(name)s") % {"kind": commune.kind_word, "name": commune.place_name}


def signing_location(commune: Commune) -> str:
    """Where the commune's papers are signed, as the PDF signature records it."""
    if is_home(commune):
        return getattr(settings, "SIGNING_LOCATION", "")
    return commune.place_name


def city_agency_name() -> str:
    """The city's People's Committee, which issues the city's own papers (PLATFORM_PROVINCE's)."""
    return _("Ủy ban nhân dân %(province)s") % {"province": province_words()}


def city_signing_location() -> str:
    """Where the city's papers are signed: the city's name ("Hải Phòng")."""
    return province_place()


def issuer_name(commune: Commune | None) -> str:
    """The agency of a register: the commune's People's Committee, or the city's for no commune."""
    return city_agency_name() if commune is None else agency_name(commune)


def issuer_location(commune: Commune | None) -> str:
    return city_signing_location() if commune is None else signing_location(commune)


def issuer_key(commune: Commune | None) -> str:
    """Whose own signing identity signs the register's papers (camgiang_portal.signing.identity): the commune's
    official code, "city" for the city's; "" for the home commune, which keeps the configured identity."""
    if commune is None:
        return "city"
    return "" if is_home(commune) else commune.code
