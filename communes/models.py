"""The commune-level units the platform knows (from the official list) and the ones it serves."""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

host_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Tên miền không hợp lệ (ví dụ: camgiang.haiphong.gov.vn, không có http://)."),
    flags=re.IGNORECASE,  # clean() stores it in lower case
)


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu) of the official list; `on_platform` once it uses the portal."""

    class Kind(models.TextChoices):
        XA = "xa", _("Xã")
        PHUONG = "phuong", _("Phường")
        DAC_KHU = "dac_khu", _("Đặc khu")

    code = models.CharField(_("mã đơn vị hành chính"), max_length=5, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    slug = models.SlugField(_("tên đường dẫn"), max_length=60, unique=True)
    province_code = models.CharField(_("mã tỉnh, thành phố"), max_length=2)
    province_name = models.CharField(_("tỉnh, thành phố"), max_length=120)
    host = models.CharField(
        _("tên miền"),
        max_length=253,
        blank=True,
        validators=[host_validator],
        help_text=_("Tên miền riêng của xã trên cổng (nếu có), ví dụ camgiang.haiphong.gov.vn."),
    )
    on_platform = models.BooleanField(_("đang dùng cổng"), default=False)
    # A unit the official list no longer has (merged, renamed) is kept with its data, never deleted.
    in_official_list = models.BooleanField(_("còn trong danh mục chính thức"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["province_code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["host"], condition=~Q(host=""), name="commune_unique_host"),
        ]
        permissions = [("add_to_platform", _("Đưa xã, phường lên cổng"))]
        verbose_name = _("xã, phường, đặc khu")
        verbose_name_plural = _("xã, phường, đặc khu")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.host = self.host.strip().lower()

    @property
    def place_name(self) -> str:
        """ "Cẩm Giang" for "Xã Cẩm Giang": the name without its kind, as titles put their own ("UBND xã …")."""
        name, kind = self.name.strip(), str(self.get_kind_display())
        if name.lower().startswith(kind.lower() + " "):
            return name[len(kind) :].strip()
        return name

    @property
    def kind_word(self) -> str:
        """ "xã", "phường", "đặc khu": the word official titles use ("UBND xã")."""
        return str(self.get_kind_display()).lower()
