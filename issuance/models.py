"""Issued official papers: their number, the signed file (stored once, never rewritten) and its hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communes.scoping import CommuneScoped


class DocType(models.TextChoices):
    PLAN = "KH", _("Kế hoạch")
    REPORT = "BC", _("Báo cáo")


# A row with no commune is the city's own: the city's People's Committee keeps its own register above the
# communes' (its Báo cáo is 01/BC-UBND of the city whatever the communes numbered). A commune being served never
# sees these rows: the scoped manager's "commune = X" leaves out the NULLs.
CITY_ROW = Q(commune__isnull=True)


class DocumentCounter(CommuneScoped):
    """The last number a commune (or, with no commune, the city) gave a document type in a year; its row is
    locked while a number is taken. Each commune has its own register (its own People's Committee numbers its
    papers from 01 each year), and so has the city."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã, phường"),
        help_text=_("Để trống: sổ của Ủy ban nhân dân thành phố."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(_("loại văn bản"), max_length=4, choices=DocType.choices)
    last_number = models.PositiveIntegerField(_("số cuối cùng đã cấp"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "doc_type"], name="counter_unique_commune_year_type"),
            # NULLs are distinct in a unique index (SQLite and PostgreSQL alike): the city's register needs its own,
            # partial, so that two first issues of a year cannot create two counters.
            models.UniqueConstraint(
                fields=["year", "doc_type"], condition=CITY_ROW, name="counter_unique_city_year_type"
            ),
        ]
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")

    def __str__(self) -> str:
        return f"{self.doc_type} {self.year}: {self.last_number}"


def issued_upload_to(instance: IssuedDocument, filename: str) -> str:
    return f"issued/{instance.year}/{instance.doc_type}/{filename}"


class IssuedDocument(CommuneScoped):
    """One issued paper (Số 12/KH-UBND) of one commune, or of the city (no commune): a new version is a new row
    that supersedes the old one. The public verification page finds a paper by its hash whatever its commune
    (`all_communes`)."""

    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã, phường"),
        help_text=_("Để trống: văn bản của Ủy ban nhân dân thành phố."),
    )

    doc_type = models.CharField(_("loại văn bản"), max_length=4, choices=DocType.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    title = models.TextField(_("trích yếu"))
    issued_at = models.DateTimeField(_("thời điểm ban hành"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    file = models.FileField(_("tệp đã ký"), upload_to=issued_upload_to, max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=120)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120)
    # What the paper issues, as plain fields so this app needs no foreign key into the apps above plans.
    plan_id = models.PositiveBigIntegerField(_("mã kế hoạch"), null=True, blank=True, db_index=True)
    report_key = models.CharField(_("mã báo cáo"), max_length=120, blank=True, db_index=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("thay thế văn bản"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "doc_type", "number"], name="issued_unique_commune_number"
            ),
            models.UniqueConstraint(
                fields=["year", "doc_type", "number"], condition=CITY_ROW, name="issued_unique_city_number"
            ),
        ]
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("văn bản đã ban hành")

    def __str__(self) -> str:
        return f"{self.symbol} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("issuance:download", args=[self.sha256])

    @property
    def is_city(self) -> bool:
        """The city's own paper (its People's Committee's register), not a commune's."""
        return self.commune_id is None

    @property
    def issuer_name(self) -> str:
        """The People's Committee that issued it, as its seal names it."""
        from . import agency

        return agency.issuer_name(self.commune)

    @property
    def is_current(self) -> bool:
        # The reverse one-to-one raises (an AttributeError) when no newer version exists.
        return not hasattr(self, "superseded_by")

    @property
    def filename(self) -> str:
        return f"{self.doc_type.lower()}-{self.year}-so-{self.number:02d}.pdf"
