from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from camgiang_portal.forms import PortalModelForm

from .models import CityPeriod


class CityPeriodForm(PortalModelForm):
    due_date = forms.DateField(
        label=_("Hạn xã gửi thành phố"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Ngày viết theo dạng ngày/tháng/năm, ví dụ 15/06/2026.")},
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2020, max_value=2100)

    class Meta:
        model = CityPeriod
        fields = ["year", "code", "due_date"]
        error_messages = {"code": {"invalid_choice": _("Chọn một kỳ báo cáo trong danh sách.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name == "code" else "form-control"


class CityPlanForm(forms.Form):
    """The city's own plan, whose reporting deadlines become its periods (city.periods)."""

    plan_file = forms.FileField(
        label=_("Kế hoạch của thành phố"),
        help_text=_("Văn bản (.md, .txt) hoặc tệp Word (.docx), tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".md,.txt,.docx,text/plain,text/markdown", "class": "form-control"}
        ),
    )

    def clean_plan_file(self):
        from plans.forms import MAX_PLAN_BYTES

        upload = self.cleaned_data["plan_file"]
        if upload.size > MAX_PLAN_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa 5 MB."))
        return upload
