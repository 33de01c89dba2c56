"""The city's XLSX of one period: each commune's report to the city, and every commune's standard figures.

Text goes through camgiang_portal.spreadsheet.xlsx_append, so a commune or figure name that looks like a formula
stays text. Built from city.selectors in a fixed number of queries.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from camgiang_portal.spreadsheet import xlsx_append

from . import selectors
from .models import CityPeriod


def city_xlsx(city_period: CityPeriod, kind: str = "") -> bytes:
    rows = selectors.receipts(city_period, selectors.city_communes(kind))
    lines = selectors.figures(rows)
    book = Workbook()
    receipts = book.active
    receipts.title = _("Tiếp nhận báo cáo")
    xlsx_append(receipts, [_("%(period)s – hạn gửi %(due)s") % {"period": city_period, "due": _date(city_period)}])
    xlsx_append(
        receipts,
        [_("Mã đơn vị"), _("Xã, phường, đặc khu"), _("Loại"), _("Tình trạng"), _("Nhận lúc"), _("Số, ký hiệu")],
    )
    for r in rows:
        received = timezone.localtime(r.received_at).strftime("%d/%m/%Y %H:%M") if r.sent else ""
        symbol = r.current.symbol if r.current else ""
        xlsx_append(
            receipts,
            [r.commune.code, r.commune.name, r.commune.get_kind_display(), r.status_label, received, symbol],
        )
    sheet = book.create_sheet(_("Số liệu"))
    xlsx_append(sheet, [_("Mã đơn vị"), _("Xã, phường, đặc khu"), *(f"{line.name} ({line.unit})" for line in lines)])
    for r in rows:
        if r.sent:
            xlsx_append(sheet, [r.commune.code, r.commune.name, *(line.by_commune.get(r.commune.pk) for line in lines)])
    xlsx_append(sheet, ["", _("Tổng cộng"), *(line.total for line in lines)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _date(city_period: CityPeriod) -> str:
    return city_period.due_date.strftime("%d/%m/%Y")


def filename(city_period: CityPeriod) -> str:
    return f"thanh-pho-{city_period.code}-{city_period.year}.xlsx"
