"""Forms of consolidation's pages: the period's grace days, the figures XLSX read back."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class GraceForm(forms.Form):
    grace_days = forms.IntegerField(label=_("Số ngày gia hạn sau hạn nộp"), min_value=0, max_value=90)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX số liệu (đúng mẫu tải từ báo cáo tổng hợp)"))
