"""Disclosures (công khai), citizens' feedback (phản ánh, kiến nghị) and the citizen-reception schedule."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from camgiang_portal.validators import no_html
from communes.scoping import CommuneScoped, scoped_manager
from plans.models import Body, Item

from .choices import (  # noqa: F401 - re-exported: publicity.models is where callers import them from
    LOUDSPEAKER_3_DAYS,
    PERMANENT,
    POSTED_30_DAYS,
    DisclosureCategory,
    DisclosureForm,
)
from .state_guard import StateGuarded, StateGuardedQuerySet

# --------------------------------------------------------------------------- rate limits


class RateLimitHit(models.Model):
    """One counted attempt (a feedback sent, a case looked up), kept when no shared Redis can count it.

    The address is stored only as a keyed hash (publicity.services.address_digest), never as such,
    and rows older than the window are deleted as new ones come in.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"]), models.Index(fields=["scope", "at"])]
        verbose_name = _("lượt truy cập được đếm")
        verbose_name_plural = _("lượt truy cập được đếm")

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%d/%m/%Y %H:%M}"


# --------------------------------------------------------------------------- feedback


class FeedbackKind(models.TextChoices):
    PHAN_ANH = "phan_anh", _("Phản ánh")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    KHIEU_NAI = "khieu_nai", _("Khiếu nại")
    TO_CAO = "to_cao", _("Tố cáo")


PUBLIC_KINDS = [FeedbackKind.PHAN_ANH, FeedbackKind.KIEN_NGHI]


class Channel(models.TextChoices):
    WEB = "web", _("Biểu mẫu trên cổng thông tin")
    RECEPTION = "tiep_cong_dan", _("Tiếp công dân")
    LETTER = "don_thu", _("Đơn thư")
    BOX = "hom_thu", _("Hòm thư góp ý")
    HOTLINE = "duong_day_nong", _("Đường dây nóng")
    MTTQ = "mttq_chuyen", _("Ủy ban MTTQ chuyển đến")
    TTND = "ban_ttnd", _("Ban Thanh tra nhân dân")
    GSDTCD = "ban_gsdtcd", _("Ban Giám sát đầu tư của cộng đồng")
    VILLAGE_MEETING = "hop_thon", _("Hội nghị, họp thôn")
    DIALOGUE = "doi_thoai", _("Hội nghị đối thoại")
    ONLINE = "truc_tuyen", _("Tiếp công dân trực tuyến")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan giải quyết")
    ANSWERED = "answered", _("Đã có dự thảo trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    PUBLISHED = "published", _("Đã công bố kết quả")


class FeedbackCodeCounter(CommuneScoped):
    """The last serial number a commune handed out in a year, from when codes were PA-YYYY-NNNNNN.

    New codes are random (publicity.codes, issue 13) and no longer read it; the table stays for the
    serial codes already handed out and for the benchmarks that build cases in bulk. One row per commune
    and year, so that a second commune never continues the first one's count.
    """

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="feedback_code_counter_per_year")]
        verbose_name = _("bộ đếm mã phản ánh")
        verbose_name_plural = _("bộ đếm mã phản ánh")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


def commune_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name=related_name, verbose_name=_("xã, phường")
    )


class Feedback(StateGuarded, CommuneScoped):
    """A citizen's phản ánh or kiến nghị, from any channel, tracked to its published answer.

    Its state moves only through publicity.workflow.transition() (publicity.state_guard). StateGuarded comes
    first so that its save() and from_db() wrap the model's.
    """

    initial_status = FeedbackStatus.RECEIVED  # as services.feedback_submit creates it

    commune = commune_field("feedback")
    # Unique across the platform: the code carries its commune's official code (publicity.codes).
    code = models.CharField(_("mã theo dõi"), max_length=30, unique=True, editable=False)
    kind = models.CharField(_("loại"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.PHAN_ANH)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    village = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn"),
        limit_choices_to={"kind": Body.Kind.VILLAGE},
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("nhiệm vụ của kế hoạch"),
    )
    # Personal data (Decree 13/2023): shown only to the MTTQ and the handling body, erased after retention.
    name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    consent = models.BooleanField(_("đồng ý được liên hệ"), default=False)
    personal_data_erased_at = models.DateTimeField(_("xóa dữ liệu cá nhân lúc"), null=True, blank=True, editable=False)

    status = models.CharField(
        _("trạng thái"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    received_on = models.DateField(_("ngày tiếp nhận"), default=datetime.date.today)
    ack_due = models.DateField(_("hạn thông báo thụ lý"))
    acknowledged_on = models.DateField(_("ngày thông báo thụ lý"), null=True, blank=True)
    handling_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_feedback",
        verbose_name=_("cơ quan giải quyết"),
    )
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công khai câu trả lời lúc"), null=True, blank=True)
    public_summary = models.TextField(_("tóm tắt công khai"), blank=True)
    access_key = models.CharField(max_length=32, editable=False)
    citizen_resolved = models.BooleanField(_("công dân xác nhận đã giải quyết"), null=True, blank=True)
    citizen_resolved_at = models.DateTimeField(_("công dân xác nhận lúc"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = scoped_manager(StateGuardedQuerySet)
    all_communes = StateGuardedQuerySet.as_manager()  # noqa: DJ012

    # Who moved the case, when, from which state to which. The audit page is read by the coordinator and
    # leadership, who do not handle cases: the citizen's identity, their words, the answer and the access
    # key are not copied into the history (erasure of personal data must leave no copy behind either).
    history = HistoricalRecords(
        excluded_fields=[
            "name",
            "phone",
            "email",
            "subject",
            "content",
            "answer",
            "public_summary",
            "access_key",
            "search_text",
        ]
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["handling_body", "status"]),
        ]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        permissions = [
            (
                "moderate_feedback",
                _("Tiếp nhận, phân loại, chuyển, giám sát, kết thúc và công bố mọi phản ánh (Ủy ban MTTQ)"),
            )
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("publicity:feedback_status", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.status not in (FeedbackStatus.CLOSED, FeedbackStatus.PUBLISHED)

    @property
    def is_public(self) -> bool:
        return self.status == FeedbackStatus.PUBLISHED

    def ack_overdue(self, today: datetime.date) -> bool:
        return self.acknowledged_on is None and today > self.ack_due

    def answer_overdue(self, today: datetime.date) -> bool:
        return (
            self.answer_due is not None
            and self.status in (FeedbackStatus.CLASSIFIED, FeedbackStatus.FORWARDED)
            and today > self.answer_due
        )


class FeedbackStep(CommuneScoped):
    """One step of the workflow, in order: who did what, when, with which note."""

    commune_path = "feedback__commune"

    class Action(models.TextChoices):
        RECEIVED = "received", _("Tiếp nhận")
        CLASSIFIED = "classified", _("Ủy ban MTTQ phân loại, thông báo thụ lý")
        FORWARDED = "forwarded", _("Chuyển cơ quan giải quyết")
        ANSWERED = "answered", _("Cơ quan giải quyết dự thảo trả lời")
        RETURNED = "returned", _("Ủy ban MTTQ yêu cầu trả lời lại")
        CLOSED = "closed", _("Ủy ban MTTQ giám sát, kết thúc")
        PUBLISHED = "published", _("Công bố kết quả")
        CITIZEN = "citizen", _("Công dân đánh giá kết quả")
        ERASED = "erased", _("Xóa thông tin cá nhân hết thời hạn lưu")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["feedback", "at", "id"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.action}"


def _attachment_path(instance, filename: str) -> str:
    # The stored name never uses the citizen's file name: it is kept only as display text.
    return f"publicity/{instance.folder}/{timezone.now():%Y/%m}/{instance.token}.{instance.extension}"


class AttachmentBase(models.Model):
    file = models.FileField(upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    token = models.CharField(max_length=32, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class FeedbackAttachment(AttachmentBase, CommuneScoped):
    commune_path = "feedback__commune"
    folder = "feedback"
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("tệp đính kèm phản ánh")
        verbose_name_plural = _("tệp đính kèm phản ánh")


class PersonalDataAccess(CommuneScoped):
    """Each time an official was shown a case's personal data (Decree 13/2023)."""

    commune_path = "feedback__commune"

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="personal_data_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    purpose = models.CharField(max_length=40, default="view")

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt xem thông tin cá nhân")
        verbose_name_plural = _("lượt xem thông tin cá nhân")

    def __str__(self) -> str:
        return f"{self.user} {self.feedback_id} {self.at:%d/%m/%Y %H:%M}"


# --------------------------------------------------------------------------- disclosures


class DisclosureStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đang công khai")
    ARCHIVED = "archived", _("Đã kết thúc công khai")


class DisclosureItem(CommuneScoped):
    """One thing the commune discloses, with the forms used and the period it stays disclosed."""

    commune = commune_field("disclosures")

    category = models.PositiveSmallIntegerField(_("nhóm nội dung (Điều 11)"), choices=DisclosureCategory.choices)
    # Plain text, the progress forms' rule: the text also goes out in feeds and open data.
    title = models.CharField(_("tiêu đề"), max_length=255, validators=[no_html])
    text = models.TextField(_("nội dung"), blank=True, validators=[no_html])
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("cơ quan chịu trách nhiệm")
    )
    forms = models.JSONField(_("hình thức công khai"), default=list, blank=True)
    decision_date = models.DateField(_("ngày ban hành quyết định, văn bản"), null=True, blank=True)
    start_date = models.DateField(_("ngày bắt đầu công khai"), null=True, blank=True)
    min_days = models.PositiveSmallIntegerField(_("số ngày công khai tối thiểu"), null=True, blank=True)
    loudspeaker_days = models.PositiveSmallIntegerField(_("số ngày phát trên loa truyền thanh"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=DisclosureStatus.choices, default=DisclosureStatus.DRAFT
    )
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    archived_on = models.DateField(_("ngày kết thúc công khai"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("lý do kết thúc sớm"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["status", "start_date"]), models.Index(fields=["category", "status"])]
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publicity:disclosure", args=[self.pk])

    @property
    def is_permanent(self) -> bool:
        return self.category in PERMANENT

    @property
    def planned_end(self) -> datetime.date | None:
        """The last day the item must stay posted (None: permanent or not started)."""
        if self.start_date is None or self.is_permanent or not self.min_days:
            return None
        return self.start_date + datetime.timedelta(days=self.min_days - 1)

    def form_labels(self) -> list[str]:
        labels = dict(DisclosureForm.choices)
        return [str(labels[f]) for f in self.forms if f in labels]


class DisclosureAttachment(AttachmentBase, CommuneScoped):
    commune_path = "disclosure__commune"
    folder = "disclosures"
    disclosure = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("tệp đính kèm công khai")
        verbose_name_plural = _("tệp đính kèm công khai")


# --------------------------------------------------------------------------- citizen reception


class ReceptionSession(CommuneScoped):
    """A session of the chairman's citizen reception (lịch tiếp công dân), and whether it was held."""

    commune = commune_field("reception_sessions")

    date = models.DateField(_("ngày"))
    start_time = models.TimeField(_("từ giờ"), default=datetime.time(7, 30))
    end_time = models.TimeField(_("đến giờ"), default=datetime.time(11, 30))
    place = models.CharField(_("địa điểm"), max_length=255, default="Trụ sở UBND xã Cẩm Giang")
    receiver = models.CharField(_("người tiếp"), max_length=255)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    held = models.BooleanField(_("đã tổ chức"), default=False)
    citizens_received = models.PositiveSmallIntegerField(_("số lượt công dân"), default=0)
    outcome = models.TextField(_("kết quả"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.receiver}"
