"""Officials' pages: the MTTQ's feedback inbox, the handling body's answers, disclosures, the reception schedule."""

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

from .. import permissions, rules, selectors, services
from ..forms import (
    AnswerForm,
    ArchiveForm,
    ClassifyForm,
    CloseForm,
    DisclosureEditForm,
    FeedbackRecordForm,
    ForwardForm,
    LoudspeakerForm,
    NoteForm,
    PublishForm,
    ReceptionSessionForm,
)
from ..models import DisclosureItem, FeedbackStatus, ReceptionSession

# --------------------------------------------------------------------------- dashboard


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_see_dashboard(user):
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "can_manage_disclosures": permissions.can_manage_disclosures(user),
        "can_manage_reception": permissions.can_manage_reception(user),
        "can_see_feedback": permissions.can_see_feedback_list(user),
        "is_moderator": permissions.is_moderator(user),
        "can_record": permissions.can_record_feedback(user),
    }
    if context["can_manage_disclosures"]:
        context["due"] = selectors.disclosures_due(today, items=permissions.disclosures_for_manager(user))
    if context["can_see_feedback"] or permissions.can_manage_all_disclosures(user):
        # The coordinator sees overdue cases as codes and dates only, never the personal data.
        context["overdue"] = (
            list(selectors.feedback_overdue(today).filter(pk__in=permissions.feedback_for_user(user).values("pk"))[:50])
            if context["can_see_feedback"]
            else []
        )
        context["overdue_count"] = selectors.feedback_overdue(today).count()
    return render(request, "publicity/officials/dashboard.html", context)


# --------------------------------------------------------------------------- feedback


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
    context = {
        "page": page,
        "status": status,
        "statuses": FeedbackStatus.choices,
        "overdue_ids": overdue_ids,
        "overdue": selectors.feedback_overdue(today, body=None if permissions.is_moderator(user) else body_of(user))[
            :20
        ],
        "is_moderator": permissions.is_moderator(user),
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


def _feedback_context(request: HttpRequest, feedback, **forms) -> dict:
    user = request.user
    show_personal = permissions.can_see_personal_data(user, feedback)
    if show_personal and (feedback.name or feedback.phone or feedback.email):
        services.feedback_personal_data_viewed(feedback=feedback, user=user)
    moderator = permissions.is_moderator(user)
    today = timezone.localdate()
    context = {
        "feedback": feedback,
        "steps": selectors.feedback_steps(feedback),
        "attachments": feedback.attachments.all(),
        "show_personal": show_personal,
        "is_moderator": moderator,
        "can_answer": permissions.can_answer(user, feedback),
        "ack_overdue": feedback.is_open and feedback.ack_overdue(today),
        "answer_overdue": feedback.is_open and feedback.answer_overdue(today),
        "today": today,
    }
    if moderator:
        context.update(
            classify_form=ClassifyForm(initial={"kind": feedback.kind, "item": feedback.item_id}),
            forward_form=ForwardForm(
                initial={
                    "body": feedback.handling_body_id or feedback.village_id,
                    "due_date": feedback.answer_due or add_working_days(today, services.DEFAULT_ANSWER_WORKING_DAYS),
                }
            ),
            return_form=NoteForm(),
            close_form=CloseForm(),
            publish_form=PublishForm(initial={"public_summary": feedback.subject}),
        )
    if context["can_answer"]:
        context["answer_form"] = AnswerForm(initial={"answer": feedback.answer})
    context.update(forms)
    return context


@login_required
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = permissions.get_feedback_for_user(request.user, pk)
    return render(request, "publicity/officials/feedback_detail.html", _feedback_context(request, feedback))


def _feedback_action(
    request: HttpRequest, pk: int, *, form_class, form_name: str, action, moderate: bool = False, answer: bool = False
) -> HttpResponse:
    feedback = permissions.get_feedback_for_user(request.user, pk, moderate=moderate, answer=answer)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(feedback, form.cleaned_data)
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
    return _feedback_action(
        request,
        pk,
        form_class=ClassifyForm,
        form_name="classify_form",
        moderate=True,
        action=lambda f, d: services.feedback_classify(
            feedback=f, by=request.user, kind=d["kind"], item=d["item"], note=d["note"]
        ),
    )


@login_required
@require_POST
def feedback_forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        form_class=ForwardForm,
        form_name="forward_form",
        moderate=True,
        action=lambda f, d: services.feedback_forward(
            feedback=f, by=request.user, body=d["body"], due_date=d["due_date"], note=d["note"]
        ),
    )


@login_required
@require_POST
def feedback_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        form_class=AnswerForm,
        form_name="answer_form",
        answer=True,
        action=lambda f, d: services.feedback_answer(feedback=f, by=request.user, answer=d["answer"]),
    )


@login_required
@require_POST
def feedback_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        form_class=NoteForm,
        form_name="return_form",
        moderate=True,
        action=lambda f, d: services.feedback_return(feedback=f, by=request.user, note=d["note"]),
    )


@login_required
@require_POST
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        form_class=CloseForm,
        form_name="close_form",
        moderate=True,
        action=lambda f, d: services.feedback_close(feedback=f, by=request.user, note=d["note"], answer=d["answer"]),
    )


@login_required
@require_POST
def feedback_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _feedback_action(
        request,
        pk,
        form_class=PublishForm,
        form_name="publish_form",
        moderate=True,
        action=lambda f, d: services.feedback_publish(feedback=f, by=request.user, public_summary=d["public_summary"]),
    )


@login_required
def feedback_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = permissions.get_feedback_attachment_for_user(request.user, pk, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=safe_filename(attachment.original_name),
        content_type=attachment.content_type,
    )


# --------------------------------------------------------------------------- disclosures


@login_required
def disclosure_manage_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_disclosures(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    items = permissions.disclosures_for_manager(request.user).select_related("body").order_by("-created_at")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    rows = [(item, rules.checks(item, today)) for item in page]
    return render(request, "publicity/officials/disclosure_list.html", {"page": page, "rows": rows})


@login_required
def disclosure_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    item = permissions.get_disclosure_for_manager(user, pk) if pk else None
    if item is None and not permissions.can_add_disclosure(user):
        raise PermissionDenied
    form = DisclosureEditForm(
        request.POST or None, request.FILES or None, instance=item, bodies=permissions.disclosure_bodies_for_user(user)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        try:
            saved = services.disclosure_save(item=item, by=user, data=data, files=form.cleaned_data["attachments"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu nội dung công khai."))
            return redirect("publicity:officials_disclosure", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "publicity/officials/disclosure_edit.html", {"form": form, "item": item}, status=status)


def _disclosure_context(request, item: DisclosureItem, **forms) -> dict:
    today = timezone.localdate()
    context = {
        "item": item,
        "checks": rules.checks(item, today),
        "attachments": item.attachments.all(),
        "history": item.history.select_related("history_user").order_by("-history_date")[:20],
        "archive_form": ArchiveForm(),
        "loudspeaker_form": LoudspeakerForm(initial={"days": item.loudspeaker_days}),
        "disclose_by": rules.disclose_by(item.decision_date) if item.decision_date else None,
    }
    context.update(forms)
    return context


@login_required
def disclosure_manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    return render(request, "publicity/officials/disclosure_detail.html", _disclosure_context(request, item))


@login_required
@require_POST
def disclosure_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    try:
        services.disclosure_publish(item=item, by=request.user)
    except ValidationError as exc:
        return render(
            request,
            "publicity/officials/disclosure_detail.html",
            {**_disclosure_context(request, item), "error": " ".join(exc.messages)},
            status=400,
        )
    messages.success(request, _("Đã đăng công khai."))
    return redirect("publicity:officials_disclosure", pk=item.pk)


@login_required
@require_POST
def disclosure_archive(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    form = ArchiveForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_archive(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã kết thúc công khai."))
            return redirect("publicity:officials_disclosure", pk=item.pk)
    return render(
        request,
        "publicity/officials/disclosure_detail.html",
        _disclosure_context(request, item, archive_form=form),
        status=400,
    )


@login_required
@require_POST
def disclosure_loudspeaker(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_disclosure_for_manager(request.user, pk)
    form = LoudspeakerForm(request.POST)
    if form.is_valid():
        services.disclosure_loudspeaker_record(item=item, by=request.user, days=form.cleaned_data["days"])
        messages.success(request, _("Đã cập nhật số ngày phát trên loa."))
        return redirect("publicity:officials_disclosure", pk=item.pk)
    return render(
        request,
        "publicity/officials/disclosure_detail.html",
        _disclosure_context(request, item, loudspeaker_form=form),
        status=400,
    )


# --------------------------------------------------------------------------- reception


@login_required
def reception_manage(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_manage_reception(request.user):
        raise PermissionDenied
    session = permissions.get_reception_session_for_user(request.user, pk) if pk else None
    form = ReceptionSessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_session_save(session=session, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu lịch tiếp công dân."))
            return redirect("publicity:officials_reception")
    today = timezone.localdate()
    context = {
        "form": form,
        "session": session,
        "sessions": ReceptionSession.objects.filter(date__year=today.year).order_by("-date", "-start_time")[:60],
        "stats": selectors.reception_stats(today.year),
    }
    return render(
        request, "publicity/officials/reception.html", context, status=400 if request.method == "POST" else 200
    )
