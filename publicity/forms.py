"""Forms of the publicity app: input checks only; the writes are in services."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from camgiang_portal.forms import PortalForm, PortalModelForm
from communes.current import current_commune
from plans.models import Body, Item

from .codes import CODE_EXAMPLE, normalise_code
from .models import (
    PUBLIC_KINDS,
    Channel,
    DisclosureCategory,
    DisclosureForm,
    DisclosureItem,
    FeedbackKind,
    ReceptionSession,
)
from .tenancy import default_place
from .uploads import MAX_FILES, check_upload

PHONE_RE = re.compile(r"^\+?[0-9 .()-]{8,20}$")
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control"})


def _control(widget: forms.Widget) -> forms.Widget:
    widget.attrs.setdefault(
        "class",
        "form-select"
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple)
        else "form-control",
    )
    return widget


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"class": "form-control", "accept": ".jpg,.jpeg,.png,.webp,.pdf"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Tối đa %(n)s tệp đính kèm.") % {"n": MAX_FILES})
        errors = []
        for upload in files:
            try:
                check_upload(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


def _villages():
    return Body.objects.filter(kind=Body.Kind.VILLAGE).order_by("order", "name")


class FeedbackPublicForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[(k.value, k.label) for k in PUBLIC_KINDS], widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=Body.objects.none(), empty_label=_("— Chọn thôn —"))
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (không bắt buộc)"), help_text=_("Ảnh JPG, PNG, WEBP hoặc tệp PDF; tối đa 5 tệp.")
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để cơ quan giải quyết liên hệ với tôi qua số điện thoại hoặc thư điện tử trên."),
        required=True,
    )
    # The honeypot: hidden from people by CSS, filled by bots.
    website = forms.CharField(
        label=_("Trang web (để trống)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages()
        for name, field in self.fields.items():
            if name not in ("kind", "consent", "attachments"):
                _control(field.widget)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        self.fields["consent"].widget.attrs["class"] = "form-check-input"

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise ValidationError(
                _("Hãy cho biết số điện thoại hoặc thư điện tử (ít nhất một trong hai) để được trả lời.")
            )
        return data


class FeedbackRecordForm(PortalForm):
    """An official records a case that arrived in person, by letter, the suggestion box, hotline, …"""

    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=DATE_INPUT)
    kind = forms.ChoiceField(label=_("Loại"), choices=FeedbackKind.choices)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=Body.objects.none(), required=False)
    item = forms.ModelChoiceField(label=_("Nhiệm vụ của kế hoạch"), queryset=Item.objects.none(), required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"))
    name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    consent = forms.BooleanField(label=_("Công dân đồng ý được liên hệ"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages()
        self.fields["item"].queryset = Item.objects.select_related("area").order_by(
            "area__plan", "area__order", "order"
        )
        self.fields["received_on"].initial = timezone.localdate()
        for name, field in self.fields.items():
            if name not in ("consent", "attachments"):
                _control(field.widget)
        self.fields["consent"].widget.attrs["class"] = "form-check-input"

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày tiếp nhận không được sau hôm nay."))
        return day


class ClassifyForm(PortalForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=FeedbackKind.choices)
    item = forms.ModelChoiceField(
        label=_("Nhiệm vụ của kế hoạch (nếu có)"), queryset=Item.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = Item.objects.select_related("area").order_by(
            "area__plan", "area__order", "order"
        )
        for field in self.fields.values():
            _control(field.widget)


class ForwardForm(PortalForm):
    body = forms.ModelChoiceField(label=_("Cơ quan giải quyết"), queryset=Body.objects.none())
    due_date = forms.DateField(label=_("Hạn trả lời"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(
            kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE, Body.Kind.LEADERSHIP]
        ).order_by("kind", "order", "name")
        for field in self.fields.values():
            _control(field.widget)

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise ValidationError(_("Hạn trả lời không được trước hôm nay."))
        return due


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Nội dung trả lời"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class CloseForm(NoteForm):
    answer = forms.CharField(
        label=_("Trả lời trực tiếp (khi không chuyển cơ quan khác)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class PublishForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Tóm tắt nội dung để công bố (không ghi thông tin cá nhân)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class ResolvedForm(forms.Form):
    key = forms.CharField(
        label=_("Mã xác nhận (trong thư, trang xác nhận)"),
        max_length=40,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    resolved = forms.TypedChoiceField(
        label=_("Đã được giải quyết chưa?"),
        choices=[("yes", _("Đã được giải quyết")), ("no", _("Chưa được giải quyết"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã phản ánh"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": CODE_EXAMPLE, "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("Mã phản ánh có dạng %(example)s (không phân biệt chữ hoa, chữ thường).") % {"example": CODE_EXAMPLE}
            )
        return code


class DisclosureEditForm(PortalModelForm):
    forms = forms.MultipleChoiceField(
        label=_("Hình thức công khai (Điều 12)"),
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attachments = MultipleFileField(label=_("Tệp đính kèm"))

    class Meta:
        model = DisclosureItem
        fields = [
            "category",
            "title",
            "text",
            "body",
            "forms",
            "decision_date",
            "start_date",
            "min_days",
            "loudspeaker_days",
        ]
        widgets = {"decision_date": DATE_INPUT, "start_date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies
        self.fields["category"].choices = DisclosureCategory.choices
        for name, field in self.fields.items():
            if name not in ("forms", "attachments"):
                _control(field.widget)
        self.fields["min_days"].help_text = _(
            "Để trống: 30 ngày cho các nhóm phải niêm yết; thường xuyên cho nhóm 4 và 13."
        )

    def clean(self):
        data = super().clean()
        decision, start = data.get("decision_date"), data.get("start_date")
        if decision and start and start < decision:
            raise ValidationError(_("Ngày bắt đầu công khai không được trước ngày ban hành."))
        return data


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do kết thúc"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class LoudspeakerForm(forms.Form):
    days = forms.IntegerField(
        label=_("Số ngày đã phát trên loa"),
        min_value=0,
        max_value=366,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class DisclosureFilterForm(PortalForm):
    category = forms.TypedChoiceField(
        label=_("Nhóm nội dung"),
        choices=[("", _("Tất cả"))] + list(DisclosureCategory.choices),
        coerce=int,
        required=False,
        empty_value=None,
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    body = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Body.objects.none(), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies
        for field in self.fields.values():
            _control(field.widget)


class ReceptionSessionForm(PortalModelForm):
    class Meta:
        model = ReceptionSession
        fields = ["date", "start_time", "end_time", "place", "receiver", "note", "held", "citizens_received", "outcome"]
        widgets = {
            "date": DATE_INPUT,
            "start_time": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "end_time": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "held":
                _control(field.widget)
        self.fields["held"].widget.attrs["class"] = "form-check-input"
        # The model's default names the home commune's seat: a new session offers its own commune's.
        given = kwargs.get("initial") or {}
        if self.instance.pk is None and "place" not in given and (commune := current_commune()) is not None:
            self.initial["place"] = default_place(commune)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
