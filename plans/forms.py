"""Forms of the plans app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_PLAN_BYTES = 5 * 1024 * 1024


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch"),
        help_text=_("Văn bản (.md, .txt) hoặc tệp Word (.docx), tối đa 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.txt,.docx,text/plain,text/markdown"}),
    )
    year = forms.IntegerField(
        label=_("Năm kế hoạch"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Để trống: lấy từ tên kế hoạch."),
    )
    replace = forms.BooleanField(label=_("Thay thế bản dự thảo cùng năm nếu đã có"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PLAN_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa 5 MB."))
        return upload


class PlanConfirmForm(forms.Form):
    """Names the previewed file for the real import: a signed token (camgiang_portal.uploads), nothing else,
    so what is confirmed is exactly what was previewed."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=4096)


class CopyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm của kế hoạch mới"), min_value=2000, max_value=2100)
