"""Reporting periods' progress forms, review and consolidation (see the reports issue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.scoping import CommuneScoped, scoped_manager
from plans.models import Body, ContentArea, Item, ReportingPeriod


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    ONGOING = "ongoing", _("Thực hiện thường xuyên")
    # The item does not concern the body this period (an agency's own conference, asked of a village): the
    # body has answered it, so the form counts as reported, but nothing was done, so no roll-up counts it.
    NOT_APPLICABLE = "not_applicable", _("Không phát sinh")


# How far an item is, in percent, for the roll-up (consolidation.selectors.plan_progress). NOT_APPLICABLE has no
# score: it is left out of the percentages (neither 0 nor 100) and counted apart.
STATUS_SCORE = {ItemStatus.NOT_STARTED: 0, ItemStatus.IN_PROGRESS: 50, ItemStatus.DONE: 100, ItemStatus.ONGOING: 100}


class Indicator(CommuneScoped):
    """A figure a body reports (meetings held, complaints received …), attached to an area or an item."""

    commune_path = ("area__plan__commune", "item__area__plan__commune")  # hangs from one or the other

    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit = models.CharField(_("đơn vị tính"), max_length=40, default="")
    area = models.ForeignKey(ContentArea, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    max_value = models.PositiveIntegerField(_("giá trị tối đa"), default=100_000)
    not_above = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("không vượt quá chỉ tiêu"),
        help_text=_("Ví dụ: số đơn đã giải quyết không vượt quá số đơn đã tiếp nhận."),
    )
    # The figure this one is a share of, so the paper can say "đạt 85%" (households attending of all the
    # households, cases settled of those within competence); no base, no percentage.
    percent_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tính tỉ lệ trên chỉ tiêu"),
        help_text=_("Ví dụ: số hộ tham dự tính tỉ lệ trên tổng số hộ."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__isnull=False) | models.Q(item__isnull=False), name="indicator_has_target"
            ),
        ]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return self.name

    def applies_to(self, item: Item) -> bool:
        if self.item_id is not None:
            return self.item_id == item.pk
        return self.area_id == item.area_id


class StateChangeRefused(RuntimeError):
    """A form's state was written outside reports.workflow.transition: a bug, never a user's mistake."""


# The form reports.workflow.transition is moving, while it applies the step: the one door its state passes.
_moving: ContextVar[int | None] = ContextVar("progress_report_moving", default=None)


@contextmanager
def state_moving(report: ProgressReport) -> Iterator[None]:
    """Let `report` save a new state; only reports.workflow.transition opens this."""
    token = _moving.set(report.pk)
    try:
        yield
    finally:
        _moving.reset(token)


class ProgressReportQuerySet(models.QuerySet):
    """Refuses to write states in bulk: every change of state is one step of the workflow table, with its
    permission, version, event and cache invalidation."""

    def update(self, **kwargs):
        if "state" in kwargs:
            raise StateChangeRefused("A form's state changes only through reports.workflow.transition.")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        # Refused before Django opens its transaction, as update() would refuse inside it.
        if "state" in fields:
            raise StateChangeRefused("A form's state changes only through reports.workflow.transition.")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if any(obj.state != ProgressReport.State.DRAFT for obj in objs):
            raise StateChangeRefused("A new form starts as a draft; reports.workflow.transition moves it on.")
        return super().bulk_create(objs, *args, **kwargs)


class ProgressReport(CommuneScoped):
    """What one body reports for one period: one form, reviewed by the coordinator.

    Its state moves only through reports.workflow.transition: save() refuses a state other than the one
    loaded unless that transition is applying, and the QuerySet refuses to update states at all."""

    commune_path = "body__commune"

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã duyệt")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("cơ quan, đơn vị")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="progress_reports", verbose_name=_("kỳ báo cáo")
    )
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.DRAFT)
    first_submitted_at = models.DateTimeField(_("nộp lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lần cuối"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    reopened = models.BooleanField(
        _("mở lại cho đơn vị"), default=False, help_text=_("Cán bộ đầu mối cho phép đơn vị nộp sau khi kỳ đã khóa.")
    )
    summary = models.TextField(_("đánh giá chung"), blank=True)
    version = models.PositiveIntegerField(_("lần sửa"), default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cập nhật"),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = scoped_manager(ProgressReportQuerySet)
    all_communes = ProgressReportQuerySet.as_manager()  # noqa: DJ012

    class Meta:
        ordering = ["period__order", "body__kind", "body__order", "body__name"]
        constraints = [models.UniqueConstraint(fields=["body", "period"], name="report_unique_body_period")]
        indexes = [models.Index(fields=["period", "state"])]
        permissions = [
            ("review_progressreport", _("Duyệt, trả lại, mở lại báo cáo")),
            ("view_consolidated", _("Xem báo cáo tổng hợp")),
            ("view_dashboard", _("Xem bảng theo dõi báo cáo")),
        ]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self) -> str:
        return f"{self.body} – {self.period}"

    def save(self, *args, **kwargs) -> None:
        writes_state = self._check_state_write(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if writes_state:
            self._stored_state = self.state

    def get_absolute_url(self) -> str:
        return reverse("reports:form", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_state = instance.__dict__.get("state")
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "state" in fields:
            self._stored_state = self.__dict__.get("state")

    def _check_state_write(self, update_fields) -> bool:
        """Whether this save writes the state; raises when it would change it outside a transition."""
        if "state" not in self.__dict__ or (update_fields is not None and "state" not in update_fields):
            return False
        if self._state.adding:
            # A new row is a draft; a row built with the id of another would overwrite that one's state.
            if self.pk is None and self.state == self.State.DRAFT:
                return True
        elif self.state == getattr(self, "_stored_state", None) or _moving.get() == self.pk:
            return True
        raise StateChangeRefused("A form's state changes only through reports.workflow.transition.")

    @property
    def is_reported(self) -> bool:
        return self.first_submitted_at is not None

    @property
    def is_editable_state(self) -> bool:
        # Kept for the start page's "closed" badge; reports.workflow's "save" row owns which states a body
        # edits (a test holds the two equal). Pages with a report ask workflow.actions_for.
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def late_at(self, moment: datetime.datetime) -> bool:
        """Late when submitted after the due date, as a calendar day in Asia/Ho_Chi_Minh."""
        return timezone.localdate(moment) > self.period.due_date


def period_closes_on(period: ReportingPeriod) -> datetime.date:
    """The last day bodies may still submit: the due date plus the coordinator's grace."""
    return period.due_date + datetime.timedelta(days=period.grace_days)


def period_is_closed(period: ReportingPeriod, today: datetime.date | None = None) -> bool:
    return (today or timezone.localdate()) > period_closes_on(period)


class ItemProgress(CommuneScoped):
    """A body's progress on one assigned item in one report."""

    commune_path = "report__body__commune"

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="items", verbose_name=_("báo cáo")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="progress", verbose_name=_("nhiệm vụ"))
    status = models.CharField(_("tình hình thực hiện"), max_length=20, choices=ItemStatus.choices, blank=True)
    done = models.TextField(_("kết quả đã thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    # Each row's words, as the body changed them (reports.services writes only the rows that changed).
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__area__order", "item__order"]
        constraints = [models.UniqueConstraint(fields=["report", "item"], name="progress_unique_report_item")]
        verbose_name = _("kết quả thực hiện nhiệm vụ")
        verbose_name_plural = _("kết quả thực hiện nhiệm vụ")

    def __str__(self) -> str:
        return f"{self.report} – {self.item.code}"


class FigureValue(CommuneScoped):
    """One figure of one item's progress."""

    commune_path = "progress__report__body__commune"

    progress = models.ForeignKey(ItemProgress, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.PositiveIntegerField(_("số liệu"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["progress", "indicator"], name="figure_unique_progress_indicator")
        ]
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    def clean(self) -> None:
        if self.value is not None and self.value > self.indicator.max_value:
            raise ValidationError({"value": _("Số liệu vượt quá giới hạn cho phép.")})


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is ours, never the uploader's: it cannot climb out of MEDIA_ROOT or collide.
    return (
        f"reports/{instance.report.period_id}/{instance.report_id}/{timezone.now():%Y%m%d%H%M%S%f}.{instance.extension}"
    )


class Attachment(CommuneScoped):
    """A file attached to a report; stored under MEDIA_ROOT and served only through a permission-checked view."""

    commune_path = "report__body__commune"

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("reports:attachment", args=[self.pk])


class ReviewEvent(CommuneScoped):
    """Who did what to a report and when: submitted, returned (with a comment), accepted, reopened, reminded,
    or changed by the coordinator's XLSX import (the comment lists what the file changed)."""

    commune_path = "report__body__commune"

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Nộp báo cáo")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Duyệt")
        REOPENED = "reopened", _("Mở lại")
        REMINDED = "reminded", _("Nhắc nộp")
        IMPORTED = "imported", _("Cập nhật từ tệp XLSX")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("sự kiện duyệt báo cáo")
        verbose_name_plural = _("sự kiện duyệt báo cáo")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.report}"


class ExportJob(CommuneScoped):
    """A consolidated-report file being built by a Celery task; the page polls it until it is ready."""

    commune_path = "period__plan__commune"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Lỗi")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10, choices=Format.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True, max_length=255)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.period} ({self.format})"

    def get_absolute_url(self) -> str:
        return reverse("consolidation:export", args=[self.pk])


class ConsolidatedIssue(CommuneScoped):
    """What an issued Báo cáo of a period holds: the reports (and their versions) it was made from.

    The signed file and its number live in the issuance app; this row is what lets a new issue tell
    "nothing changed since …" (refused) from "new acceptances since …" (a new number superseding the old).
    """

    commune_path = "period__plan__commune"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        "issuance.IssuedDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("văn bản đã ban hành")
    )
    contents = models.CharField(_("mã băm nội dung"), max_length=64)
    reports_count = models.PositiveIntegerField(_("số báo cáo đã tổng hợp"))

    class Meta:
        ordering = ["-document__issued_at", "-pk"]
        verbose_name = _("báo cáo tổng hợp đã ban hành")
        verbose_name_plural = _("báo cáo tổng hợp đã ban hành")

    def __str__(self) -> str:
        return f"{self.period} – {self.document_id}"


class PortalFigure(CommuneScoped):
    """A figure the portal itself counted for a period (cases received and settled, reception sessions held,
    disclosures posted), set by the app that holds the records (publicity calls reports.services, never the
    other way round). Shown beside the bodies' own figures, so the two can be compared."""

    commune_path = "period__plan__commune"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="portal_figures")
    code = models.SlugField(_("mã"), max_length=60)
    label = models.CharField(_("tên số liệu"), max_length=255)
    value = models.PositiveIntegerField(_("số liệu"))
    order = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="portal_figure_unique_period_code")]
        verbose_name = _("số liệu ghi nhận trên cổng")
        verbose_name_plural = _("số liệu ghi nhận trên cổng")

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"
