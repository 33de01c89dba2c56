"""Deadline reminders: the coordinator's settings and templates, what was sent (exactly once) and in-app notices."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.scoping import CommuneScoped, CommuneScopedManager
from plans.models import Body, ReportingPeriod

_DAYS = RegexValidator(
    r"^\s*(\d{1,3}\s*(,\s*\d{1,3}\s*)*)?$", _("Nhập các số ngày, cách nhau bằng dấu phẩy, ví dụ: 14, 7, 3, 1, 0.")
)


def notice_code(offset: int) -> str:
    """The notice's key: "T-14" fourteen days before the due date, "T" on it, "T+7" a week late."""
    return "T" if offset == 0 else f"T{offset:+d}"


def notice_offset(code: str) -> int:
    return 0 if code == "T" else int(code[1:])


def offset_words(offset: int) -> str:
    """How the pages and the e-mails say a notice: "3 ngày trước hạn", "đúng hạn", "2 ngày sau hạn"."""
    if offset == 0:
        return str(_("đúng hạn"))
    if offset < 0:
        return str(_("%(days)s ngày trước hạn") % {"days": -offset})
    return str(_("%(days)s ngày sau hạn") % {"days": offset})


def notice_words(code: str) -> str:
    """A stored notice key in words ("T-3" → "3 ngày trước hạn"); other keys (summaries) as they are."""
    try:
        return offset_words(notice_offset(code)) if code.startswith("T") else code
    except ValueError:
        return code


def parse_days(text: str) -> list[int]:
    return sorted({int(part) for part in text.replace(" ", "").split(",") if part})


class ReminderSettings(CommuneScoped):
    """A commune's row of reminder settings, which its coordinator edits (offsets in days around each due date);
    a commune without one uses the defaults (selectors.reminder_settings)."""

    commune = models.OneToOneField(
        "communes.Commune", on_delete=models.PROTECT, related_name="reminder_settings", verbose_name=_("xã, phường")
    )
    days_before = models.CharField(
        _("nhắc trước hạn (số ngày)"),
        max_length=100,
        default="14, 7, 3, 1, 0",
        validators=[_DAYS],
        help_text=_("Số ngày trước hạn nộp; 0 là đúng ngày hết hạn."),
    )
    days_after = models.CharField(
        _("nhắc quá hạn (số ngày)"),
        max_length=100,
        default="1, 7",
        validators=[_DAYS],
        blank=True,
        help_text=_("Số ngày sau hạn nộp mà đơn vị vẫn chưa nộp."),
    )
    enabled = models.BooleanField(_("gửi nhắc hạn"), default=True)
    digest_enabled = models.BooleanField(_("gửi bản tổng hợp hằng tuần cho cán bộ đầu mối"), default=True)
    leadership_enabled = models.BooleanField(_("gửi báo cáo tình hình cho lãnh đạo sau hạn nộp"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cài đặt nhắc hạn")
        verbose_name_plural = _("cài đặt nhắc hạn")

    def __str__(self) -> str:
        return str(_("Cài đặt nhắc hạn"))

    @property
    def schedule_words(self) -> list[str]:
        """The notices in words, in the order they go out: ["14 ngày trước hạn", …, "đúng hạn", "1 ngày sau hạn"]."""
        return [offset_words(offset) for offset in self.offsets]

    @property
    def offsets(self) -> list[int]:
        """Every notice's offset in days from the due date, ascending: [-14, -7, -3, -1, 0, 1, 7]."""
        before = [-d for d in parse_days(self.days_before)]
        after = [d for d in parse_days(self.days_after) if d > 0]
        return sorted(set(before + after))


class NoticeKind(models.TextChoices):
    BEFORE = "before", _("Nhắc trước hạn nộp")
    DUE = "due", _("Nhắc đúng ngày hết hạn")
    OVERDUE = "overdue", _("Thông báo quá hạn")
    DIGEST = "digest", _("Tổng hợp hằng tuần gửi cán bộ đầu mối")
    LEADERSHIP = "leadership", _("Báo cáo lãnh đạo sau hạn nộp")


class NoticeTemplateManager(CommuneScopedManager):
    def get_by_natural_key(self, commune_code: str, kind: str) -> NoticeTemplate:
        return self.get(commune__code=commune_code, kind=kind)


class NoticeTemplate(CommuneScoped):
    """A commune's words of one kind of notice, in Django template syntax (the layout around them is in files)."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    kind = models.CharField(_("loại thông báo"), max_length=20, choices=NoticeKind.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    updated_at = models.DateTimeField(auto_now=True)

    # A natural key: a restore lands on the default rows migrate re-creates instead of clashing with them.
    objects = NoticeTemplateManager()
    all_communes = models.Manager()  # noqa: DJ012

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["commune", "kind"], name="noticetemplate_unique_commune_kind")]
        verbose_name = _("mẫu thư")
        verbose_name_plural = _("mẫu thư")

    def __str__(self) -> str:
        return self.get_kind_display()

    def natural_key(self) -> tuple[str, str]:
        return (self.commune.code, self.kind)


class ReminderLog(CommuneScoped):
    """One reminder to one body for one period's notice: claimed (inserted) before it is sent, so the
    database's unique key is what makes two beats, a retried task or a re-run send it once."""

    commune_path = "body__commune"

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        CANCELLED = "cancelled", _("Không gửi (đơn vị đã nộp)")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    notice = models.CharField(_("mốc nhắc"), max_length=8)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.CLAIMED)
    recipients = models.JSONField(_("người nhận"), default=list)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    # Which run inserted the row: a run claims many rows in one statement, then reads back its own.
    run = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(fields=["body", "period", "notice"], name="reminderlog_unique_body_period_notice")
        ]
        indexes = [models.Index(fields=["period", "status"])]
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")

    def __str__(self) -> str:
        return f"{self.body} – {self.period} – {self.notice_label}"

    @property
    def notice_label(self) -> str:
        return notice_words(self.notice)


# The city's word to a commune that has not sent its Báo cáo (city.reminders): claimed and sent like a summary,
# once per (commune, city period, notice). Not a NoticeKind: a commune has no words of its own to edit for it.
CITY_REMINDER = "city"
SUMMARY_KINDS = [
    (NoticeKind.DIGEST, NoticeKind.DIGEST.label),
    (NoticeKind.LEADERSHIP, NoticeKind.LEADERSHIP.label),
    (CITY_REMINDER, _("Thành phố nhắc xã gửi báo cáo")),
]


class SummaryLog(CommuneScoped):
    """A commune's digest or leadership summary, claimed like a reminder: key is the ISO week or the period.
    Each commune's coordinator gets their own digest of a week, so the commune is part of the unique key."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã, phường")
    )
    kind = models.CharField(max_length=20, choices=SUMMARY_KINDS)
    key = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=ReminderLog.Status.choices, default=ReminderLog.Status.CLAIMED)
    recipients = models.JSONField(default=list)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "kind", "key"], name="summarylog_unique_commune_kind_key")
        ]
        verbose_name = _("bản tổng hợp đã gửi")
        verbose_name_plural = _("bản tổng hợp đã gửi")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class Notification(CommuneScoped):
    """An in-app notice for one user, keyed by (user, period, notice) like the e-mail it mirrors."""

    commune_path = "period__plan__commune"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    notice = models.CharField(max_length=12)
    title = models.CharField(_("tiêu đề"), max_length=255)
    text = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "period", "notice"], name="notification_unique_user_period_notice")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.title
