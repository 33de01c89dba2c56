"""Thin Celery tasks of the publicity app: ids in, call a service or send one message."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from communes.sites import commune_from_email, commune_site_url

from . import services
from .codes import key_display
from .models import Feedback


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def feedback_confirmation_send(feedback_id: int) -> None:
    """Tell the citizen their tracking code (and the key to say later whether it was resolved)."""
    feedback = Feedback.objects.filter(pk=feedback_id).exclude(email="").first()
    if feedback is None:
        return
    context = {
        "feedback": feedback,
        "commune_name": feedback.commune.place_name,
        "key_display": key_display(feedback.access_key),
        "status_url": commune_site_url(feedback.commune, feedback.get_absolute_url()),
    }
    send_mail(
        _("Đã tiếp nhận phản ánh, kiến nghị %(code)s") % {"code": feedback.code},
        render_to_string("publicity/email/feedback_received.txt", context),
        commune_from_email(feedback.commune),
        [feedback.email],
    )


@shared_task(ignore_result=True)
def feedback_erase_expired() -> int:
    return services.feedback_erase_expired()


@shared_task(ignore_result=True)
def portal_figures_push() -> int:
    return services.portal_figures_push()
