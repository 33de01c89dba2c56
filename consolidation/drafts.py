"""The Báo cáo's draft: what it says now (the saved text, else the pre-filled one), the coordinator's saves and
restores, its versions, and the paper's content it makes (camgiang_portal.paper_content), which the preview PDF,
the .docx, the command and the issued paper all print.

Saves authorise ``by`` (the coordinator, reports.permissions.can_review; SYSTEM for the demo and commands),
take plain text only, and check the draft's version: an editor on an older page gets the conflict message,
never an overwrite — except when the request is the one that made the current version (a second click, an
autosave sent twice): then it is done already. Refusals raise DraftError with a Vietnamese message and the
4xx a view answers with.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from camgiang_portal.actors import history_user, is_system
from camgiang_portal.paper_content import PaperContent, PaperSection, PaperTable
from camgiang_portal.validators import no_html
from plans.models import ReportingPeriod
from plans.permissions import require
from reports import permissions as reports_permissions

from .drafting import DraftMaterial, material
from .models import IssuedDraft, ReportDraft
from .outline import section_numbers
from .refusals import Refusal
from .sentences import number, percent_text

SECTION_MAX = 20_000  # characters of one section: a long chapter of a real report is a few thousand
DRAFT_MAX = 200_000


class DraftError(Refusal):
    """A refused save or restore of the draft."""


def conflict_message() -> str:
    return _(
        "Người khác vừa lưu dự thảo này (lần lưu thứ %(version)s). Bản của bạn chưa được lưu: hãy sao chép phần "
        "vừa viết, tải lại trang để xem bản mới nhất rồi viết lại vào đó."
    )


# --- reading ------------------------------------------------------------------------------------------------


def draft_of(period: ReportingPeriod) -> ReportDraft | None:
    return ReportDraft.objects.filter(period=period).select_related("updated_by").first()


@dataclass
class DraftText:
    """What the draft says now: the opening and each section's text, by str(section pk)."""

    basis: str
    texts: dict[str, str]
    version: int  # 0: nothing saved yet, every text is the pre-filled one


def current_text(mat: DraftMaterial, draft: ReportDraft | None) -> DraftText:
    """The saved text where the coordinator saved it; the pre-filled text for the rest (a section the outline
    gained after the last save, or a draft never saved)."""
    saved = draft.texts if draft is not None and draft.version else {}
    texts = {s.key: saved[s.key] if s.key in saved else s.prefill for s in mat.sections}
    basis = draft.basis if draft is not None and draft.version else mat.basis
    return DraftText(basis, texts, draft.version if draft is not None else 0)


def orphans(mat: DraftMaterial, draft: ReportDraft | None) -> list[tuple[str, str]]:
    """Texts saved for sections the outline no longer has (deleted, or replaced by a superior's outline)."""
    if draft is None:
        return []
    known = {s.key for s in mat.sections}
    return [(key, text) for key, text in draft.texts.items() if key not in known and text.strip()]


def versions(draft: ReportDraft | None, limit: int = 20) -> list:
    """The saved versions, newest first, with who saved them (one query)."""
    if draft is None:
        return []
    # Version 0 is the empty row the first save creates before it writes: not a version anyone saved.
    return list(draft.history.filter(version__gt=0).select_related("history_user").order_by("-history_id")[:limit])


# --- changes ------------------------------------------------------------------------------------------------


def clean_text(value, what: str) -> str:
    """Plain text with paragraphs: line ends normalised, trailing spaces cut, no markup, a bounded length."""
    text = "\n".join(line.rstrip() for line in str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    text = text.strip("\n")
    if len(text) > SECTION_MAX:
        raise DraftError(_("Mục “%(what)s” dài quá %(max)s ký tự.") % {"what": what, "max": number(SECTION_MAX)})
    try:
        no_html(text)
    except ValidationError as exc:
        raise DraftError(_("Mục “%(what)s”: %(why)s") % {"what": what, "why": " ".join(exc.messages)}) from exc
    return text


def _stamp(by, version: int, basis: str, texts: dict) -> str:
    who = "system" if is_system(by) else str(by.pk)
    body = json.dumps([basis, sorted(texts.items())], ensure_ascii=False)
    return hashlib.sha256(f"{who}|{version}|{body}".encode()).hexdigest()


def draft_save(
    *, period: ReportingPeriod, basis, texts: dict, version, by, comment: str = "", mat: DraftMaterial | None = None
) -> ReportDraft:
    """Save the whole draft as the editor sees it: `texts` maps str(section pk) → text for the period's outline
    (an id of another outline is refused), `version` the draft's version the editor's page was made from."""
    require(by, reports_permissions.can_review)
    if not isinstance(version, int) or version < 0:
        raise DraftError(_("Thiếu hoặc sai số lần lưu của dự thảo; xin tải lại trang."))
    mat = mat or material(period)  # the view that read it already passes it (it is most of a save's time)
    titles = {s.key: s.section.title for s in mat.sections}
    unknown = [key for key in texts if key not in titles]
    if unknown:
        raise DraftError(_("Mục này không có trong đề cương của kỳ báo cáo."), code="not_found")
    cleaned = {key: clean_text(value, titles[key]) for key, value in texts.items()}
    basis = clean_text(basis, _("Căn cứ, mở đầu"))
    if sum(len(t) for t in cleaned.values()) + len(basis) > DRAFT_MAX:
        raise DraftError(_("Dự thảo dài quá %(max)s ký tự.") % {"max": number(DRAFT_MAX)})
    stamp = _stamp(by, version, basis, cleaned)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReportDraft.objects.get_or_create(period=period)
        except IntegrityError:  # made by a concurrent first save
            pass
        draft = ReportDraft.objects.select_for_update().get(period=period)
        if version != draft.version:
            if draft.last_action == stamp:
                return draft  # the save that made this version, sent again: done already
            raise DraftError(conflict_message() % {"version": draft.version}, code="conflict")
        current = current_text(mat, draft)
        # A section the outline lost keeps its text in the draft (shown apart on the page): nothing is lost.
        merged = {**draft.texts, **current.texts, **cleaned}
        if draft.version and merged == draft.texts and basis == draft.basis:
            return draft  # nothing changed: no new version
        draft.texts, draft.basis = merged, basis
        draft.version += 1
        draft.last_action = stamp
        draft.updated_by = history_user(by)
        draft._history_user = history_user(by)
        draft._change_reason = comment[:100]
        draft.save()
    return draft


def draft_restore(*, period: ReportingPeriod, history_id, version, by) -> ReportDraft:
    """Make an earlier saved version the current one (a new version: the one replaced stays in the history)."""
    draft = draft_of(period)
    try:
        old = draft.history.get(history_id=int(history_id)) if draft is not None else None
    except (ValueError, TypeError, ReportDraft.history.model.DoesNotExist):
        old = None
    if old is None:
        raise DraftError(_("Không tìm thấy lần lưu này của dự thảo."), code="not_found")
    mat = material(period)
    known = {s.key for s in mat.sections}
    texts = {key: text for key, text in (old.texts or {}).items() if key in known}
    return draft_save(
        period=period,
        basis=old.basis,
        texts=texts,
        version=version,
        by=by,
        mat=mat,
        comment=_("Khôi phục lần lưu %(version)s") % {"version": old.version},
    )


# --- the paper ----------------------------------------------------------------------------------------------


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def paper_sections(mat: DraftMaterial, text: DraftText) -> tuple[PaperSection, ...]:
    """The outline's sections with the draft's text, numbered as printed: an empty sub-section is left out,
    a part stays when it or one of its sub-sections says something."""
    kept = []
    pending_part = None
    for found in mat.sections:
        section, paragraphs = found.section, _paragraphs(text.texts.get(found.key, ""))
        if section.level == 1:
            pending_part = (section, paragraphs)
            if paragraphs:
                kept.append(pending_part)
                pending_part = None
        elif paragraphs:
            if pending_part is not None:
                kept.append(pending_part)
                pending_part = None
            kept.append((section, paragraphs))
    numbers = section_numbers([section for section, _p in kept])
    return tuple(
        PaperSection(numbers[section.pk], section.title, section.level, paragraphs) for section, paragraphs in kept
    )


def figures_table(mat: DraftMaterial) -> PaperTable:
    """The appendix of figures as text cells, for the .docx (the PDF prints the same rows through its template)."""
    figures = mat.figures
    headers = [_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kỳ này"), _("Tỉ lệ"), _("Cùng kỳ"), _("Tăng, giảm")]
    if figures.previous_period:
        headers += [_("Kỳ trước"), _("Tăng thêm")]
    rows = []
    for index, row in enumerate(figures.rows, 1):
        cells = [str(index), row.name, row.unit, number(row.total)]
        cells.append(percent_text(row.percent) if row.percent is not None else "")
        same = row.same_period
        cells += [number(same.previous) if same else "", same.short() if same else ""]
        if figures.previous_period:
            prev = row.previous_period
            cells += [number(prev.previous) if prev else "", prev.short() if prev else ""]
        rows.append(tuple(cells))
    note = _("Cột “Cùng kỳ” so với %(against)s.") % {"against": figures.same_period_label}
    if figures.previous_period:
        note += " " + _("Kỳ báo cáo này tính lũy kế từ đầu năm; cột “Kỳ trước” là %(against)s.") % {
            "against": figures.previous_period_label
        }
    return PaperTable(_("PHỤ LỤC: SỐ LIỆU"), tuple(headers), tuple(rows), note)


def paper_content(period: ReportingPeriod, *, mat: DraftMaterial | None = None) -> tuple[PaperContent, int]:
    """The Báo cáo's content as it stands (the saved draft, else the pre-filled one) and the draft version it is."""
    mat = mat or material(period)
    text = current_text(mat, draft_of(period))
    span = _("Số liệu tính từ ngày %(start)s đến ngày %(end)s.") % {
        "start": period.start.strftime("%d/%m/%Y"),
        "end": period.end.strftime("%d/%m/%Y"),
    }
    content = PaperContent(
        subtitle=span,
        intro=_paragraphs(text.basis),
        sections=paper_sections(mat, text),
        appendix=(figures_table(mat),),
    )
    return content, text.version


def freeze(*, period: ReportingPeriod, document, content: PaperContent, draft_version: int) -> IssuedDraft:
    """Keep what the issued paper printed beside the signed file: the draft version and the content as text."""
    return IssuedDraft.objects.create(
        period=period, document=document, draft_version=draft_version, content=asdict(content)
    )


def frozen_for(document) -> IssuedDraft | None:
    return IssuedDraft.objects.filter(document=document).first()
