"""The city's own Báo cáo of a period, drafted as a commune's is, one level up: sections pre-filled from what
the communes sent (who sent, on time or late; the standard figures summed), the assessment, the tasks and the
proposals written by the Sở Nội vụ; plain text, saved with a version so that a second editor is told, never
overwritten; rendered in the Decree-30 layout (PDF preview, editable .docx). The preview and the paper a city
leader issues (city.issuing) are one rendering (`render`): the issued one has its number, date and signer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from camgiang_portal import documents, signing
from camgiang_portal.decree30 import date_line_for
from camgiang_portal.paper_content import PaperContent, PaperSection, PaperTable
from camgiang_portal.people import person_name
from communes.sites import province_place, province_words
from consolidation.sentences import number, quantity
from reports.exports import with_year

from . import selectors
from .models import CityMember, CityPeriod, CityReportDraft

TEXT_MAX = 20_000


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    written: bool  # the Sở Nội vụ writes it; else it is pre-filled from the communes' reports


SECTIONS = (
    Section("tiep-nhan", "I", gettext_lazy("Tình hình các xã, phường, đặc khu gửi báo cáo"), False),
    Section("ket-qua", "II", gettext_lazy("Kết quả thực hiện dân chủ ở cơ sở"), False),
    Section("danh-gia", "III", gettext_lazy("Đánh giá chung"), True),
    Section("nhiem-vu", "IV", gettext_lazy("Nhiệm vụ trọng tâm thời gian tới"), True),
    Section("kien-nghi", "V", gettext_lazy("Kiến nghị, đề xuất"), True),
)
KEYS = {section.key for section in SECTIONS}


class DraftConflict(Exception):
    """Someone saved the draft since this page was loaded."""


@dataclass(frozen=True)
class Signer:
    """Who signs the city's Báo cáo: a leader of the city's People's Committee."""

    name: str
    position: str  # as the stamp writes it: "Phó Chủ tịch" (signing.position_title)


DEFAULT_POSITION = "Phó Chủ tịch"


def signer_of(member: CityMember) -> Signer:
    """The leader's name (people.person_name: family name first, else the username) and their position,
    "Phó Chủ tịch" if none is set."""
    return Signer(person_name(member.user), signing.position_title(member.position) or DEFAULT_POSITION)


def sign_lines(position: str) -> tuple[str, ...]:
    """The signature block: the chairman signs for the committee (TM.), a vice-chairman on his behalf (KT.)."""
    if position.casefold() == "chủ tịch":
        return (_("TM. ỦY BAN NHÂN DÂN"), _("CHỦ TỊCH"))
    return (_("TM. ỦY BAN NHÂN DÂN"), _("KT. CHỦ TỊCH"), position.upper())


def period_words(city_period: CityPeriod) -> str:
    """ "6 tháng năm 2026", "năm 2026": the period and its year as they read inside a sentence."""
    return with_year(city_period.label.lower().removeprefix("báo cáo ").strip(), city_period.year)


def title(city_period: CityPeriod) -> str:
    """The register's "trích yếu" of the city's Báo cáo."""
    return _("Báo cáo kết quả thực hiện dân chủ ở cơ sở %(label)s của thành phố") % {"label": period_words(city_period)}


def _receipts_text(rows, city_period: CityPeriod) -> str:
    lines = selectors.completeness(rows)
    whole = lines[0]
    head = _(
        "Đến ngày %(today)s, %(sent)s/%(all)s đơn vị hành chính cấp xã đã gửi %(label)s (%(rate)s%%), "
        "trong đó %(on_time)s đơn vị gửi đúng hạn (trước ngày %(due)s)."
    ) % {
        "today": timezone.localdate().strftime("%d/%m/%Y"),
        "sent": whole.sent,
        "all": whole.expected,
        "label": with_year(city_period.label.lower(), city_period.year),
        "rate": whole.completeness,
        "on_time": whole.on_time,
        "due": city_period.due_date.strftime("%d/%m/%Y"),
    }
    parts = [head]
    by_kind = [
        _("%(label)s: %(sent)s/%(all)s") % {"label": line.label, "sent": line.sent, "all": line.expected}
        for line in lines[1:]
    ]
    if by_kind:
        parts.append(_("Theo loại đơn vị: %(parts)s.") % {"parts": "; ".join(by_kind)})
    late = [r.commune.name for r in rows if r.status == selectors.Status.LATE]
    unsent = [r.commune.name for r in rows if not r.sent]
    if late:
        parts.append(_("Gửi muộn: %(names)s.") % {"names": ", ".join(late)})
    if unsent:
        parts.append(_("Chưa gửi: %(names)s.") % {"names": ", ".join(unsent)})
    return "\n".join(parts)


def _figures_text(rows, lines) -> str:
    sent = sum(r.sent for r in rows)
    if not lines:
        return _("Chưa có số liệu: chưa đơn vị nào gửi báo cáo kỳ này.")
    text = [_("Tổng hợp từ báo cáo của %(sent)s đơn vị đã gửi:") % {"sent": number(sent)}]
    for line in lines:
        if line.communes:
            text.append(
                _("- %(name)s: %(total)s (%(communes)s đơn vị có số liệu).")
                % {"name": line.name, "total": quantity(line.total, line.unit), "communes": line.communes}
            )
    return "\n".join(text)


def prefill(city_period: CityPeriod) -> dict[str, str]:
    rows = selectors.receipts(city_period, selectors.city_communes())
    lines = selectors.figures(rows)
    return {"tiep-nhan": _receipts_text(rows, city_period), "ket-qua": _figures_text(rows, lines)}


def default_basis(city_period: CityPeriod) -> str:
    return _(
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ; căn cứ "
        "báo cáo của các xã, phường, đặc khu, Ủy ban nhân dân thành phố báo cáo kết quả thực hiện dân chủ ở cơ sở "
        "%(label)s như sau:"
    ) % {"label": period_words(city_period)}


def draft_of(city_period: CityPeriod) -> CityReportDraft | None:
    return CityReportDraft.objects.filter(city_period=city_period).first()


def current_texts(city_period: CityPeriod) -> tuple[str, dict[str, str], int]:
    """The opening, each section's text (saved, else pre-filled; written sections blank) and the version."""
    draft = draft_of(city_period)
    filled = prefill(city_period)
    saved = draft.texts if draft else {}
    texts = {s.key: saved.get(s.key, filled.get(s.key, "")) for s in SECTIONS}
    basis = draft.basis if draft and draft.basis else default_basis(city_period)
    return basis, texts, draft.version if draft else 0


def draft_save(*, city_period: CityPeriod, basis: str, texts: dict[str, str], version: int, by) -> CityReportDraft:
    """Save the draft if nobody saved since `version`; the same text again is no new version (a second click)."""
    unknown = set(texts) - KEYS
    if unknown:
        raise ValidationError(_("Mục không có trong báo cáo."))
    if len(basis) > TEXT_MAX or any(len(t) > TEXT_MAX for t in texts.values()):
        raise ValidationError(_("Mỗi mục dài tối đa %(max)s ký tự.") % {"max": number(TEXT_MAX)})
    clean = {key: "\n".join(line.rstrip() for line in text.strip().splitlines()) for key, text in texts.items()}
    with transaction.atomic():
        draft, _created = CityReportDraft.objects.select_for_update().get_or_create(city_period=city_period)
        if draft.version == version + 1 and draft.texts == clean and draft.basis == basis.strip():
            return draft  # the same save arriving twice
        if draft.version != version:
            raise DraftConflict
        draft.basis, draft.texts, draft.updated_by = basis.strip(), clean, by
        draft.version += 1
        draft.save()
    return draft


def paper(
    city_period: CityPeriod,
    *,
    number_symbol: str = "",
    date: datetime.date | None = None,
    signer: Signer | None = None,
) -> documents.OfficialPaper:
    """The city's Báo cáo's frame: number and date blank until issued; signed by `signer` (none yet: a
    vice-chairman's block with no name)."""
    place = province_place()
    position = signer.position if signer else DEFAULT_POSITION
    return documents.OfficialPaper(
        agency_lines=documents.agency_lines(f"ỦY BAN NHÂN DÂN {province_words()}"),
        number_symbol=number_symbol or "     /BC-UBND",
        date_line=date_line_for(place, date),
        doc_type=_("BÁO CÁO"),
        summary=_("Kết quả thực hiện dân chủ ở cơ sở %(label)s") % {"label": period_words(city_period)},
        recipients=(_("Bộ Nội vụ;"), _("Thường trực Thành ủy, HĐND thành phố;"), _("Lưu: VT, SNV.")),
        sign_lines=sign_lines(position),
        signer_name=signer.name if signer else "",
    )


def content(city_period: CityPeriod) -> PaperContent:
    basis, texts, _version = current_texts(city_period)
    rows = selectors.receipts(city_period, selectors.city_communes())
    table = PaperTable(
        title=_("PHỤ LỤC: TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ"),
        headers=(_("TT"), _("Đơn vị"), _("Tình trạng"), _("Số, ký hiệu"), _("Nhận lúc")),
        rows=tuple(
            (
                str(index),
                r.commune.name,
                r.status_label,
                r.current.symbol if r.current else "",
                timezone.localtime(r.received_at).strftime("%d/%m/%Y") if r.sent else "",
            )
            for index, r in enumerate(rows, start=1)
        ),
    )
    return PaperContent(
        intro=tuple(documents.paragraphs(basis)),
        sections=tuple(
            PaperSection(s.number, str(s.title), 1, tuple(documents.paragraphs(texts[s.key]))) for s in SECTIONS
        ),
        appendix=(table,),
    )


TEMPLATE = "city/pdf/report.html"


def render(frame: documents.OfficialPaper, paper_content: PaperContent) -> tuple[bytes, documents.SignatureBox | None]:
    """The one rendering of the city's Báo cáo, for the preview and the issued paper: the PDF and the blank its
    signature block leaves (where the signing stamp goes)."""
    return documents.render_pdf_and_signature_box(TEMPLATE, {"paper": frame, "content": paper_content})


def preview_pdf(city_period: CityPeriod, signer: Signer | None = None) -> bytes:
    """The draft as it stands, number left blank; signed by `signer` when a leader previews what they would
    issue."""
    pdf, _box = render(paper(city_period, signer=signer), content(city_period))
    return pdf


def editable_docx(city_period: CityPeriod) -> bytes:
    from camgiang_portal import docx_paper

    return docx_paper.render_docx(paper(city_period), content(city_period))
