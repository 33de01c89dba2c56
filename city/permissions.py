"""The one door of the city level: who is a city official, and what each city role may do.

City pages are the platform's (no commune is being served); under a commune's address they do not exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from communes.current import current_commune, many_communes

from .models import CityMember, CityPeriod, CityRole


def city_member(user) -> CityMember | None:
    """The user's city membership, or None (anonymous, a commune's official, the operator without one, None,
    the system actor)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.city_membership
    except CityMember.DoesNotExist:
        return None


def city_level_or_404() -> None:
    """The city level exists only on a platform of many communes, at its root."""
    if not many_communes() or current_commune() is not None:
        raise Http404(_("Trang của thành phố chỉ có trên cổng chung của các xã, phường."))


def require_city_member(user) -> CityMember:
    """Any city official may read the city's pages; anybody else gets the 403 page."""
    city_level_or_404()
    member = city_member(user)
    if member is None:
        raise PermissionDenied(_("Trang này dành cho cán bộ của thành phố."))
    return member


def can_act(member: CityMember) -> bool:
    """Reminding communes and keeping the city's periods: the Sở Nội vụ's work."""
    return member.role == CityRole.OFFICER


def require_officer(user) -> CityMember:
    member = require_city_member(user)
    if not can_act(member):
        raise PermissionDenied(_("Chỉ cán bộ Sở Nội vụ được thực hiện việc này."))
    return member


def is_leader(member: CityMember | None) -> bool:
    """Issuing (numbering and signing) the city's own Báo cáo: a leader of the city's People's Committee."""
    return member is not None and member.role == CityRole.LEADER


def require_leader(user) -> CityMember:
    member = require_city_member(user)
    if not is_leader(member):
        raise PermissionDenied(_("Chỉ lãnh đạo UBND thành phố được ban hành báo cáo của thành phố."))
    return member


def city_period_or_404(pk) -> CityPeriod:
    """The city period a page names, a 404 for an id that is not one (any city official reads every period)."""
    try:
        return get_object_or_404(CityPeriod, pk=int(pk))
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
