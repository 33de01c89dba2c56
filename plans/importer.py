"""Turning a parsed plan into the portal's rows: body resolution, areas, items, assignments, periods, duties.

It writes rows only; `plans.services.plan_import` authorises, holds the transaction, grants the new bodies'
groups and generates the tasks around it, so this module needs nothing above the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from camgiang_portal.safe_files import ArchiveRefused, archive_check
from communes.current import current_commune
from communes.models import Commune

from .models import (
    Assignment,
    Body,
    ContentArea,
    Duty,
    Item,
    LegalBasis,
    Plan,
    Recipient,
    ReportingPeriod,
    body_code,
    letter_order,
)
from .parsing import ParsedPlan, PlanParseError, parse_plan_file
from .parsing.bodies import classify_body_phrase, normalise_name
from .selectors import plan_of_year


class PlanImportError(Exception):
    """An import refused as a whole; ``message`` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class ImportResult:
    plan: Plan | None
    parsed: ParsedPlan
    dry_run: bool
    warnings: list[str] = field(default_factory=list)
    created_bodies: list[Body] = field(default_factory=list)
    involved_bodies: set[int] = field(default_factory=set)
    assignments: int = 0

    def summary(self) -> dict:
        """The --json object of `import_plan`: ids, counts and the reporting deadlines."""
        parsed = self.parsed
        return {
            "plan_id": self.plan.pk if (self.plan and not self.dry_run) else 0,
            "year": parsed.year,
            "title": parsed.title,
            "areas": len(parsed.areas),
            "items": len(parsed.items),
            "items_per_area": [len(area.items) for area in parsed.areas],
            "bodies": len(self.involved_bodies),
            "assignments": self.assignments,
            "deadlines": [d.due_date.isoformat() for d in parsed.deadlines],
            "legal_bases": len(parsed.legal_bases),
            "recipients": len(parsed.recipients),
            "signer": parsed.signature.name,
        }


_KIND_HINTS = [
    (("thôn", "tổ dân phố", "khu dân cư"), Body.Kind.VILLAGE),
    (("hội ", "đoàn ", "mặt trận", "mttq", "ubmttq", "công đoàn"), Body.Kind.ORGANISATION),
]


def _guess_kind(name: str) -> str:
    lowered = f"{name.lower()} "
    for words, kind in _KIND_HINTS:
        if any(lowered.startswith(w) or f" {w}" in lowered for w in words):
            return kind
    return Body.Kind.DEPARTMENT


class BodyResolver:
    """Maps the plan's wording of bodies onto the commune's bodies, creating (flagged) ones it lacks."""

    def __init__(self, *, dry_run: bool) -> None:
        self.dry_run = dry_run
        # A plan names its own commune's bodies only: the commune being served (the home one when only one).
        self.commune = current_commune()
        self.bodies = list(Body.objects.filter(commune=self.commune).exclude(kind=Body.Kind.LEADERSHIP))
        self.by_name = {normalise_name(b.name): b for b in self.bodies}
        self.created: list[Body] = []
        self.warnings: list[str] = []
        self._warned_empty: set[str] = set()

    def _of_kind(self, kind: str, phrase: str) -> list[Body]:
        # A body not yet confirmed (made from a mention in a plan) is assigned where it is named, never swept
        # into "every department" on a guess of its kind.
        found = [
            b
            for b in self.bodies
            if b.kind == kind and not b.needs_confirmation and not (kind == Body.Kind.ORGANISATION and b.is_front)
        ]
        if not found and phrase not in self._warned_empty:
            self._warned_empty.add(phrase)
            self.warnings.append(
                _("Chưa có cơ quan nào thuộc nhóm “%(phrase)s” trong hệ thống: nhóm này chưa được phân công.")
                % {"phrase": phrase}
            )
        return found

    def _named(self, name: str) -> Body:
        key = normalise_name(name)
        body = self.by_name.get(key)
        if body is None:
            # Loose match: "Phòng Văn hóa – Xã hội xã" vs "Phòng Văn hóa - Xã hội", "Ủy ban MTTQ VN xã" …
            candidates = [b for k, b in self.by_name.items() if k and (k in key or key in k)]
            if len(candidates) == 1:
                body = candidates[0]
        if body is None:
            body = self._create(name)
        return body

    def _create(self, name: str) -> Body:
        base = slugify(normalise_name(name))[:32] or "co-quan"
        if self.commune.code != settings.PLATFORM_HOME_COMMUNE:  # codes are the platform's: carry the commune
            base = body_code(self.commune, base)
        code, n = base, 2
        while Body.all_communes.filter(code=code).exists() or any(b.code == code for b in self.created):
            code, n = f"{base}-{n}", n + 1
        body = Body(commune=self.commune, name=name[:255], code=code, kind=_guess_kind(name), needs_confirmation=True)
        body.save()  # its group and grants are the service's, once the import has built the plan
        self.bodies.append(body)
        self.by_name[normalise_name(name)] = body
        self.created.append(body)
        self.warnings.append(
            _("Kế hoạch nêu “%(name)s” nhưng hệ thống chưa có cơ quan này: đã tạo mới, chờ cán bộ đầu mối xác nhận.")
            % {"name": name}
        )
        return body

    def resolve(self, phrase: str) -> list[Body]:
        ref = classify_body_phrase(phrase)
        if ref.kind == "all_departments":
            return self._of_kind(Body.Kind.DEPARTMENT, phrase)
        if ref.kind == "all_villages":
            return self._of_kind(Body.Kind.VILLAGE, phrase)
        if ref.kind == "all_organisations":
            return self._of_kind(Body.Kind.ORGANISATION, phrase)
        if not ref.name:
            return []
        return [self._named(ref.name)]

    def resolve_all(self, phrases: list[str]) -> list[Body]:
        seen: dict[int, Body] = {}
        for phrase in phrases:
            for body in self.resolve(phrase):
                seen.setdefault(body.pk, body)
        return list(seen.values())


def _has_dependants_outside_plans(*groups) -> bool:
    """Would deleting these take other apps' data with them (reports filed against the plan, …)?

    Asked generically through Django's deletion collector, so this app needs to know nothing of the apps above it.
    """
    collector = Collector(using="default")
    for objects in groups:  # the collector takes one model at a time
        if objects:
            collector.collect(list(objects))
    if any(model._meta.app_label != "plans" and instances for model, instances in collector.data.items()):
        return True
    return any(qs.model._meta.app_label != "plans" and qs.exists() for qs in collector.fast_deletes)


def _plan_fields(parsed: ParsedPlan, *, commune: Commune, source_name: str, source_text: str) -> dict:
    sig = parsed.signature
    return {
        "commune": commune,
        "commune_name": parsed.commune_name,
        "unit_kind": parsed.unit_kind,
        "village_word": parsed.village_word,
        "organisation_parent": parsed.organisation_parent,
        "organisation": parsed.organisation,
        "year": parsed.year,
        "number": parsed.number,
        "symbol": parsed.symbol or "KH-UBND",
        "place": parsed.place or parsed.commune_name,
        "date_day": parsed.date_day,
        "date_month": parsed.date_month,
        "date_year": parsed.date_year,
        "title": parsed.title,
        "preamble": "\n\n".join(parsed.preamble),
        "purposes": "\n\n".join(parsed.purposes),
        "requirements": "\n\n".join(parsed.requirements),
        "reporting_text": parsed.reporting_text,
        "sign_authority": sig.authority,
        "sign_delegation": sig.delegation,
        "sign_position": sig.position,
        "signer_name": sig.name,
        "source_name": source_name[:255],
        "source_text": source_text,
    }


def _build_references(plan: Plan, parsed: ParsedPlan) -> None:
    """The plan's legal bases, recipients and reporting periods: rows copied from the text as they stand."""
    LegalBasis.objects.bulk_create(
        LegalBasis(
            plan=plan,
            doc_type=ref.doc_type,
            number=ref.number,
            date=ref.date,
            issuer=ref.issuer,
            title=ref.title,
            in_preamble=ref.in_preamble,
            order=order,
        )
        for order, ref in enumerate(parsed.legal_bases, start=1)
    )
    Recipient.objects.bulk_create(
        Recipient(plan=plan, text=text[:255], order=order) for order, text in enumerate(parsed.recipients, start=1)
    )
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            plan=plan,
            code=d.code,
            label=d.label,
            start=d.period_start,
            end=d.period_end,
            due_date=d.due_date,
            order=order,
        )
        for order, d in enumerate(parsed.deadlines, start=1)
    )


def _item_roles(parsed_item, area_bodies: list[Body], resolver: BodyResolver) -> dict[int, tuple[Body, str]]:
    """Who does an item: its own lead and coordinating bodies when it names them, else its area's bodies."""
    roles: dict[int, tuple[Body, str]] = {}
    if parsed_item.lead_bodies or parsed_item.coordinating_bodies:
        for body in resolver.resolve_all(parsed_item.lead_bodies):
            roles[body.pk] = (body, Assignment.Role.LEAD)
        for body in resolver.resolve_all(parsed_item.coordinating_bodies):
            roles.setdefault(body.pk, (body, Assignment.Role.COORDINATE))
    else:
        for body in area_bodies:
            roles[body.pk] = (body, Assignment.Role.IMPLEMENT)
    return roles


def _build_areas(plan: Plan, parsed: ParsedPlan, resolver: BodyResolver, result: ImportResult) -> None:
    """Section II: the content areas, their items and who is assigned each item."""
    assignments: list[Assignment] = []
    for area_order, parsed_area in enumerate(parsed.areas, start=1):
        area = ContentArea.objects.create(
            plan=plan,
            number=parsed_area.number,
            title=parsed_area.title,
            bodies_text=parsed_area.bodies_text,
            timing=parsed_area.timing,
            order=area_order,
        )
        area_bodies = resolver.resolve_all(parsed_area.body_names)
        for item_order, parsed_item in enumerate(parsed_area.items, start=1):
            item = Item.objects.create(
                area=area,
                label=parsed_item.label,
                text=parsed_item.text,
                # Only the item's own timing: the area's is the area's (the plan states it once, so does the PDF).
                timing=parsed_item.timing,
                deadline=parsed_item.deadline,
                basis=parsed_item.basis,
                order=letter_order(parsed_item.label) if letter_order(parsed_item.label) < 100 else item_order,
            )
            roles = _item_roles(parsed_item, area_bodies, resolver)
            assignments.extend(Assignment(item=item, body=body, role=role) for body, role in roles.values())
    bulk_create_with_history(assignments, Assignment)
    result.assignments = len(assignments)
    result.involved_bodies.update(a.body_id for a in assignments)


def _build_duties(plan: Plan, parsed: ParsedPlan, resolver: BodyResolver, result: ImportResult) -> None:
    """Section III: each body's duties, and the body the reports go through."""
    for order, parsed_duty in enumerate(parsed.duties, start=1):
        bodies = resolver.resolve(parsed_duty.body_name) if parsed_duty.body_name else []
        body = bodies[0] if len(bodies) == 1 else None
        if body:
            result.involved_bodies.add(body.pk)
        Duty.objects.create(
            plan=plan,
            number=parsed_duty.number,
            heading=parsed_duty.heading[:255],
            body=body,
            text=parsed_duty.text,
            order=order,
        )
    if parsed.reporting_via:
        via = resolver.resolve(parsed.reporting_via)
        if len(via) == 1:
            plan.reporting_via = via[0]
            plan.save(update_fields=["reporting_via"])


def plan_parse(source: bytes, filename: str = "", *, year: int | None = None) -> ParsedPlan:
    """The document read into a ParsedPlan; raises PlanParseError (in Vietnamese) for anything it cannot read."""
    if source.startswith(b"PK\x03\x04"):
        # A .docx is a zip: bounded before python-docx inflates it (the parser package itself stays Django-free).
        try:
            archive_check(source)
        except ArchiveRefused as exc:
            raise PlanParseError(exc.message) from exc
    return parse_plan_file(source, filename, year=year)


def existing_plan_refusal(*, year: int, commune: str, existing: Plan) -> PlanImportError:
    """The refusal of a plan imported a second time (also what a second click on "confirm" is told)."""
    return PlanImportError(
        _(
            "Đã có kế hoạch năm %(year)s của %(commune)s trong hệ thống (mã %(id)s). Kế hoạch không được "
            "nhập lần thứ hai; để cập nhật bản dự thảo, hãy chọn “thay thế bản dự thảo”."
        )
        % {"year": year, "commune": commune, "id": existing.pk}
    )


def _replace_draft(existing: Plan, parsed: ParsedPlan, fields: dict) -> Plan:
    """Rebuild an unreported draft in place; refuse an issued plan or one the bodies reported on."""
    if existing.status != Plan.Status.DRAFT:
        raise PlanImportError(
            _("Kế hoạch năm %(year)s đã ban hành: không thể thay thế; hãy tạo phiên bản mới.") % {"year": parsed.year}
        )
    refused = PlanImportError(
        _("Kế hoạch năm %(year)s đã có báo cáo của các đơn vị: không thể thay thế cấu trúc.") % {"year": parsed.year}
    )
    if _has_dependants_outside_plans(existing.areas.all(), existing.periods.all()):
        raise refused
    try:
        for relation in (existing.areas, existing.periods, existing.legal_bases, existing.duties, existing.recipients):
            relation.all().delete()
    except ProtectedError as exc:
        raise refused from exc
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.save()
    return existing


def plan_build(
    parsed: ParsedPlan, *, source: bytes, filename: str, replace: bool, dry_run: bool = False
) -> ImportResult:
    """Write the parsed plan's rows, inside the caller's transaction; raises PlanImportError when refused.

    A plan that already exists (same commune and year) is refused, unless ``replace`` is given and it is a
    draft on which nobody has reported yet: then it is rebuilt in place.
    """
    source_text = source.decode("utf-8", errors="replace") if not filename.lower().endswith(".docx") else ""
    result = ImportResult(plan=None, parsed=parsed, dry_run=dry_run, warnings=list(parsed.warnings))
    commune = current_commune()
    if commune is None:  # the platform's root serves no commune's pages; a command must name its commune
        raise PlanImportError(_("Chưa chọn xã, phường: kế hoạch được nhập trong trang của một xã, phường."))
    fields = _plan_fields(parsed, commune=commune, source_name=filename, source_text=source_text)
    existing = plan_of_year(commune=commune, year=parsed.year)
    if existing is not None and not replace:
        raise existing_plan_refusal(year=parsed.year, commune=parsed.commune_name, existing=existing)
    plan = _replace_draft(existing, parsed, fields) if existing is not None else Plan.objects.create(**fields)
    resolver = BodyResolver(dry_run=dry_run)
    _build_references(plan, parsed)
    _build_areas(plan, parsed, resolver, result)
    _build_duties(plan, parsed, resolver, result)
    result.plan = plan
    result.created_bodies = resolver.created
    result.warnings.extend(resolver.warnings)
    return result


__all__ = ["ImportResult", "PlanImportError", "PlanParseError", "plan_build", "plan_parse"]
