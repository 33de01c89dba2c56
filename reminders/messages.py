"""Building the e-mails: the coordinator's words (a sandboxed template) inside the layout files.

The words are edited in the portal, so they are rendered by their own template engine: no tag libraries,
no loaders (nothing to `{% include %}` from disk) and a context of plain strings and numbers only, so a
template cannot reach a model method or another file.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from communes.current import current_commune
from communes.models import Commune
from communes.services import home_commune
from communes.sites import committee_name, commune_from_email, served_site_url

from .defaults import DEFAULTS, MEANINGS, SUMMARY_URL_MEANING, VARIABLES
from .models import NoticeKind, NoticeTemplate, offset_words

SANDBOX = Engine(loaders=[("django.template.loaders.locmem.Loader", {})], libraries={}, debug=False)
SAFE_TYPES = (str, int, float, bool, type(None))


def ddmmyyyy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def notice_kind(offset: int) -> str:
    if offset < 0:
        return NoticeKind.BEFORE
    return NoticeKind.DUE if offset == 0 else NoticeKind.OVERDUE


def templates_by_kind(commune=None) -> dict[str, tuple[str, str]]:
    """(subject, body) of every kind for `commune` (a Commune or its pk; default the commune being served): its
    coordinator's row, else the default. One query."""
    commune = commune if commune is not None else current_commune()
    words = dict(DEFAULTS)
    if commune is None:  # the platform's own pages: no commune, no coordinator's words
        return words
    for row in NoticeTemplate.all_communes.filter(commune=commune):
        words[row.kind] = (row.subject, row.body)
    return words


def ensure_default_words(commune, using: str = "default") -> None:
    """Store the default words of every kind the commune has no row of, so its coordinator (and the admin) can
    edit them: when the commune comes on the platform, and after migrate (a flushed database)."""
    rows = NoticeTemplate.all_communes.using(using)
    have = set(rows.filter(commune=commune).values_list("kind", flat=True))
    missing = [
        NoticeTemplate(commune=commune, kind=str(kind), subject=subject, body=body)
        for kind, (subject, body) in DEFAULTS.items()
        if str(kind) not in have
    ]
    rows.bulk_create(missing, ignore_conflicts=True)


def render_words(source: str, context: dict, *, html: bool = False) -> str:
    for key, value in context.items():
        if not isinstance(value, SAFE_TYPES):
            raise TypeError(f"unsafe template context value {key!r}: {type(value).__name__}")
    rendered = SANDBOX.from_string(source).render(Context(context, autoescape=html))
    # Template.render marks its output safe; the words are plain text, which the HTML layout must escape.
    return str.__str__(rendered)


def sample_context(kind: str) -> dict:
    sample = {
        "body": "Thôn Đông Giao",
        "period_year": "Báo cáo 6 tháng năm 2026",
        "period": "Báo cáo 6 tháng",
        "year": 2026,
        "due_date": "05/06/2026",
        "today": "22/05/2026",
        "days_left": 14,
        "days_late": 1,
        "notice": offset_words(-14),
        "week": "21/2026",
        "periods_count": 1,
        "expected_count": 16,
        "submitted_count": 12,
        "missing_count": 3,
        "returned_count": 1,
        "committee": committee_name(current_commune() or home_commune()),
        "url": served_site_url("/start/"),
    }
    return {key: sample[key] for key in VARIABLES[kind]}


def legend(kind: str) -> list[tuple[str, str, object]]:
    """(variable, what it stands for, an example) for each variable the kind's words may use."""
    sample = sample_context(kind)
    summary = kind in (NoticeKind.DIGEST, NoticeKind.LEADERSHIP)
    return [
        (name, str(SUMMARY_URL_MEANING if summary and name == "url" else MEANINGS[name]), sample[name])
        for name in VARIABLES[kind]
    ]


def preview(kind: str, source: str) -> str | None:
    """The words as a recipient would read them, with the example values; None when they do not render."""
    try:
        return render_words(source, sample_context(kind))
    except Exception:  # noqa: BLE001 - the form reports what is wrong; the preview just stays away
        return None


def check_words(kind: str, subject: str, body: str) -> None:
    """Raise a ValidationError in Vietnamese when the words do not compile or render with sample values."""
    errors = {}
    for field, source in (("subject", subject), ("body", body)):
        try:
            render_words(source, sample_context(kind))
        except Exception as exc:  # noqa: BLE001 - whatever fails (syntax, a missing include, a filter) is the editor's to fix
            errors[field] = _("Mẫu không hợp lệ: %(error)s") % {"error": exc}
    if errors:
        raise ValidationError(errors)


def build_message(
    *,
    kind: str,
    words: tuple[str, str],
    context: dict,
    layout: str,
    extra: dict | None = None,
    recipients: list[str],
    commune: Commune,
) -> EmailMultiAlternatives:
    """One e-mail with a plain-text and an HTML part, sent and signed for `commune` (a task serves none, so it
    is given). `extra` feeds only the layout files (tables of bodies)."""
    subject_source, body_source = words
    subject = " ".join(render_words(subject_source, context).split())
    text_words = render_words(body_source, context)
    page = {
        **(extra or {}),
        **context,
        "kind": kind,
        "words": text_words,
        "subject": subject,
        "committee": committee_name(commune),
    }
    text = render_to_string(f"reminders/email/{layout}.txt", page)
    html = render_to_string(f"reminders/email/{layout}.html", page)
    message = EmailMultiAlternatives(subject, text, commune_from_email(commune), recipients)
    message.attach_alternative(html, "text/html")
    return message
