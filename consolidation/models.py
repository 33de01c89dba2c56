"""The outline of a period's Báo cáo as data: its ordered sections and where each plan item and figure goes.

The forms stay reports' models; what consolidation keeps is how the commune's report is laid out — by the
Law's contents, not by plan item (consolidation.outline_defaults) — which the coordinator edits in the browser
or replaces by the outline a superior sent (consolidation.outline). Changes go through consolidation.outline,
which checks who, what and the outline's version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.scoping import CommuneScoped
from plans.models import Item, ReportingPeriod
from reports.models import Indicator

from .outline_defaults import COMPUTED, WRITTEN

TITLE_MAX = 200


class ReportOutline(CommuneScoped):
    """One per reporting period, created from the default on first use."""

    commune_path = "period__plan__commune"

    class Source(models.TextChoices):
        DEFAULT = "default", _("Đề cương mặc định")
        LOADED = "loaded", _("Đề cương cấp trên gửi")

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="outline", verbose_name=_("kỳ báo cáo")
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=Source.choices, default=Source.DEFAULT)
    source_name = models.CharField(_("tệp đề cương"), max_length=255, blank=True)
    # Every change bumps it: an editor on an older page gets the conflict message, not an overwrite.
    version = models.PositiveIntegerField(_("lần sửa"), default=1, editable=False)
    # A digest of the last change (who, from which version, what): the same request again is a second click.
    last_action = models.CharField(max_length=64, blank=True, editable=False)
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
    history = HistoricalRecords(excluded_fields=["updated_at", "last_action"])

    class Meta:
        verbose_name = _("đề cương báo cáo")
        verbose_name_plural = _("đề cương báo cáo")

    def __str__(self) -> str:
        return f"{_('Đề cương báo cáo')} – {self.period}"


class OutlineSection(CommuneScoped):
    commune_path = "outline__period__plan__commune"

    class Kind(models.TextChoices):
        COMPUTED = COMPUTED, _("Kết quả tổng hợp từ báo cáo")
        WRITTEN = WRITTEN, _("Cán bộ đầu mối viết")

    outline = models.ForeignKey(
        ReportOutline, on_delete=models.CASCADE, related_name="sections", verbose_name=_("đề cương báo cáo")
    )
    # The default section this is ("tiep-cong-dan"), kept through renames; "" for one the coordinator added.
    key = models.SlugField(_("mã mục"), max_length=40, blank=True)
    title = models.CharField(_("tên mục"), max_length=TITLE_MAX)
    level = models.PositiveSmallIntegerField(
        _("cấp"), choices=[(1, _("Mục lớn (I, II …)")), (2, _("Mục nhỏ (1, 2 …)"))]
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.COMPUTED)
    hint = models.CharField(_("gợi ý nội dung"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outline", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outline", "key"], condition=~models.Q(key=""), name="outline_section_unique_key"
            ),
        ]
        verbose_name = _("mục đề cương")
        verbose_name_plural = _("mục đề cương")

    def __str__(self) -> str:
        return self.title


class ItemPlacement(CommuneScoped):
    """The section a plan item's results are reported under, in one period's outline."""

    commune_path = "outline__period__plan__commune"

    outline = models.ForeignKey(
        ReportOutline, on_delete=models.CASCADE, related_name="item_placements", verbose_name=_("đề cương báo cáo")
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+", verbose_name=_("nhiệm vụ"))
    # CASCADE so that a plan or period deleted takes its outline along; a section with items in it is never
    # deleted by the coordinator (consolidation.outline.section_delete refuses, outline_replace re-places them).
    section = models.ForeignKey(
        OutlineSection, on_delete=models.CASCADE, related_name="item_placements", verbose_name=_("mục")
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outline", "item"], name="item_placement_unique")]
        verbose_name = _("nhiệm vụ trong mục")
        verbose_name_plural = _("nhiệm vụ trong mục")

    def __str__(self) -> str:
        return f"{self.item_id} → {self.section}"


class FigurePlacement(CommuneScoped):
    """The section a standard figure (reports.Indicator) is printed in, in one period's outline."""

    commune_path = "outline__period__plan__commune"

    outline = models.ForeignKey(
        ReportOutline, on_delete=models.CASCADE, related_name="figure_placements", verbose_name=_("đề cương báo cáo")
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("chỉ tiêu"))
    section = models.ForeignKey(
        OutlineSection, on_delete=models.CASCADE, related_name="figure_placements", verbose_name=_("mục")
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outline", "indicator"], name="figure_placement_unique")]
        verbose_name = _("chỉ tiêu trong mục")
        verbose_name_plural = _("chỉ tiêu trong mục")

    def __str__(self) -> str:
        return f"{self.indicator_id} → {self.section}"


class ReportDraft(CommuneScoped):
    """The coordinator's draft of a period's Báo cáo: the opening and each outline section's text.

    Plain text with paragraphs (no HTML). A section not in ``texts`` reads its pre-filled text
    (consolidation.drafting.prefill) until the coordinator saves it. Every save is a version kept in the
    history, so nothing typed is ever lost, and bumps ``version``: an editor on an older page gets the
    conflict message, never an overwrite (consolidation.drafts.draft_save).
    """

    commune_path = "period__plan__commune"

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="report_draft", verbose_name=_("kỳ báo cáo")
    )
    basis = models.TextField(_("căn cứ, mở đầu"), blank=True)
    # str(OutlineSection.pk) -> text. JSON rather than a row per section: one row is one version, and the
    # history keeps whole versions a coordinator can go back to.
    texts = models.JSONField(_("nội dung các mục"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("lần lưu"), default=0, editable=False)
    last_action = models.CharField(max_length=64, blank=True, editable=False)
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
    history = HistoricalRecords(excluded_fields=["last_action"])

    class Meta:
        verbose_name = _("dự thảo báo cáo")
        verbose_name_plural = _("dự thảo báo cáo")

    def __str__(self) -> str:
        return f"{_('Dự thảo báo cáo')} – {self.period}"


class IssuedDraft(CommuneScoped):
    """What an issued Báo cáo printed, frozen: the draft version it was issued from and the paper's content
    (opening, sections, appendix as text). The signed PDF is in the issuing app; this is its readable record."""

    commune_path = "period__plan__commune"

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        "issuance.IssuedDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("văn bản đã ban hành")
    )
    draft_version = models.PositiveIntegerField(_("lần lưu dự thảo"), default=0)  # 0: the pre-filled draft
    content = models.JSONField(_("nội dung đã in"), default=dict)

    class Meta:
        verbose_name = _("nội dung báo cáo đã ban hành")
        verbose_name_plural = _("nội dung báo cáo đã ban hành")

    def __str__(self) -> str:
        return f"{self.period} – {self.document_id}"
