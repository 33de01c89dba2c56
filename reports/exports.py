"""A body's own report's Decree-30 frame and the phrases every report paper shares. What the body's paper says,
in the commune's outline, and its PDF are consolidation.body_paper's (reports does not know the outline)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import documents
from plans.models import ReportingPeriod

from . import selectors
from .models import ProgressReport


def organisation(period: ReportingPeriod) -> str:
    plan = period.plan
    return plan.organisation or f"ỦY BAN NHÂN DÂN {plan.unit_kind} {plan.commune_name}"


def period_phrase(period: ReportingPeriod) -> str:
    """ "Báo cáo 6 tháng" → "6 tháng": how the period reads inside a sentence."""
    label = period.label
    for prefix in ("Báo cáo ", "báo cáo "):
        if label.startswith(prefix):
            label = label[len(prefix) :]
    return label[:1].lower() + label[1:]


def with_year(phrase: str, year: int) -> str:
    """ "6 tháng năm 2026", and the annual report's "năm 2026" (never "năm năm 2026"): a period and its year as
    they read inside a sentence or a title."""
    if phrase.rstrip().lower().endswith("năm"):
        return f"{phrase.rstrip()} {year}"
    return _("%(period)s năm %(year)s") % {"period": phrase, "year": year}


def report_paper(report: ProgressReport) -> documents.OfficialPaper:
    """A body's own Báo cáo, under the commune's name, to the People's Committee through VH-XH."""
    period = report.period
    head = _("TRƯỞNG THÔN") if report.body.kind == "village" else _("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")
    signer = selectors.report_signer_name(report)
    return documents.OfficialPaper(
        agency_parent=organisation(period),
        agency_lines=documents.agency_lines(report.body.name),
        number_symbol=documents.number_symbol(None, "BC"),
        date_line=documents.date_line_for(
            period.plan.place, timezone.localdate(report.submitted_at) if report.submitted_at else None
        ),
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(period)s")
        % {"period": with_year(period_phrase(period), period.plan.year)},
        recipients=(_("UBND xã (qua Phòng Văn hóa – Xã hội);"), _("Lưu.")),
        sign_lines=(head,),
        signer_name=signer,
        title=f"{period.label} – {report.body.name}",
    )
