"""The city above the communes: who works for it, and the periods it asks the communes to report on.

Platform-wide rows (not CommuneScoped): the city reads every commune of the platform's province. A commune's
report to the city is not stored here: it is the commune's issued Báo cáo for the matching period
(city.selectors.receipts reads it from issuance), so there is one record of what a commune sent and when.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.parsing.dates import PERIOD_ORDER, PERIODS


class CityRole(models.TextChoices):
    # Sở Nội vụ: follows the communes' reports, reminds, keeps the periods, drafts the city's Báo cáo.
    OFFICER = "officer", _("Cán bộ Sở Nội vụ")
    # A leader of the city's People's Committee: reads everything the officer reads.
    LEADER = "leader", _("Lãnh đạo UBND thành phố")


class CityMember(models.Model):
    """A user of the city level. Not a Membership: a city official belongs to no commune's body."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_membership", verbose_name=_("tài khoản")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=CityRole.choices)
    # What a leader signs the city's Báo cáo as (the stamp's "Phó Chủ tịch", signing.position_title); the paper's
    # signature lines follow it (KT. CHỦ TỊCH above a vice-chairman).
    position = models.CharField(
        _("chức vụ"), max_length=120, blank=True, default="Phó Chủ tịch", help_text=_("Ví dụ: Chủ tịch, Phó Chủ tịch.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ thành phố")
        verbose_name_plural = _("cán bộ thành phố")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


PERIOD_CHOICES = [(code, PERIODS[code][0]) for code in PERIOD_ORDER]


class CityPeriod(models.Model):
    """A report the city asks of every commune: the commune's period with the same code and year answers it,
    and the city's own deadline (later than the commune's bodies' one) decides whether it came on time."""

    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("kỳ"), max_length=20, choices=PERIOD_CHOICES)
    due_date = models.DateField(_("hạn xã gửi thành phố"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"],
                name="cityperiod_unique_year_code",
                violation_error_message=_("Thành phố đã có kỳ báo cáo này của năm đó."),
            )
        ]
        verbose_name = _("kỳ báo cáo của thành phố")
        verbose_name_plural = _("kỳ báo cáo của thành phố")

    def __str__(self) -> str:
        return f"{self.label} {self.year}"

    @property
    def label(self) -> str:
        return str(PERIODS[self.code][0]) if self.code in PERIODS else self.code

    def clean(self) -> None:
        if self.year and self.due_date and not (self.year <= self.due_date.year <= self.year + 1):
            raise ValidationError({"due_date": _("Hạn gửi phải trong năm báo cáo hoặc đầu năm sau.")})


class CityReportDraft(models.Model):
    """The Sở Nội vụ's draft of the city's own Báo cáo for a period, one level up from a commune's: the opening
    and each section's text (city.report.SECTIONS). A section not in ``texts`` reads its pre-filled text until
    saved. Every save bumps ``version`` and is kept in the history: an editor on an older page gets the
    conflict message, never an overwrite (city.report.draft_save)."""

    city_period = models.OneToOneField(
        CityPeriod, on_delete=models.CASCADE, related_name="report_draft", verbose_name=_("kỳ báo cáo")
    )
    basis = models.TextField(_("căn cứ, mở đầu"), blank=True)
    texts = models.JSONField(_("nội dung các mục"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("lần lưu"), default=0, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cập nhật"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dự thảo báo cáo của thành phố")
        verbose_name_plural = _("dự thảo báo cáo của thành phố")

    def __str__(self) -> str:
        return f"{_('Dự thảo báo cáo')} – {self.city_period}"


class CityIssue(models.Model):
    """One issued version of the city's Báo cáo of a period: the signed paper (in the city's register,
    issuance.IssuedDocument with no commune) and the draft version it printed, so that issuing again without a
    change is refused (city.issuing)."""

    city_period = models.ForeignKey(
        CityPeriod, on_delete=models.PROTECT, related_name="issues", verbose_name=_("kỳ báo cáo")
    )
    document = models.OneToOneField(
        "issuance.IssuedDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("văn bản đã ban hành")
    )
    draft_version = models.PositiveIntegerField(_("lần lưu dự thảo đã ban hành"))
    created_at = models.DateTimeField(_("ban hành lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lần ban hành báo cáo của thành phố")
        verbose_name_plural = _("các lần ban hành báo cáo của thành phố")

    def __str__(self) -> str:
        return f"{self.document.symbol} – {self.city_period}"
