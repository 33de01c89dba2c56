"""What every form of the portal shares: a select's empty choice in Vietnamese.

Django writes "---------" for the empty choice of a ModelChoiceField and of a choice field made from a model
field (BLANK_CHOICE_DASH); officials read "— Chọn cơ quan giải quyết —" instead. A form gets it by
inheriting PortalForm / PortalModelForm (or SelectPlaceholderMixin before its Django base class).
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _

DJANGO_DASH = "---------"


def placeholder_for(label) -> str:
    """ "— Chọn cơ quan giải quyết —" from the field's label ("Nhiệm vụ (nếu có)" → "— Chọn nhiệm vụ —")."""
    words = re.sub(r"\s*\([^)]*\)\s*$", "", str(label or "")).strip().rstrip(":")
    if not words:
        return _("— Chọn —")
    if len(words) > 1 and words[1].islower():  # "Thôn" → "thôn", but "MTTQ" stays
        words = words[0].lower() + words[1:]
    return _("— Chọn %(what)s —") % {"what": words}


def use_vietnamese_placeholder(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_DASH:
            field.empty_label = placeholder_for(field.label)
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if any(value == "" and label == DJANGO_DASH for value, label in choices):
            placeholder = placeholder_for(field.label)
            field.choices = [
                (value, placeholder if value == "" and label == DJANGO_DASH else label) for value, label in choices
            ]


class SelectPlaceholderMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            use_vietnamese_placeholder(field)


class PortalForm(SelectPlaceholderMixin, forms.Form):
    pass


class PortalModelForm(SelectPlaceholderMixin, forms.ModelForm):
    pass
