"""Official papers in the layout of Nghị định 30/2020/NĐ-CP, rendered to PDF with WeasyPrint.

Shared infrastructure: it imports no app. Each app builds an `OfficialPaper` (the header, title,
recipients and signature that every paper has) and a body template extending
`documents/base.html`, then calls `render_pdf`. The fonts come from `static/fonts/` through
`@font-face` in `static/css/document.css`, so the PDF never depends on the host's fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .decree30 import NBSP, date_line, date_line_for, number_symbol  # noqa: F401  (the papers' text rules)

_NOBR_MAX = 40  # a longer slashed word (a URL) may still break rather than run into the margin
STATIC_DIR: Path = Path(settings.BASE_DIR) / "static"
DOCUMENT_CSS: Path = STATIC_DIR / "css" / "document.css"
PX = 0.75  # PDF points per CSS pixel

# Collective bodies whose name the header writes on two lines: "ỦY BAN NHÂN DÂN" / "XÃ CẨM GIANG".
_COLLECTIVE_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")


@dataclass(frozen=True)
class OfficialPaper:
    """What every Decree-30 paper carries around its body: header, title, recipients and signature."""

    agency_lines: tuple[str, ...]
    number_symbol: str
    date_line: str
    doc_type: str
    summary: str = ""
    agency_parent: str = ""
    recipients: tuple[str, ...] = ()
    sign_lines: tuple[str, ...] = ()
    signer_name: str = ""
    title: str = ""


def base_url() -> str:
    """file:// URL of `static/`: the stylesheet and fonts resolve against it, never over the network."""
    return STATIC_DIR.resolve().as_uri() + "/"


def agency_lines(name: str) -> tuple[str, ...]:
    """ "ỦY BAN NHÂN DÂN XÃ CẨM GIANG" → ("ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"), as the header writes it."""
    name = " ".join(name.split()).upper()
    if not name:
        return ()
    for prefix in _COLLECTIVE_BODIES:
        if name.startswith(prefix + " "):
            return (prefix, name[len(prefix) + 1 :])
    # Any other agency (a department, the Front) is one line; its parent goes in `agency_parent`.
    return (name,)


def recipient_text(line: str) -> str:
    """A "Nơi nhận" entry without its leading dash, which the layout draws itself."""
    return re.sub(r"^\s*[-–—•]\s*", "", line).strip()


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: one per non-empty line, whitespace collapsed."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def typeset(text: str) -> SafeString:
    """Escaped text whose document numbers and dates ("05/QĐ-UBND", "10/11/2022", "./.") never break.

    Line breaking may split a line after "/", which would cut a document's number and symbol in two:
    every word holding a slash is kept on one line.
    """
    words = (text or "").split()

    def piece(word: str) -> SafeString:
        if "/" in word and len(word) <= _NOBR_MAX:
            return format_html('<span class="nobr">{}</span>', word)
        return conditional_escape(word)

    # Each word is escaped on its own (format_html), so no mark_safe is needed anywhere.
    return format_html_join(" ", "{}", ((piece(word),) for word in words))


def typeset_paragraphs(text: str) -> list[SafeString]:
    return [typeset(paragraph) for paragraph in paragraphs(text)]


class StaticOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read files under `static/` and nothing else: no network, no other file."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"file"}, **kwargs)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ValueError(f"Refused non-file URL in an official paper: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(STATIC_DIR.resolve()):
            raise ValueError(f"Refused a file outside static/: {url}")
        return super().fetch(url, headers)


@dataclass(frozen=True)
class SignatureBox:
    """The blank space left for the signature and seal: where a visible digital-signature stamp goes.

    `page` counts from 0; `box` is (x1, y1, x2, y2) in PDF points from the page's bottom-left
    corner, the convention of PDF signature fields (pyHanko's `box`).
    """

    page: int
    box: tuple[float, float, float, float]


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


def _layout(html: str) -> Document:
    # A fresh font configuration per paper: it holds only the vendored @font-face fonts it loaded.
    font_config = FontConfiguration()
    return HTML(string=html, base_url=base_url(), url_fetcher=StaticOnlyFetcher()).render(font_config=font_config)


def html_to_pdf(html: str) -> bytes:
    """The PDF of HTML that links `css/document.css` relative to `static/`."""
    return _layout(html).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template extending `documents/base.html` to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))


def render_pdf_and_signature_box(template_name: str, context: dict) -> tuple[bytes, SignatureBox | None]:
    """The PDF and where its signature space lies (None when the template has no signature block)."""
    document = _layout(render_html(template_name, context))
    pdf = document.write_pdf()
    for index, page in enumerate(document.pages):
        if "doc-sign-space" not in page.anchors:
            continue
        # WeasyPrint gives the anchor's box in CSS pixels from the top-left corner of the page.
        left, top, right, bottom = page.anchors["doc-sign-space"]
        height = page.height * PX
        box = (left * PX, height - bottom * PX, right * PX, height - top * PX)
        return pdf, SignatureBox(page=index, box=tuple(round(value, 2) for value in box))
    return pdf, None
