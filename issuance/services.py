"""Issuing official papers: one path for every paper (`issue`), one transaction from number to commit."""

from __future__ import annotations

import datetime
import hashlib
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from camgiang_portal import signing
from communes.current import current_commune
from communes.models import Commune
from plans.models import Plan

from . import agency
from .models import DocType, DocumentCounter, IssuedDocument
from .papers import IssuablePaper, PlanPaper, Rendered

AGENCY_SYMBOL = "UBND"


def number_symbol(number: int, doc_type: str) -> str:
    """ "12/KH-UBND": Decree 30 numbers from 01 each year; numbers below 10 are written with two digits."""
    return f"{number:02d}/{doc_type}-{AGENCY_SYMBOL}"


def _next_number(*, commune: Commune | None, year: int, doc_type: str) -> DocumentCounter:
    """The counter row of (commune, year, type), locked until the transaction ends: numbers are never skipped nor
    shared. Each commune has its own register: two communes' first plans of a year are both Số 01/KH-UBND; the
    city's (commune None) is its own too."""
    key = {"commune": commune, "year": year, "doc_type": doc_type}
    DocumentCounter.all_communes.get_or_create(**key)
    counter = DocumentCounter.all_communes.select_for_update().get(**key)
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


def issue(paper: IssuablePaper, by, identity: signing.SigningIdentity | None = None) -> IssuedDocument:
    """Issue a paper: the next number of its type and year, rendered with that number and today's date, signed,
    stored once and registered, in one transaction:

    1. `paper.check_and_lock(by)`: authorise, lock the paper's own rows, refuse what cannot be issued — before any
       number is taken, so a refusal (a second click, too) uses none;
    2. the next number of (commune, year, type) — the paper's commune (`paper_commune`), or the city's register
       for a city's paper —, under the counter row's lock, held until commit: never skipped nor shared;
    3. `paper.render(number_symbol, today)`: the unsigned PDF with its number and date;
    4. signed (`signing.sign_paper`: the signer's stamp in the signature space, then the agency's seal, which
       names the commune's People's Committee, or the city's: `agency.issuer_name`), by `identity`, else the
       issuer's own identity (`agency.issuer_key`) if it has one, else the configured one;
    5. stored once, read-only, under a name that holds its hash (the storage never overwrites);
    6. registered: the IssuedDocument row with the file's SHA-256 and size;
    7. `paper.apply(document)`: the paper's own changes;
    8. committed.
    `by` is whoever acts, authorised by the paper (SYSTEM: the deployment itself, see permissions.check_issuer).
    If anything fails, the number is not used, no row is written and the file stored for it is removed. Locks
    are taken in one order, the paper's rows before the counter's, so two issues wait for each other but never
    deadlock.
    """
    if paper.doc_type not in DocType.values:
        raise ValidationError(_("Loại văn bản không hợp lệ."))
    written: list[str] = []
    try:
        with transaction.atomic():
            paper.check_and_lock(by)
            commune = paper_commune(paper)
            # The counter row stays locked through render and signing (seconds): issuing is rare, and
            # holding the number until commit is what makes the sequence gap-free.
            counter = _next_number(commune=commune, year=paper.year, doc_type=paper.doc_type)
            symbol = number_symbol(counter.last_number, paper.doc_type)
            now = timezone.now()
            unsigned, space = _rendered(paper.render(symbol, timezone.localdate(now)))
            signed = signing.sign_paper(
                unsigned,
                signature_space=space,
                signer_name=paper.signer_name,
                position=paper.signer_position,
                identity=identity,
                when=now,
                agency_name=agency.issuer_name(commune),
                location=agency.issuer_location(commune),
                issuer=agency.issuer_key(commune),
            )
            document = _register(paper, commune, counter.last_number, symbol, now, signed, by=by, written=written)
            paper.apply(document)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return document


def paper_commune(paper: IssuablePaper) -> Commune | None:
    """The commune whose paper this is: the paper's own (its plan's), else the commune being served; None for a
    paper that says it is the city's (`city = True`), numbered and sealed by the city's People's Committee.

    Only that flag leads to the city's register: a commune's paper that found no commune is refused, never
    numbered as the city's by accident."""
    if getattr(paper, "city", False) is True:
        if getattr(paper, "commune", None) is not None:
            raise ValidationError(_("Văn bản của thành phố không thuộc xã, phường nào."))
        return None
    commune = getattr(paper, "commune", None) or current_commune()
    if commune is None:
        raise ValidationError(_("Không xác định được xã, phường ban hành văn bản."))
    return commune


def _rendered(result: Rendered) -> tuple[bytes, object | None]:
    """A render's PDF and its signature space (None: signing finds the stamp's place in the PDF)."""
    if isinstance(result, tuple):
        return result
    return result, None


def _register(
    paper: IssuablePaper,
    commune: Commune | None,
    number: int,
    symbol: str,
    now: datetime.datetime,
    signed: bytes,
    *,
    by,
    written: list[str],
) -> IssuedDocument:
    """The signed file stored once (read-only) and its register row; the file's name goes in `written` at once,
    so a failure after this removes it."""
    digest = hashlib.sha256(signed).hexdigest()
    document = IssuedDocument(
        commune=commune,
        doc_type=paper.doc_type,
        year=paper.year,
        number=number,
        symbol=symbol,
        title=paper.title,
        issued_at=now,
        sha256=digest,
        size=len(signed),
        signer_name=paper.signer_name,
        signer_position=paper.signer_position,
        plan_id=paper.plan_id,
        report_key=paper.report_key,
        issued_by=by if getattr(by, "pk", None) else None,
    )
    # The storage never overwrites: a taken name gets a suffix, so an issued file is written once.
    name = f"{paper.doc_type.lower()}-{paper.year}-so-{number:02d}-{digest[:12]}.pdf"
    document.file.save(name, ContentFile(signed), save=False)
    written.append(document.file.name)
    _make_read_only(document.file.name)
    document.save()
    return document


def plan_issue(*, plan: Plan, by, identity: signing.SigningIdentity | None = None) -> IssuedDocument:
    """Leadership issues a plan: number and date filled, PDF signed and stored; an older issued plan is superseded
    (papers.PlanPaper)."""
    return issue(PlanPaper(plan), by, identity)
