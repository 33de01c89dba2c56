"""Rendered pieces of consolidation's big pages, cached until the next report write (reports' cache generation).

The dashboard's body is one of them: the dashboard page and the start page (camgiang_portal.views.start) both
show it from here, so neither renders it again on every visit.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plans.models import Plan
from reports import selectors as reports_selectors

from . import selectors

FRAGMENT_TIMEOUT = 600
# At 10x the commune hundreds of forms can be overdue: the dashboard lists the first ones, the rest are
# one link away (the page stays small enough to serve quickly and to read on a phone).
OVERDUE_SHOWN = 50


def cached_pieces(name: str, scope: str, flags: dict, build) -> dict:
    """Rendered HTML pieces of a big page, cached until the next report write (the reports cache generation).

    The key holds everything the pieces depend on besides the data: the viewer's capability flags (so a
    coordinator's buttons never reach a reader), the date (overdue lists change at midnight) and the language.
    The pieces never hold per-user secrets: CSRF tokens stay in the uncached part of the page.
    """
    flag_part = ",".join(f"{k}={int(bool(v))}" for k, v in sorted(flags.items()))
    key = (
        f"reports:fragment:{name}:{scope}:{flag_part}:{reports_selectors.cache_generation()}:"
        f"{timezone.localdate().isoformat()}:{get_language()}"
    )
    pieces = cache.get(key)
    if pieces is None:
        pieces = build()
        cache.set(key, pieces, FRAGMENT_TIMEOUT)
    return {piece: mark_safe(html) for piece, html in pieces.items()}  # nosec B308 B703 - our own templates, rendered (and escaped) by render_to_string


def dashboard_pieces(plan_id: int, *, can_review: bool) -> dict:
    """The dashboard's body for the plan in force ({"body_html": …}), as a coordinator (can_review) or a reader."""

    def build() -> dict:
        plan = Plan.objects.get(pk=plan_id)
        body = {
            "plan": plan,
            "data": selectors.dashboard(plan),
            "can_review": can_review,
            "late_label": _("muộn"),
            "overdue_shown": OVERDUE_SHOWN,
            "overdue_slice": f":{OVERDUE_SHOWN}",
        }
        return {"body_html": render_to_string("consolidation/_dashboard_body.html", body)}

    return cached_pieces("dashboard", f"plan={plan_id}", {"can_review": can_review}, build)
