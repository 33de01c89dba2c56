"""Officials' feedback pages: the inbox, recording a case from another channel, a case's page and its steps.

A step's view resolves the case through the door (404 for a case the user may not see), asks the workflow
whether the user may take the step (403, before the form is read), then hands the form to
workflow.transition, which checks again under the row lock and applies it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from camgiang_portal.safe_files import safe_filename
from camgiang_portal.workdays import add_working_days
from plans.permissions import body_of

from .. import permissions, selectors, services, workflow
from ..forms import AnswerForm, ClassifyForm, CloseForm, FeedbackRecordForm, ForwardForm, NoteForm, PublishForm
from ..models import FeedbackStatus

# Each step's form, and its name in the case page's context.
STEP_FORMS = {
    "classify": (ClassifyForm, "classify_form"),
    "forward": (ForwardForm, "forward_form"),
    "answer": (AnswerForm, "answer_form"),
    "return": (NoteForm, "return_form"),
    "close": (CloseForm, "close_form"),
    "publish": (PublishForm, "publish_form"),
}


@login_required
def feedback_inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_see_feedback_list(user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in FeedbackStatus.values:
        status = ""
    cases = selectors.feedback_inbox(permissions.feedback_for_user(user), status=status)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    overdue_ids = set(
        selectors.feedback_overdue(today).filter(pk__in=[c.pk for c in page]).values_list("pk", flat=True)
    )
    moderator = permissions.is_moderator(user)
    context = {
        "page": page,
        "status": status,
        "statuses": FeedbackStatus.choices,
        "overdue_ids": overdue_ids,
        "overdue": selectors.feedback_overdue(today, body=None if moderator else body_of(user))[:20],
        "is_moderator": moderator,
        "can_record": permissions.can_record_feedback(user),
        "today": today,
    }
    return render(request, "publicity/officials/feedback_inbox.html", context)


@login_required
def feedback_record(request: HttpRequest) -> HttpResponse:
    if not permissions.can_record_feedback(request.user):
        raise PermissionDenied
    form = FeedbackRecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.feedback_submit(
                kind=data["kind"],
                subject=data["subject"],
                content=data["content"],
                village=data["village"],
                item=data["item"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                consent=data["consent"],
                channel=data["channel"],
                received_on=data["received_on"],
                files=data["attachments"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã ghi nhận phản ánh %(code)s.") % {"code": feedback.code})
            if (
                permissions.can_see_feedback_list(request.user)
                and permissions.feedback_for_user(request.user).filter(pk=feedback.pk).exists()
            ):
                return redirect("publicity:officials_feedback", pk=feedback.pk)
            return redirect("publicity:officials_dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "publicity/officials/feedback_record.html", {"form": form}, status=status)


def _step_forms(feedback, actions: list[str]) -> dict:
    """A blank form for each step the user may take now, filled with what the case already says."""
    today = timezone.localdate()
    initial = {
        "classify": {"kind": feedback.kind, "item": feedback.item_id},
        "forward": {
            "body": feedback.handling_body_id or feedback.village_id,
            "due_date": feedback.answer_due or add_working_days(today, workflow.DEFAULT_ANSWER_WORKING_DAYS),
        },
        "answer": {"answer": feedback.answer},
        "publish": {"public_summary": feedback.subject},
    }
    forms = {}
    for name in actions:
        form_class, form_name = STEP_FORMS[name]
        forms[form_name] = form_class(initial=initial.get(name))
    return forms


def _feedback_context(request: HttpRequest, feedback, **forms) -> dict:
    user = request.user
    show_personal = permissions.can_see_personal_data(user, feedback)
    if show_personal and (feedback.name or feedback.phone or feedback.email):
        services.feedback_personal_data_viewed(feedback=feedback, user=user)
    today = timezone.localdate()
    actions = workflow.actions_for(user, feedback)
    context = {
        "feedback": feedback,
        "steps": selectors.feedback_steps(feedback),
        "attachments": feedback.attachments.all(),
        "show_personal": show_personal,
        "actions": actions,
        "ack_overdue": feedback.is_open and feedback.ack_overdue(today),
        "answer_overdue": feedback.is_open and feedback.answer_overdue(today),
        "today": today,
        **_step_forms(feedback, actions),
    }
    context.update(forms)
    return context


@login_required
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = permissions.get_feedback_for_user(request.user, pk)
    return render(request, "publicity/officials/feedback_detail.html", _feedback_context(request, feedback))


def _feedback_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    feedback = permissions.get_feedback_for_user(request.user, pk)
    workflow.authorise(request.user, feedback, name)
    form_class, form_name = STEP_FORMS[name]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            workflow.transition(feedback, name, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã cập nhật phản ánh %(code)s.") % {"code": feedback.code})
            return redirect("publicity:officials_feedback", pk=feedback.pk)
    feedback.refresh_from_db()
    context = _feedback_context(request, feedback, **{form_name: form})
    context["errors"] = [str(e) for errors in form.errors.values() for e in errors]
    return render(request, "publicity/officials/feedback_detail.html", context, status=400)


@login_required
@require_POST
def feedback_classify(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "classify")


@login_required
@require_POST
def feedback_forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "forward")


@login_required
@require_POST
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "answer")


@login_required
@require_POST
def feedback_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "return")


@login_required
@require_POST
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "close")


@login_required
@require_POST
def feedback_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_step(request, pk, "publish")


@login_required
def feedback_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = permissions.get_feedback_attachment_for_user(request.user, pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=safe_filename(attachment.original_name),
        content_type=attachment.content_type,
    )
