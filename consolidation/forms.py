"""Forms of consolidation's pages: the period's grace days and data span, the figures XLSX read back."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class GraceForm(forms.Form):
    grace_days = forms.IntegerField(label=_("Số ngày gia hạn sau hạn nộp"), min_value=0, max_value=90)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp XLSX số liệu (đúng mẫu tải từ báo cáo tổng hợp)"))


class PeriodSpanForm(forms.Form):
    """The period's data span, typed as the paper prints it (dd/mm/yyyy); the rules are plans.services'."""

    start = forms.DateField(
        label=_("Số liệu từ ngày"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"required": _("Nhập ngày bắt đầu."), "invalid": _("Ngày không hợp lệ: nhập dd/mm/yyyy.")},
    )
    end = forms.DateField(
        label=_("đến ngày"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"required": _("Nhập ngày kết thúc."), "invalid": _("Ngày không hợp lệ: nhập dd/mm/yyyy.")},
    )
