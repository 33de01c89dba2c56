"""The disclosure rules of Luật 10/2022 (domain.md §1.1), checked on one item: R-D1, R-D3, R-D4, R-D5."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from camgiang_portal.workdays import add_working_days

from .models import LOUDSPEAKER_3_DAYS, PERMANENT, POSTED_30_DAYS, DisclosureForm, DisclosureItem, DisclosureStatus

DISCLOSE_WITHIN_WORKING_DAYS = 5
MIN_POSTED_DAYS = 30
MIN_LOUDSPEAKER_DAYS = 3


@dataclass(frozen=True)
class Check:
    rule: str
    ok: bool | None  # None: not yet decidable (e.g. still running)
    message: str

    @property
    def css(self) -> str:
        return {True: "success", False: "danger", None: "secondary"}[self.ok]


def default_min_days(category: int) -> int | None:
    return MIN_POSTED_DAYS if category in POSTED_30_DAYS else None


def disclose_by(decision_date: datetime.date) -> datetime.date:
    return add_working_days(decision_date, DISCLOSE_WITHIN_WORKING_DAYS)


def check_rd1(item: DisclosureItem, today: datetime.date) -> Check:
    if item.decision_date is None:
        return Check("R-D1", None, _("Chưa nhập ngày ban hành quyết định."))
    deadline = disclose_by(item.decision_date)
    started = item.start_date if item.status != DisclosureStatus.DRAFT else None
    if started is None:
        ok = None if today <= deadline else False
        return Check("R-D1", ok, _("Phải công khai chậm nhất ngày %(date)s.") % {"date": f"{deadline:%d/%m/%Y}"})
    if started <= deadline:
        return Check(
            "R-D1", True, _("Công khai trong 5 ngày làm việc (hạn %(date)s).") % {"date": f"{deadline:%d/%m/%Y}"}
        )
    return Check("R-D1", False, _("Công khai muộn: hạn %(date)s.") % {"date": f"{deadline:%d/%m/%Y}"})


def check_rd3(item: DisclosureItem, today: datetime.date) -> Check | None:
    if item.category not in POSTED_30_DAYS:
        return None
    if DisclosureForm.POSTING not in item.forms:
        return Check("R-D3", False, _("Nội dung này phải được niêm yết tại trụ sở và nhà văn hóa thôn."))
    if item.status == DisclosureStatus.DRAFT or item.start_date is None:
        return Check("R-D3", None, _("Niêm yết ít nhất 30 ngày liên tục."))
    if (item.min_days or 0) < MIN_POSTED_DAYS:
        return Check("R-D3", False, _("Thời gian niêm yết dự kiến dưới 30 ngày."))
    end = item.archived_on if item.status == DisclosureStatus.ARCHIVED else None
    if end is not None:
        days = (end - item.start_date).days + 1
        if days >= MIN_POSTED_DAYS:
            return Check("R-D3", True, _("Đã niêm yết %(days)s ngày liên tục.") % {"days": days})
        return Check("R-D3", False, _("Chỉ niêm yết %(days)s ngày (tối thiểu 30 ngày).") % {"days": days})
    days = (today - item.start_date).days + 1
    if days >= MIN_POSTED_DAYS:
        return Check("R-D3", True, _("Đã niêm yết %(days)s ngày liên tục.") % {"days": days})
    return Check("R-D3", None, _("Đang niêm yết: ngày thứ %(days)s/30.") % {"days": max(days, 0)})


def check_rd4(item: DisclosureItem, today: datetime.date) -> Check | None:
    if item.category not in PERMANENT:
        return None
    if item.status == DisclosureStatus.ARCHIVED and not item.withdrawal_reason:
        return Check("R-D4", False, _("Nội dung phải công khai thường xuyên nhưng đã kết thúc không có lý do."))
    if item.status == DisclosureStatus.ARCHIVED:
        return Check("R-D4", True, _("Đã thay thế, có lý do: công khai bản mới."))
    return Check(
        "R-D4",
        True if item.status == DisclosureStatus.PUBLISHED else None,
        _("Công khai thường xuyên, cập nhật khi có thay đổi."),
    )


def check_rd5(item: DisclosureItem, today: datetime.date) -> Check | None:
    if item.category not in LOUDSPEAKER_3_DAYS:
        return None
    if DisclosureForm.LOUDSPEAKER not in item.forms:
        return Check("R-D5", False, _("Nội dung này phải được phát trên hệ thống truyền thanh."))
    if item.loudspeaker_days >= MIN_LOUDSPEAKER_DAYS:
        return Check("R-D5", True, _("Đã phát %(days)s ngày trên loa truyền thanh.") % {"days": item.loudspeaker_days})
    ok = None if item.status != DisclosureStatus.ARCHIVED else False
    return Check(
        "R-D5", ok, _("Phát trên loa ít nhất 3 ngày liên tục (đã phát %(days)s).") % {"days": item.loudspeaker_days}
    )


def checks(item: DisclosureItem, today: datetime.date) -> list[Check]:
    found = [check_rd1(item, today), check_rd3(item, today), check_rd4(item, today), check_rd5(item, today)]
    return [c for c in found if c is not None]
