"""The verification page's upload form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class TooLarge(forms.ValidationError):
    """An upload over the limit: the view answers 413."""


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp PDF cần kiểm tra"),
        error_messages={
            "required": gettext_lazy("Hãy chọn một tệp PDF."),
            "empty": gettext_lazy("Tệp tải lên bị rỗng."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SIGNING_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise TooLarge(_("Tệp quá lớn: tối đa %(size)s.") % {"size": filesizeformat(limit)}, code="too_large")
        head = upload.read(1024)
        upload.seek(0)
        if b"%PDF-" not in head:
            raise forms.ValidationError(_("Tệp tải lên không phải là tệp PDF."), code="not_pdf")
        return upload

    @property
    def too_large(self) -> bool:
        return any(error.code == "too_large" for error in self.errors.as_data().get("file", []))
