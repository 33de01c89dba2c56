"""Writes of the reports app around the forms: expected reports, the period's grace, attachments, reminders,
indicators. A form's own lifecycle (saving, submitting, review, import) is reports.workflow's table."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from camgiang_portal import resilience
from camgiang_portal.safe_files import safe_filename
from communes.sites import committee_name, commune_from_email, commune_site_url
from plans import permissions as plans_permissions
from plans import services as plans_services
from plans.models import Assignment, Body, ContentArea, Item, Plan, ReportingPeriod

from . import permissions, selectors, workflow
from .models import (
    Attachment,
    Indicator,
    ItemProgress,
    PortalFigure,
    ProgressReport,
    ReviewEvent,
)
from .workflow import ReportNotEditable

logger = logging.getLogger(__name__)
User = get_user_model()

State = ProgressReport.State


def _changed() -> None:
    """The dashboard's cached aggregates are stale once this transaction commits."""

    transaction.on_commit(selectors.cache_invalidate)


# --- expected reports -------------------------------------------------------------------------------


def _carry_over_from_superseded(plan: Plan) -> None:
    """A new version of an issued plan takes over the year's forms, figures and indicators of the one it replaces.

    Bodies keep what they wrote and sent: each form moves to the new version's period of the same code, each
    row to the item with the same area number and letter (a row of an item the new version dropped keeps its
    words under the old item), each indicator to the matching item or area. Runs once, before the new
    version has forms of its own."""
    old = plan.supersedes
    if old is None or ProgressReport.objects.filter(period__plan=plan).exists():
        return
    periods = {p.code: p for p in plan.periods.all()}
    areas = {a.number: a for a in ContentArea.objects.filter(plan=plan)}
    items = {(i.area.number, i.label): i for i in Item.objects.filter(area__plan=plan).select_related("area")}
    reports = list(ProgressReport.objects.filter(period__plan=old, period__code__in=periods).select_related("period"))
    for report in reports:
        report.period = periods[report.period.code]
    ProgressReport.objects.bulk_update(reports, ["period"])
    rows = []
    for row in ItemProgress.objects.filter(report__period__plan=plan, item__area__plan=old).select_related(
        "item__area"
    ):
        row.item = items.get((row.item.area.number, row.item.label), row.item)
        rows.append(row)
    ItemProgress.objects.bulk_update(rows, ["item"], batch_size=1000)
    indicators = list(
        Indicator.objects.filter(Q(item__area__plan=old) | Q(area__plan=old)).select_related("item__area", "area")
    )
    for indicator in indicators:
        if indicator.item_id is not None:
            indicator.item = items.get((indicator.item.area.number, indicator.item.label), indicator.item)
        else:
            indicator.area = areas.get(indicator.area.number, indicator.area)
    Indicator.objects.bulk_update(indicators, ["item", "area"])


@transaction.atomic
def report_expected_generate(*, plan: Plan, by) -> int:
    """Make one report per reporting body × period and one item row per assigned item; safe to run again.

    `by`: the coordinator (who reviews the forms), or the system actor of commands and seeding.

    Generating them up front is what makes a missing report a fact (as DHIS2 does for data sets).
    Returns how many reports were created.
    """
    plans_permissions.require(by, permissions.can_review)
    _carry_over_from_superseded(plan)
    periods = list(plan.periods.all())
    assignments = list(Assignment.objects.filter(item__area__plan=plan).select_related("body").only("item_id", "body"))
    items_by_body: dict[int, list[int]] = {}
    bodies: dict[int, Body] = {}
    for assignment in assignments:
        items_by_body.setdefault(assignment.body_id, []).append(assignment.item_id)
        bodies[assignment.body_id] = assignment.body
    existing = set(ProgressReport.objects.filter(period__plan=plan).values_list("body_id", "period_id"))
    new = [
        ProgressReport(body_id=body_id, period=period)
        for body_id in items_by_body
        for period in periods
        if (body_id, period.pk) not in existing
    ]
    ProgressReport.objects.bulk_create(new)
    reports = ProgressReport.objects.filter(period__plan=plan).values_list("pk", "body_id")
    have = set(ItemProgress.objects.filter(report__period__plan=plan).values_list("report_id", "item_id"))
    rows = [
        ItemProgress(report_id=report_id, item_id=item_id)
        for report_id, body_id in reports
        for item_id in items_by_body.get(body_id, [])
        if (report_id, item_id) not in have
    ]
    ItemProgress.objects.bulk_create(rows, batch_size=1000)
    # A plan fresh from its text has no figures to report yet: give it the standard ones (Law 10/2022's
    # meetings, feedback, disclosures …) once. A plan that has its own is left as the coordinator set it.
    if not Indicator.objects.filter(Q(item__area__plan=plan) | Q(area__plan=plan)).exists():
        indicators_seed(plan=plan)
    _changed()
    # Object permissions go to the body's group, never to a user (a new village head is one membership change).
    for body_id, body in bodies.items():
        group = plans_services.body_group_sync(body=body)
        own = ProgressReport.objects.filter(period__plan=plan, body_id=body_id)
        assign_perm("reports.view_progressreport", group, own)
        assign_perm("reports.change_progressreport", group, own)
    return len(new)


def progress_unassigned(*, plan: Plan, pairs: list[tuple[int, int]]) -> int:
    """After items were taken from bodies (plans.services: the matrix, or "remove from every village"): each
    body's forms not yet sent drop the item, so the body is not asked to report on it.

    A form that was ever sent (submitted, returned, accepted) keeps its rows: what the body sent stands, and
    the consolidated totals already read from it do not change behind the coordinator's back. A draft's
    dropped row keeps its last words in the row's history. Returns how many forms lost a row."""
    if not pairs:
        return 0
    wanted = Q()
    for item_id, body_id in pairs:
        wanted |= Q(item_id=item_id, report__body_id=body_id)
    rows = list(
        ItemProgress.objects.filter(
            wanted, report__period__plan=plan, report__state=State.DRAFT, report__first_submitted_at=None
        )
    )
    for row in rows:
        row.delete()  # one by one: each deletion is a record in the row's history
    if rows:
        # A copy of the form open in an editor still posts the dropped row: its id is ignored (rows.rows_write).
        _changed()
    return len({row.report_id for row in rows})


# --- the period's grace -----------------------------------------------------------------------------


@transaction.atomic
def period_grace_set(*, period: ReportingPeriod, grace_days: int, by) -> ReportingPeriod:

    if not permissions.can_review(by):
        raise ReportNotEditable
    period = plans_services.period_grace_set(period=period, grace_days=grace_days)
    _changed()
    return period


# --- attachments ------------------------------------------------------------------------------------

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


@transaction.atomic
def attachment_add(*, report: ProgressReport, by, upload: UploadedFile) -> Attachment:
    """Keep a file if its content (not its name) is one of the allowed types and it is not too big."""
    if not workflow.allows(by, report, "save"):  # files go with the draft: whoever may save it, while they may
        raise ReportNotEditable
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            {"file": _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Tệp rỗng.")})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError({"file": _("Chỉ nhận tệp PDF, ảnh (JPG, PNG), Word (DOCX) hoặc Excel (XLSX).")})
    if kind.mime in ALLOWED_TYPES and ALLOWED_TYPES[kind.mime] in ("docx", "xlsx"):
        # filetype recognises Office files by the zip's first entry; check the zip is whole too, and that it
        # is no zip bomb for the coordinator who opens it (the portal stores it without parsing it).
        from camgiang_portal.safe_files import ArchiveRefused, archive_check

        try:
            archive_check(upload)
        except ArchiveRefused as exc:
            raise ValidationError({"file": exc.message}) from exc
        finally:
            upload.seek(0)
    attachment = Attachment(
        report=report,
        original_name=safe_filename(upload.name),
        content_type=kind.mime,
        extension=ALLOWED_TYPES[kind.mime],
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    if not workflow.allows(by, attachment.report, "save"):
        raise ReportNotEditable
    name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- reminders --------------------------------------------------------------------------------------


def report_recipients(report: ProgressReport) -> list[str]:
    body = report.body
    emails = [body.email] if body.email else []
    if body.group_id:
        emails += [u.email for u in User.objects.filter(groups=body.group_id, is_active=True).exclude(email="")]
    return sorted(set(emails))


@transaction.atomic
def report_remind(*, report: ProgressReport, by) -> ReviewEvent:
    """Record a reminder and queue the e-mail to the body's address and its people (after commit)."""
    from . import tasks

    if not permissions.can_review(by):
        raise ReportNotEditable
    event = ReviewEvent.objects.create(report=report, kind=ReviewEvent.Kind.REMINDED, by=by)
    transaction.on_commit(lambda: resilience.enqueue(tasks.report_remind_send, event.pk))
    return event


def report_remind_send(*, event: ReviewEvent) -> int:
    report = event.report
    recipients = report_recipients(report)
    if not recipients:
        return 0
    commune = report.body.commune
    subject = _("Nhắc nộp %(period)s") % {"period": report.period.label}
    message = _(
        "Kính gửi %(body)s,\n\nĐơn vị chưa nộp %(period)s (hạn %(due)s). Đề nghị đơn vị hoàn thành và nộp báo cáo "
        "trên cổng thông tin: %(url)s\n\nPhòng Văn hóa – Xã hội, %(committee)s."
    ) % {
        "body": report.body.name,
        "period": report.period.label,
        "due": report.period.due_date.strftime("%d/%m/%Y"),
        "url": commune_site_url(commune, report.get_absolute_url()),
        "committee": committee_name(commune),
    }
    return send_mail(subject, message, commune_from_email(commune), recipients)


# --- indicators ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedIndicator:
    """A standard figure: its code (kept across years, so one year's figure is compared with the last's), where
    in the seed plan it belongs ("2.c" = area 2, item c), and its relations: `not_above` (settled ≤ received)
    and `percent_of` (the base the paper gives its percentage of)."""

    code: str
    name: str
    unit: str
    where: str
    not_above: str | None = None
    percent_of: str | None = None
    max_value: int = 1_000


# The figures Law 10/2022's reports count (leadership, disclosure, the people deciding, consultation,
# supervision, citizen reception and complaints, dialogue, hương ước), bases before the figures that use them.
SEED_INDICATORS = [
    SeedIndicator("hoi-nghi", "Số hội nghị, buổi tuyên truyền, quán triệt đã tổ chức", "cuộc", "1.a"),
    SeedIndicator("nguoi-tham-du", "Số lượt người tham dự", "lượt người", "1.a", max_value=1_000_000),
    SeedIndicator("noi-dung-cong-khai", "Số nội dung đã công khai", "nội dung", "2.a", max_value=10_000),
    SeedIndicator("hop-thon-dan-quyet", "Số cuộc họp thôn về nội dung Nhân dân bàn và quyết định", "cuộc", "2.b"),
    SeedIndicator("tong-so-ho", "Tổng số hộ gia đình thuộc phạm vi các cuộc họp", "hộ", "2.b", max_value=1_000_000),
    SeedIndicator("ho-tham-du", "Số hộ tham dự họp", "hộ", "2.b", "tong-so-ho", "tong-so-ho", max_value=1_000_000),
    SeedIndicator("ho-tan-thanh", "Số hộ tán thành", "hộ", "2.b", "ho-tham-du", "tong-so-ho", max_value=1_000_000),
    SeedIndicator("du-thao-lay-y-kien", "Số dự thảo, nội dung đưa ra lấy ý kiến Nhân dân", "văn bản", "2.b"),
    SeedIndicator("y-kien-dong-gop", "Số ý kiến Nhân dân đóng góp", "ý kiến", "2.b", max_value=100_000),
    SeedIndicator(
        "y-kien-tiep-thu",
        "Số ý kiến được tiếp thu, giải trình",
        "ý kiến",
        "2.b",
        "y-kien-dong-gop",
        "y-kien-dong-gop",
        max_value=100_000,
    ),
    SeedIndicator(
        "huong-uoc", "Số hương ước, quy ước được xây dựng, sửa đổi, bổ sung", "văn bản", "2.b", max_value=500
    ),
    SeedIndicator("tiep-cong-dan", "Số buổi tiếp công dân đã tổ chức", "buổi", "2.c"),
    SeedIndicator("luot-tiep-cong-dan", "Số lượt công dân được tiếp", "lượt", "2.c", max_value=100_000),
    SeedIndicator("nguoi-duoc-tiep", "Số người được tiếp", "người", "2.c", max_value=100_000),
    SeedIndicator("vu-viec-tiep", "Số vụ việc được tiếp", "vụ việc", "2.c", "luot-tiep-cong-dan", max_value=100_000),
    SeedIndicator(
        "don-tiep-nhan", "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã tiếp nhận", "đơn", "2.c", max_value=100_000
    ),
    SeedIndicator(
        "don-thuoc-tham-quyen", "Số đơn thuộc thẩm quyền giải quyết", "đơn", "2.c", "don-tiep-nhan", max_value=100_000
    ),
    SeedIndicator(
        "don-giai-quyet",
        "Số đơn đã giải quyết",
        "đơn",
        "2.c",
        "don-tiep-nhan",
        "don-thuoc-tham-quyen",
        max_value=100_000,
    ),
    SeedIndicator("doi-thoai", "Số hội nghị đối thoại với Nhân dân", "cuộc", "2.c"),
    SeedIndicator("giam-sat-ttnd", "Số cuộc giám sát của Ban Thanh tra nhân dân", "cuộc", "2.e"),
    SeedIndicator("giam-sat-gsdtcd", "Số cuộc giám sát của Ban Giám sát đầu tư của cộng đồng", "cuộc", "2.e"),
    SeedIndicator(
        "cong-trinh-giam-sat",
        "Số công trình, dự án được Ban Giám sát đầu tư của cộng đồng giám sát",
        "công trình",
        "2.e",
    ),
    SeedIndicator(
        "kien-nghi-giam-sat",
        "Số kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        "kiến nghị",
        "2.e",
        max_value=10_000,
    ),
    SeedIndicator(
        "kien-nghi-da-xu-ly",
        "Số kiến nghị đã được xem xét, giải quyết",
        "kiến nghị",
        "2.e",
        "kien-nghi-giam-sat",
        "kien-nghi-giam-sat",
        max_value=10_000,
    ),
    SeedIndicator("hoi-nghi-cbccvc", "Số hội nghị cán bộ, công chức, viên chức đã tổ chức", "cuộc", "3.d"),
    SeedIndicator("quy-che-ban-hanh", "Số quy chế, nội quy được ban hành, sửa đổi, bổ sung", "văn bản", "3.đ"),
    SeedIndicator("mo-hinh-khen-thuong", "Số mô hình, điển hình được biểu dương, khen thưởng", "mô hình", "1.e"),
]


@transaction.atomic
def indicators_seed(*, plan: Plan) -> int:
    """Attach the standard indicators to the plan's matching item, else to the area, else to its first area;
    a code the plan already has keeps its row (and the coordinator's changes), only its missing relations
    are filled."""
    areas = {a.number: a for a in ContentArea.objects.filter(plan=plan)}
    if not areas:
        return 0
    items = {(i.area.number, i.label): i for i in Item.objects.filter(area__plan=plan).select_related("area")}
    first_area = ContentArea.objects.filter(plan=plan).order_by("order").first()
    created: dict[str, Indicator] = {}
    for order, seed in enumerate(SEED_INDICATORS, start=1):
        area_no, label = seed.where.split(".")
        item = items.get((area_no, label))
        area = None if item else areas.get(area_no, first_area)
        target = {"item": item} if item else {"area": area}
        indicator = Indicator.objects.filter(code=seed.code).filter(**target).first()
        if indicator is None:
            indicator = Indicator.objects.create(
                code=seed.code, name=seed.name, unit=seed.unit, max_value=seed.max_value, order=order, **target
            )
        changed = []
        for relation in ("not_above", "percent_of"):
            base = created.get(getattr(seed, relation) or "")
            if base is not None and getattr(indicator, f"{relation}_id") is None:
                setattr(indicator, relation, base)
                changed.append(relation)
        if changed:
            indicator.save(update_fields=changed)
        created[seed.code] = indicator
    return len(created)


# --- figures the portal counted itself -----------------------------------------------------------------


@dataclass(frozen=True)
class CountedFigure:
    code: str
    label: str
    value: int


@transaction.atomic
def portal_figures_set(
    *, period: ReportingPeriod, figures: list[CountedFigure], at: datetime.datetime | None = None
) -> int:
    """Record what the portal counted for the period (publicity's cases, sessions, disclosures); replaces the
    earlier count of each figure. Returns how many figures were written."""
    at = at or timezone.now()
    for order, figure in enumerate(figures, start=1):
        PortalFigure.objects.update_or_create(
            period=period,
            code=figure.code,
            defaults={"label": figure.label, "value": figure.value, "order": order, "computed_at": at},
        )
    _changed()
    return len(figures)
