"""The period's Báo cáo outline: read it (created from the default on first use), and the coordinator's changes.

Every change is a service that authorises ``by`` (the coordinator, reports.permissions.can_review; SYSTEM for
commands), validates what was typed (plain-text titles, lengths, ids of this outline only), and checks the
outline's version: an editor on an older page gets the conflict message, never an overwrite — except when the
request is the one that made the current version (a second click): then it is done already and nothing more
happens. Refusals raise OutlineError with a Vietnamese message and the 4xx a view answers with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from camgiang_portal.actors import history_user, is_system
from camgiang_portal.validators import no_html
from plans.models import Item, ReportingPeriod
from plans.permissions import require
from reports import permissions as reports_permissions
from reports.models import Indicator

from .models import TITLE_MAX, FigurePlacement, ItemPlacement, OutlineSection, ReportOutline
from .outline_defaults import COMPUTED, DEFAULT_SECTIONS, WRITTEN
from .outline_mapping import figure_key, item_key
from .refusals import Refusal

MAX_SECTIONS = 40
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


class OutlineError(Refusal):
    """A refused change of the outline."""


def conflict_message() -> str:
    return _(
        "Người khác vừa sửa đề cương này. Trang đang hiện bản mới nhất; thay đổi của bạn chưa được lưu, xin làm lại."
    )


def not_found_message() -> str:
    return _("Không tìm thấy mục hoặc nhiệm vụ này trong đề cương của kỳ báo cáo.")


def clean_title(value) -> str:
    """One line of plain text, 1..TITLE_MAX characters."""
    title = " ".join(str(value or "").split())
    if not title:
        raise OutlineError(_("Tên mục không được để trống."))
    if len(title) > TITLE_MAX:
        raise OutlineError(_("Tên mục dài quá %(max)s ký tự.") % {"max": TITLE_MAX})
    try:
        no_html(title)
    except ValidationError as exc:
        raise OutlineError(" ".join(exc.messages)) from exc
    return title


# --- reading ------------------------------------------------------------------------------------------------


def outline_for(period: ReportingPeriod) -> ReportOutline:
    """The period's outline; the first call makes it from the default, and every item or figure the plan gained
    since is placed by the default rule (so no item is ever missing from the outline)."""
    outline = ReportOutline.objects.filter(period=period).first()
    if outline is None:
        try:
            with transaction.atomic():
                outline = ReportOutline.objects.create(period=period)
                _sections_create(
                    outline, [(s.key, str(s.title), s.level, s.kind, str(s.hint)) for s in DEFAULT_SECTIONS]
                )
        except IntegrityError:  # another request made it meanwhile
            outline = ReportOutline.objects.get(period=period)
    outline.period = period
    _place_missing(outline)
    return outline


def _plan_items(plan_id: int):
    return Item.objects.filter(area__plan_id=plan_id).select_related("area").order_by("area__order", "order")


def _plan_indicators(plan_id: int):
    return (
        Indicator.objects.filter(Q(item__area__plan_id=plan_id) | Q(area__plan_id=plan_id))
        .select_related("item__area", "area")
        .order_by("order", "pk")
    )


def _indicator_key(indicator: Indicator) -> str | None:
    if indicator.item_id is not None:
        return figure_key(indicator.name, indicator.item.text, indicator.item.area.title)
    return figure_key(indicator.name, "", indicator.area.title if indicator.area_id else "")


def section_resolver(sections: list) -> Callable[[str | None], object]:
    """key → section of this outline: the section with that key, else the first results section (the first
    computed sub-section that is not leadership, else the first computed section, else the first section)."""
    by_key = {s.key: s for s in sections if s.key}
    computed = [s for s in sections if s.kind == COMPUTED and s.key != "lanh-dao"]
    fallback = next((s for s in computed if s.level == 2), None) or (computed[0] if computed else sections[0])
    return lambda key: by_key.get(key, fallback) if key else fallback


def _place_missing(outline: ReportOutline) -> None:
    plan_id = outline.period.plan_id
    placed_items = set(outline.item_placements.values_list("item_id", flat=True))
    placed_figures = set(outline.figure_placements.values_list("indicator_id", flat=True))
    items = [i for i in _plan_items(plan_id) if i.pk not in placed_items]
    indicators = [i for i in _plan_indicators(plan_id) if i.pk not in placed_figures]
    if not items and not indicators:
        return
    resolve = section_resolver(list(outline.sections.all()))
    for item in items:
        _create_once(ItemPlacement(outline=outline, item=item, section=resolve(item_key(item.text, item.area.title))))
    for indicator in indicators:
        _create_once(FigurePlacement(outline=outline, indicator=indicator, section=resolve(_indicator_key(indicator))))


def _create_once(placement) -> None:
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:  # placed by a concurrent first view
        pass


def section_numbers(sections: Iterable[OutlineSection]) -> dict[int, str]:
    """ "I", "II" for the parts, "1", "2" for the sub-sections of each part, in order."""
    numbers, parts, subs = {}, 0, 0
    for section in sections:
        if section.level == 1:
            parts, subs = parts + 1, 0
            numbers[section.pk] = _ROMAN[parts - 1] if parts <= len(_ROMAN) else str(parts)
        else:
            subs += 1
            numbers[section.pk] = str(subs)
    return numbers


@dataclass
class SectionRow:
    section: OutlineSection
    number: str
    full_number: str = ""  # "II.7" for a sub-section, as selects and headings name it out of context
    items: list = field(default_factory=list)  # ItemPlacement, item and area loaded
    figures: list = field(default_factory=list)  # FigurePlacement, indicator loaded

    @property
    def deletable(self) -> bool:
        """Only a section the coordinator added, once nothing is placed in it."""
        return not self.section.key and not self.items and not self.figures


def outline_rows(outline: ReportOutline) -> list[SectionRow]:
    """The sections in order with their items and figures; three queries whatever the plan's size."""
    sections = list(outline.sections.all())
    numbers = section_numbers(sections)
    rows, part = {}, ""
    for s in sections:
        part = numbers[s.pk] if s.level == 1 else part
        full = numbers[s.pk] if s.level == 1 or not part else f"{part}.{numbers[s.pk]}"
        rows[s.pk] = SectionRow(s, numbers[s.pk], full)
    plan_id = outline.period.plan_id
    for placement in (
        outline.item_placements.filter(item__area__plan_id=plan_id)
        .select_related("item__area")
        .order_by("item__area__order", "item__order")
    ):
        rows[placement.section_id].items.append(placement)
    for placement in (
        outline.figure_placements.filter(
            Q(indicator__item__area__plan_id=plan_id) | Q(indicator__area__plan_id=plan_id)
        )
        .select_related("indicator")
        .order_by("indicator__order", "indicator__pk")
    ):
        rows[placement.section_id].figures.append(placement)
    return list(rows.values())


# --- changes ------------------------------------------------------------------------------------------------


def _stamp(by, version: int, action: str) -> str:
    who = "system" if is_system(by) else str(by.pk)
    return hashlib.sha256(f"{who}|{version}|{action}".encode()).hexdigest()


def _change(
    outline: ReportOutline, *, by, version, action: str, apply: Callable[[ReportOutline], bool]
) -> ReportOutline:
    """Apply one change on the locked outline if the editor saw its current version; bump the version."""
    require(by, reports_permissions.can_review)
    if not isinstance(version, int):
        raise OutlineError(_("Thiếu hoặc sai số phiên bản của đề cương; xin tải lại trang."))
    stamp = _stamp(by, version, action)
    with transaction.atomic():
        locked = ReportOutline.objects.select_for_update().select_related("period").get(pk=outline.pk)
        if version != locked.version:
            if locked.last_action == stamp:
                return locked  # the request that made this version, sent again: done already
            raise OutlineError(conflict_message(), code="conflict")
        if not apply(locked):
            return locked
        locked.version += 1
        locked.last_action = stamp
        locked.updated_by = history_user(by)
        locked._history_user = history_user(by)
        locked.save()
    return locked


def _section(outline: ReportOutline, section_id) -> OutlineSection:
    try:
        return outline.sections.get(pk=int(section_id))
    except (OutlineSection.DoesNotExist, ValueError, TypeError) as exc:
        raise OutlineError(not_found_message(), code="not_found") from exc


def _save(obj, by) -> None:
    obj._history_user = history_user(by)
    obj.save()


def _renumber(sections: list[OutlineSection], by) -> None:
    for order, section in enumerate(sections, start=1):
        if section.order != order:
            section.order = order
            _save(section, by)


def section_rename(*, outline: ReportOutline, section_id, title: str, version, by) -> ReportOutline:
    title = clean_title(title)

    def apply(locked: ReportOutline) -> bool:
        section = _section(locked, section_id)
        if section.title == title:
            return False
        section.title = title
        _save(section, by)
        return True

    return _change(outline, by=by, version=version, action=f"rename|{section_id}|{title}", apply=apply)


def section_add(
    *, outline: ReportOutline, title: str, level, kind: str = COMPUTED, after_id=None, version, by
) -> ReportOutline:
    """A new section (no key: the coordinator's own), after the chosen one or at the end."""
    title = clean_title(title)
    if str(level) not in ("1", "2") or kind not in (COMPUTED, WRITTEN):
        raise OutlineError(_("Cấp hoặc loại mục không hợp lệ."))

    def apply(locked: ReportOutline) -> bool:
        sections = list(locked.sections.all())
        if len(sections) >= MAX_SECTIONS:
            raise OutlineError(_("Đề cương đã có %(max)s mục, không thêm được nữa.") % {"max": MAX_SECTIONS})
        at = len(sections)
        if after_id not in (None, ""):
            at = sections.index(_section(locked, after_id)) + 1
        new = OutlineSection(outline=locked, title=title, level=int(level), kind=kind, order=at + 1)
        _save(new, by)
        _renumber([*sections[:at], new, *sections[at:]], by)
        return True

    return _change(outline, by=by, version=version, action=f"add|{title}|{level}|{kind}|{after_id}", apply=apply)


def section_move(*, outline: ReportOutline, section_id, direction: str, version, by) -> ReportOutline:
    if direction not in ("up", "down"):
        raise OutlineError(_("Hướng chuyển không hợp lệ."))

    def apply(locked: ReportOutline) -> bool:
        sections = list(locked.sections.all())
        index = sections.index(_section(locked, section_id))
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(sections):
            return False  # already first (last)
        sections[index], sections[other] = sections[other], sections[index]
        _renumber(sections, by)
        return True

    return _change(outline, by=by, version=version, action=f"move|{section_id}|{direction}", apply=apply)


def section_delete(*, outline: ReportOutline, section_id, version, by) -> ReportOutline:
    def apply(locked: ReportOutline) -> bool:
        section = _section(locked, section_id)
        if section.key:
            raise OutlineError(_("Mục mặc định của đề cương không xóa được; có thể đổi tên mục."))
        if section.item_placements.exists() or section.figure_placements.exists():
            raise OutlineError(_("Mục còn nhiệm vụ hoặc chỉ tiêu: hãy chuyển chúng sang mục khác trước khi xóa."))
        section._history_user = history_user(by)
        section.delete()
        _renumber(list(locked.sections.all()), by)
        return True

    return _change(outline, by=by, version=version, action=f"delete|{section_id}", apply=apply)


def placements_set(*, outline: ReportOutline, items: dict, figures: dict, version, by) -> ReportOutline:
    """Move items ({item id: section id}) and figures ({indicator id: section id}) between sections; ids of
    another outline or plan are not found (404); what already sits where asked is left alone."""

    def apply(locked: ReportOutline) -> bool:
        sections = {s.pk: s for s in locked.sections.all()}
        plan_id = locked.period.plan_id
        item_rows = {p.item_id: p for p in locked.item_placements.filter(item__area__plan_id=plan_id)}
        figure_rows = {
            p.indicator_id: p
            for p in locked.figure_placements.filter(
                Q(indicator__item__area__plan_id=plan_id) | Q(indicator__area__plan_id=plan_id)
            )
        }
        changed = False
        for wanted, rows in ((items, item_rows), (figures, figure_rows)):
            for target_id, section_id in wanted.items():
                if target_id not in rows or section_id not in sections:
                    raise OutlineError(not_found_message(), code="not_found")
                placement = rows[target_id]
                if placement.section_id != section_id:
                    placement.section = sections[section_id]
                    _save(placement, by)
                    changed = True
        return changed

    action = f"place|{sorted(items.items())}|{sorted(figures.items())}"
    return _change(outline, by=by, version=version, action=action, apply=apply)


def _sections_create(outline: ReportOutline, rows: list[tuple], by=None) -> list[OutlineSection]:
    """rows: (key, title, level, kind, hint), in order."""
    sections = []
    for order, (key, title, level, kind, hint) in enumerate(rows, start=1):
        section = OutlineSection(
            outline=outline, key=key or "", title=title, level=level, kind=kind, hint=hint, order=order
        )
        _save(section, by)
        sections.append(section)
    return sections


def outline_replace(*, outline: ReportOutline, headings: list, source_name: str, version, by) -> ReportOutline:
    """The outline a superior sent takes the place of the sections; every item and figure is placed again by the
    default rule onto the new titles (consolidation.outline_read found their keys), else the first results
    section. ``headings``: objects with key, title, level, kind (consolidation.outline_read.Heading)."""
    if not headings:
        raise OutlineError(_("Đề cương không có đề mục nào."))
    if len(headings) > MAX_SECTIONS:
        raise OutlineError(_("Đề cương có quá nhiều đề mục (tối đa %(max)s).") % {"max": MAX_SECTIONS})
    rows, used = [], set()
    for heading in headings:
        # A key names one section of an outline: a second heading of the same content is the coordinator's own.
        key = heading.key if heading.key and heading.key not in used else ""
        used.add(key)
        kind = heading.kind if heading.kind in (COMPUTED, WRITTEN) else COMPUTED
        level = 1 if heading.level == 1 else 2
        rows.append((key, clean_title(heading.title), level, kind, ""))

    def apply(locked: ReportOutline) -> bool:
        for placement in [*locked.item_placements.all(), *locked.figure_placements.all()]:
            placement._history_user = history_user(by)
            placement.delete()
        for section in locked.sections.all():
            section._history_user = history_user(by)
            section.delete()
        _sections_create(locked, rows, by)
        locked.source, locked.source_name = ReportOutline.Source.LOADED, source_name[:255]
        _place_missing(locked)
        return True

    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    return _change(outline, by=by, version=version, action=f"replace|{digest}", apply=apply)


def placement_preview(outline: ReportOutline, headings: list) -> list[int]:
    """How many items and figures each heading would receive if the file were loaded (for the preview)."""
    resolve = section_resolver(list(headings))
    counts = {id(h): 0 for h in headings}
    plan_id = outline.period.plan_id
    for item in _plan_items(plan_id):
        counts[id(resolve(item_key(item.text, item.area.title)))] += 1
    for indicator in _plan_indicators(plan_id):
        counts[id(resolve(_indicator_key(indicator)))] += 1
    return [counts[id(h)] for h in headings]
