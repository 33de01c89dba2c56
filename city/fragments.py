"""The city pages' big pieces (each commune's report, the figures summed), rendered once and cached until what
they show changes: at 114 communes, reading and rendering every commune's row on every visit made the start
page a tenth as fast as /healthz.

The key holds the period, the kind of commune, the date (a period becomes overdue at midnight), the language,
the reports' cache generation (forms, figures, plans and periods: reports.selectors) and the city's own
generation, bumped after any issued paper, commune or city period is written (city.apps). Both generations live
in the shared cache (Redis), so a paper issued through one gunicorn node is seen through every other.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from consolidation.fragments import cached_pieces
from reports.selectors import fresh_generation

from . import selectors
from .models import CityPeriod

GENERATION_KEY = "city:generation"


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, fresh_generation, None)


def invalidate(**_signal) -> None:
    """A change the city's pages show was committed (a signal receiver: city.apps)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet, or the cache is down (then nothing is cached either)
        cache.set(GENERATION_KEY, fresh_generation(), None)


def _scope(city_period: CityPeriod, kind: str, *extra: str) -> str:
    return ":".join((str(city_period.pk), kind or "-", str(generation()), *extra))


def home_pieces(city_period: CityPeriod, kind: str) -> dict:
    """The start page's body: completeness per kind and each commune's row ({"body_html", "unsent"})."""

    def build() -> dict:
        rows = selectors.receipts(city_period, selectors.city_communes(kind))
        context = {"city_period": city_period, "rows": rows, "lines": selectors.completeness(rows)}
        return {
            "body_html": render_to_string("city/_home_body.html", context),
            "unsent": str(sum(not r.sent for r in rows)),
        }

    return cached_pieces("city-home", _scope(city_period, kind), {}, build)


def figures_pieces(city_period: CityPeriod, kind: str, code: str, kind_label: str) -> dict | None:
    """The figures page's body ({"body_html"}): every figure, or one figure's drill-down to the communes (`code`);
    None when the period has no such figure (the view's 404: an unknown code is never cached)."""

    def build(code: str = "") -> dict:
        rows = selectors.receipts(city_period, selectors.city_communes(kind))
        lines = selectors.figures(rows)
        line = next((x for x in lines if x.code == code), None)
        context = {
            "city_period": city_period,
            "kind": kind,
            "kind_label": kind_label,
            "lines": lines,
            "line": line,
            "drill": [(r, line.by_commune.get(r.commune.pk)) for r in rows if r.sent] if line else [],
            "sent": [r for r in rows if r.sent],
            "expected": len(rows),
        }
        html = render_to_string("city/_figures_body.html", context)
        return {"body_html": html, "codes": "\n".join(x.code for x in lines)}

    every = cached_pieces("city-figures", _scope(city_period, kind), {}, build)
    if not code:
        return every
    if code not in every["codes"].split("\n"):
        return None
    digest = hashlib.sha256(code.encode()).hexdigest()[:16]  # a code is free text: keep the key short and plain
    return cached_pieces("city-figure", _scope(city_period, kind, digest), {}, lambda: build(code))
