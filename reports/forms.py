"""Forms of the reports app: the progress form (built from the report's rows), review, upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from camgiang_portal.validators import no_html

from .models import ItemStatus
from .rows import ItemData, figures_errors

TEXT_MAX = 5000  # texts are plain (camgiang_portal.validators.no_html): one rule for reports and disclosures


def _text(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        validators=[no_html],
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class ReportForm(forms.Form):
    """One card per item: status, what was done, figures, difficulties, proposals; plus the version seen."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = _text(_("Đánh giá chung"))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.cards = []
        for row in rows:
            prefix = f"p{row.pk}"
            status_choices = [("", _("— Chọn —")), *ItemStatus.choices]
            self.fields[f"{prefix}-status"] = forms.ChoiceField(
                label=_("Tình hình thực hiện"),
                choices=status_choices,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"{prefix}-done"] = _text(_("Kết quả đã thực hiện"))
            self.fields[f"{prefix}-difficulties"] = _text(_("Khó khăn, vướng mắc"))
            self.fields[f"{prefix}-proposals"] = _text(_("Đề xuất, kiến nghị"))
            figure_names = []
            for indicator, _value in row.indicator_values:
                name = f"{prefix}-fig-{indicator.pk}"
                self.fields[name] = forms.IntegerField(
                    label=indicator.name,
                    required=False,
                    min_value=0,
                    max_value=indicator.max_value,
                    help_text=indicator.unit,
                    error_messages={
                        "invalid": _("Phải là số nguyên không âm."),
                        "min_value": _("Phải là số nguyên không âm."),
                        "max_value": _("Không được lớn hơn %(limit_value)s."),
                    },
                    widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric", "min": 0}),
                )
                figure_names.append(name)
            if not self.is_bound:
                self.initial.update(
                    {
                        f"{prefix}-status": row.status,
                        f"{prefix}-done": row.done,
                        f"{prefix}-difficulties": row.difficulties,
                        f"{prefix}-proposals": row.proposals,
                        **{f"{prefix}-fig-{i.pk}": v for i, v in row.indicator_values},
                    }
                )
            self.cards.append(
                {
                    "row": row,
                    "status": self[f"{prefix}-status"],
                    "texts": [self[f"{prefix}-done"], self[f"{prefix}-difficulties"], self[f"{prefix}-proposals"]],
                    "figures": [self[n] for n in figure_names],
                }
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            values = {}
            for indicator, _value in row.indicator_values:
                name = f"p{row.pk}-fig-{indicator.pk}"
                if name in cleaned:
                    values[indicator] = cleaned[name]
            for indicator_id, message in figures_errors(values).items():
                self.add_error(f"p{row.pk}-fig-{indicator_id}", message)
        return cleaned

    def problems(self) -> list[dict]:
        """What stops the form, item by item in the form's order, for the one summary at the top of the page:
        each with the anchor of its card, its code and full text, and what is wrong in words."""
        found = []
        for card in self.cards:
            row = card["row"]
            issues = []
            if card["status"].errors:
                issues.append(_("chưa chọn tình hình thực hiện"))
            for field in [*card["texts"], *card["figures"]]:
                issues.extend(f"{field.label}: {error}" for error in field.errors)
            if issues:
                found.append(
                    {"anchor": f"card-{row.pk}", "code": row.item.code, "text": row.item.text, "issues": issues}
                )
        if self["summary"].errors:
            found.append(
                {
                    "anchor": self["summary"].auto_id,
                    "code": "",
                    "text": self["summary"].label,
                    "issues": self["summary"].errors,
                }
            )
        return found

    def items_data(self) -> dict[int, ItemData]:
        """What the form holds that is valid: on an error the valid part is still kept as a draft."""
        data = getattr(self, "cleaned_data", {})

        def get(row, name, default):
            # An invalid field keeps what is stored, never a blank that would erase it.
            key = f"p{row.pk}-{name}"
            return data[key] if key in data else default

        return {
            row.pk: ItemData(
                status=get(row, "status", row.status),
                done=get(row, "done", row.done),
                difficulties=get(row, "difficulties", row.difficulties),
                proposals=get(row, "proposals", row.proposals),
                figures={i.pk: get(row, f"fig-{i.pk}", value) for i, value in row.indicator_values},
            )
            for row in self.rows
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại, yêu cầu chỉnh sửa"),
        max_length=TEXT_MAX,
        validators=[no_html],
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp đính kèm (PDF, ảnh, DOCX, XLSX) – không bắt buộc"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"}),
    )
