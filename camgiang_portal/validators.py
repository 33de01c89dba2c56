"""Plain text only: the one rule for what officials type into reports and disclosures.

A progress report is printed in official documents and a disclosure goes out in RSS/Atom feeds and open
data; markup in either is a mistake or an attack. Pages escape what they show, but feeds and papers are
read by other programs, so the text is refused at the door rather than trusted to every reader.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def no_html(value: str) -> None:
    if HTML_TAG.search(value or ""):
        raise ValidationError(_("Không nhập mã HTML (các thẻ dạng <...>); hãy viết văn bản thường."), code="markup")


def plain_text(value: str) -> str:
    """Text with any tags removed: for output of records stored before the rule (old disclosures)."""
    text = value or ""
    return strip_tags(text) if HTML_TAG.search(text) else text
