"""Development signing identities per issuer: each commune on the platform (but the home one, which keeps the
configured identity) and the city sign their papers with certificates naming their own People's Committee
(camgiang_portal.signing.identity). `manage.py create_signing_identity --commune/--city/--platform` and the demo
make them; a deployment with real certificates puts each issuer's PKCS#12 files there itself."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from camgiang_portal import signing
from camgiang_portal.people import full_name
from camgiang_portal.signing import identity as signing_identity
from communes.current import many_communes
from communes.models import Commune
from plans.models import Membership, Role

from . import agency


def real_identity_configured() -> bool:
    """A real certificate (PKCS#12 file or token) is configured: development identities are not for it."""
    return bool(getattr(settings, "SIGNING_P12", "") or getattr(settings, "SIGNING_PKCS11_MODULE", ""))


def development_in_use() -> bool:
    """The deployment signs with the development identity: nothing real configured and the home one made."""
    return not real_identity_configured() and (signing_identity.signing_dir() / signing.DEV_SIGNER).is_file()


def leader_name(commune: Commune) -> str:
    """Who signs the commune's papers in its development certificate: its leadership's first named person
    ("Họ Tên"), else "Lãnh đạo" and the agency's name."""
    memberships = (
        Membership.all_communes.filter(body__commune=commune, role=Role.LEADERSHIP)
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        name = full_name(membership.user)
        if name:
            return name
    return _("Lãnh đạo %(agency)s") % {"agency": agency.agency_name(commune)}


def city_leader_default() -> str:
    return _("Lãnh đạo UBND thành phố")


def issuer_directory(commune: Commune | None) -> Path:
    return signing_identity.issuer_dir(agency.issuer_key(commune))


def ensure_development_identity(
    commune: Commune | None, *, signer_name: str = "", force: bool = False
) -> tuple[Path, bool]:
    """The development identity of `commune` (None: the city), made unless it exists (or with `force`).
    Returns its directory and whether it was made now. Not for the home commune: it keeps the configured one."""
    if commune is not None and agency.is_home(commune):
        raise ValueError("The home commune signs with the configured identity (SIGNING_DIR).")
    directory = issuer_directory(commune)
    if (directory / signing.DEV_SIGNER).is_file() and not force:
        return directory, False
    if not signer_name:
        signer_name = city_leader_default() if commune is None else leader_name(commune)
    signing.create_development_identity(directory, agency_name=agency.issuer_name(commune), signer_name=signer_name)
    return directory, True


def platform_issuers() -> list[Commune | None]:
    """Every issuer with its own identity on the platform: the communes on it but the home one, then the city
    (only on a platform of many communes: a one-commune deployment has no city level)."""
    communes = Commune.objects.filter(on_platform=True).exclude(code=settings.PLATFORM_HOME_COMMUNE).order_by("code")
    return [*communes, None] if many_communes() else list(communes)


def ensure_development_identities(issuers: list[Commune | None], *, city_signer_name: str = "") -> list[Path]:
    """The demo's step: each issuer's development identity when the deployment uses the development identity
    and lacks it; nothing otherwise. Returns the directories made now."""
    if not development_in_use():
        return []
    made = []
    for commune in issuers:
        if commune is not None and agency.is_home(commune):
            continue
        directory, created = ensure_development_identity(
            commune, signer_name=city_signer_name if commune is None else ""
        )
        if created:
            made.append(directory)
    return made
