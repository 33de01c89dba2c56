"""The quarterly list of disclosures (R-D6) as a PDF.

A plain WeasyPrint page with the vendored Liberation Serif fonts until the shared Decree-30 layout
(`camgiang_portal.documents.render_pdf`, branch pdf) lands on main; then this becomes one call to it.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors


def quarterly_list_context(*, year: int, quarter: int) -> dict:
    start, end = selectors.quarter_bounds(year, quarter)
    return {
        "items": list(selectors.disclosures_of_quarter(year, quarter)),
        "year": year,
        "quarter": quarter,
        "start": start,
        "end": end,
        "today": timezone.localdate(),
    }


def quarterly_list_pdf(*, year: int, quarter: int, base_url: str | None = None) -> bytes:
    context = quarterly_list_context(year=year, quarter=quarter)
    from weasyprint import HTML

    fonts = (settings.BASE_DIR / "static" / "fonts").as_uri()
    html = render_to_string("publicity/pdf/quarterly_list.html", {**context, "fonts": fonts})
    return HTML(string=html, base_url=base_url or settings.BASE_DIR.as_uri()).write_pdf()
