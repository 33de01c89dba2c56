"""Issuing official papers: take the next number, render, sign, store once, hash — one transaction."""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from plans.models import Plan

from . import rendering
from .models import DocType, DocumentCounter, IssuedDocument

AGENCY_SYMBOL = "UBND"

# A render returns the unsigned PDF, or the PDF and its signature space (a camgiang_portal.documents.SignatureBox,
# as `documents.render_pdf_and_signature_box` gives it) so the stamp lands in the blank under the position.
Render = Callable[[str, datetime.date], "bytes | tuple[bytes, object]"]


def number_symbol(number: int, doc_type: str) -> str:
    """ "12/KH-UBND": Decree 30 numbers from 01 each year; numbers below 10 are written with two digits."""
    return f"{number:02d}/{doc_type}-{AGENCY_SYMBOL}"


def _next_number(*, year: int, doc_type: str) -> DocumentCounter:
    """The counter row of (year, type), locked until the transaction ends: numbers are never skipped nor shared."""
    DocumentCounter.objects.get_or_create(year=year, doc_type=doc_type)
    counter = DocumentCounter.objects.select_for_update().get(year=year, doc_type=doc_type)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter


def _make_read_only(name: str) -> None:
    """A signed file is never rewritten: on a local disk, take away its write permission too."""
    try:
        path = default_storage.path(name)
    except NotImplementedError:  # remote storage: immutability is the bucket's policy
        return
    os.chmod(path, 0o444)


def _rendered(result) -> tuple[bytes, signing.StampBox]:
    """A render's PDF and the stamp's place: inside the signature space it reports, else found in the PDF."""
    if isinstance(result, tuple):
        pdf, space = result
        if space is not None:
            return pdf, signing.stamp_box_in(space.page, space.box)
        return pdf, signing.find_stamp_box(pdf)
    return result, signing.find_stamp_box(result)


def document_issue(
    *,
    doc_type: str,
    year: int,
    title: str,
    render: Render,
    signer_name: str,
    signer_position: str,
    by,
    plan_id: int | None = None,
    report_key: str = "",
    supersedes: IssuedDocument | None = None,
    on_issued: Callable[[IssuedDocument], None] | None = None,
    identity: signing.SigningIdentity | None = None,
) -> IssuedDocument:
    """Issue a paper: the next number of its type and year, rendered with that number and today's date, signed.

    `render(number_symbol, date)` returns the unsigned PDF, or `(pdf, signature_box)` as
    `camgiang_portal.documents.render_pdf_and_signature_box` gives it; `on_issued(document)` runs inside the same
    transaction (the caller's own state changes). If anything fails, the number is not used, no row is
    written and the file written for it is removed.
    """
    if doc_type not in DocType.values:
        raise ValidationError(_("Loại văn bản không hợp lệ."))
    written: list[str] = []
    try:
        with transaction.atomic():
            # The counter row stays locked through render and signing (seconds): issuing is rare, and
            # holding the number until commit is what makes the sequence gap-free.
            counter = _next_number(year=year, doc_type=doc_type)
            symbol = number_symbol(counter.last_number, doc_type)
            now = timezone.now()
            today = timezone.localdate(now)
            unsigned, box = _rendered(render(symbol, today))
            signed = signing.sign_pdf(
                unsigned,
                signer_name=signer_name,
                position=signer_position,
                agency_name=settings.SIGNING_AGENCY_NAME,
                seal_png=signing.agency_seal_png(settings.SIGNING_AGENCY_NAME),
                box=box,
                identity=identity,
                when=now,
            )
            digest = hashlib.sha256(signed).hexdigest()
            document = IssuedDocument(
                doc_type=doc_type,
                year=year,
                number=counter.last_number,
                symbol=symbol,
                title=title,
                issued_at=now,
                sha256=digest,
                size=len(signed),
                signer_name=signer_name,
                signer_position=signer_position,
                plan_id=plan_id,
                report_key=report_key,
                supersedes=supersedes,
                issued_by=by if getattr(by, "pk", None) else None,
            )
            # The storage never overwrites: a taken name gets a suffix, so an issued file is written once.
            name = f"{doc_type.lower()}-{year}-so-{counter.last_number:02d}-{digest[:12]}.pdf"
            document.file.save(name, ContentFile(signed), save=False)
            written.append(document.file.name)
            _make_read_only(document.file.name)
            document.save()
            if on_issued is not None:
                on_issued(document)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return document


def plan_issue(*, plan: Plan, by, identity: signing.SigningIdentity | None = None) -> IssuedDocument:
    """Leadership issues a plan: number and date filled, PDF signed and stored; an older issued plan is superseded."""
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Kế hoạch này đã được ban hành hoặc đã được thay thế; không thể ban hành lại."))
    if not plan.signer_name.strip() or not plan.sign_position.strip():
        raise ValidationError(_("Kế hoạch chưa có người ký và chức vụ người ký."))
    previous_plans = Plan.objects.filter(commune=plan.commune, year=plan.year, status=Plan.Status.ISSUED).exclude(
        pk=plan.pk
    )

    def render(symbol: str, date: datetime.date) -> bytes:
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != Plan.Status.DRAFT:
            raise ValidationError(_("Kế hoạch này đã được ban hành hoặc đã được thay thế; không thể ban hành lại."))
        plan.number = symbol.split("/", 1)[0]
        plan.symbol = symbol.split("/", 1)[1]
        plan.date_day, plan.date_month, plan.date_year = date.day, date.month, date.year
        plan.status = Plan.Status.ISSUED
        return rendering.plan_pdf(plan)

    def after(document: IssuedDocument) -> None:
        # Runs under the counter's lock, so two new versions of one year's plan cannot race here.
        older = list(previous_plans.select_for_update())
        older_doc = (
            IssuedDocument.objects.filter(
                doc_type=DocType.PLAN, plan_id__in=[p.pk for p in older], superseded_by__isnull=True
            )
            .exclude(pk=document.pk)
            .order_by("-issued_at", "-pk")
            .first()
        )
        if older_doc is not None:
            document.supersedes = older_doc
            document.save(update_fields=["supersedes"])
        if older and plan.supersedes_id is None:
            plan.supersedes = older[0]
        plan.save()
        for old in older:
            old.status = Plan.Status.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])

    try:
        return document_issue(
            doc_type=DocType.PLAN,
            # Decree 30 numbers restart each calendar year: the year of issuing, not the plan's year.
            year=timezone.localdate().year,
            title=plan.full_title,
            render=render,
            signer_name=plan.signer_name,
            signer_position=signing.position_title(plan.sign_position),
            by=by,
            plan_id=plan.pk,
            on_issued=after,
            identity=identity,
        )
    except BaseException:
        plan.refresh_from_db()
        raise
