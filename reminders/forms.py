"""Forms of the reminders app: the coordinator's offsets and the words of each notice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReminderSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["days_before", "days_after", "enabled", "digest_enabled", "leadership_enabled"]
        widgets = {
            "days_before": forms.TextInput(attrs={"class": "form-control"}),
            "days_after": forms.TextInput(attrs={"class": "form-control"}),
        }


class TemplateForm(forms.Form):
    subject = forms.CharField(
        label=_("Tiêu đề"), max_length=255, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    body = forms.CharField(
        label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"class": "form-control", "rows": 10})
    )
