"""Demo data of the publicity app, as it stands on a given day (`as_of`): the year's disclosures, the chairman's
weekly citizen reception, and citizens' feedback at every step. Idempotent.

Everything happens on its own date inside the year up to `as_of` (the clock is set to each step, so the
services stamp it as an official's click would): what the portal counts for a reporting period
(publicity.selectors.counted_in, from 1 January to the period's end) is then non-zero and plausible
(settled ≤ received). Only the reception schedule looks ahead: the next two Thursdays, announced, not held.
"""

from __future__ import annotations

import datetime
import hashlib
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from camgiang_portal.actors import SYSTEM
from camgiang_portal.workdays import add_working_days
from communes.current import use_commune
from plans.demo import DemoSite, home_site
from plans.models import Body

from . import services
from .models import DisclosureItem, Feedback, ReceptionSession

User = get_user_model()
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# (month, day) posted, category (Luật 10/2022 art. 11), title ({y}: the year), responsible body, forms.
DISCLOSURES = [
    ((1, 8), 2, "Dự toán ngân sách xã năm {y}", "phong-kinh-te", ["a", "b", "d"]),
    ((1, 15), 4, "Quy chế thực hiện dân chủ ở cơ sở xã Cẩm Giang", "vp-hdnd-ubnd", ["a", "b"]),
    ((1, 22), 1, "Kế hoạch phát triển kinh tế – xã hội năm {y}", "phong-kinh-te", ["a", "b"]),
    ((2, 24), 13, "Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã", "tt-phvhcc", ["a", "b"]),
    ((3, 10), 12, "Mức thu phí chợ Cẩm Giang năm {y}", "phong-kinh-te", ["a", "b", "c"]),
    (
        (4, 14),
        5,
        "Kết quả vận động đóng góp xây dựng đường giao thông nông thôn năm {y}",
        "phong-kinh-te",
        ["a", "c", "d"],
    ),
    ((5, 6), 3, "Kế hoạch sử dụng đất năm {y} của xã Cẩm Giang", "phong-kinh-te", ["a", "b"]),
    ((7, 9), 2, "Tình hình thực hiện dự toán ngân sách xã 6 tháng đầu năm {y}", "phong-kinh-te", ["a", "b"]),
    ((8, 18), 9, "Danh sách công dân gọi khám sức khỏe nghĩa vụ quân sự năm {y1}", "vp-hdnd-ubnd", ["a", "c", "d"]),
    ((10, 12), 7, "Kết quả bình xét hộ nghèo, hộ cận nghèo năm {y}", "phong-vhxh", ["a", "b", "c", "d"]),
    (
        (11, 16),
        11,
        "Kết quả lấy ý kiến Nhân dân về quy hoạch khu dân cư mới thôn Quý Dương",
        "phong-kinh-te",
        ["a", "d"],
    ),
]

# (month, day) received, kind, channel, village, subject, content, handling body, answer, how far it goes.
FEEDBACK = [
    (
        (1, 12),
        "phan_anh",
        "hop_thon",
        "thon-002",
        "Đề nghị nạo vét mương tiêu cánh đồng phía Bắc",
        "Mương tiêu cánh đồng phía Bắc thôn Hoàng Xá bị bồi lấp, mùa mưa ngập ruộng.",
        "phong-kinh-te",
        "Phòng Kinh tế đã bố trí kinh phí thủy lợi nội đồng, nạo vét xong 600 m mương tiêu.",
        None,
    ),
    (
        (1, 27),
        "kien_nghi",
        "ban_ttnd",
        "thon-001",
        "Công khai danh sách hỗ trợ người có công",
        "Đề nghị niêm yết danh sách hỗ trợ người có công dịp Tết tại nhà văn hóa thôn.",
        "phong-vhxh",
        "Danh sách đã được niêm yết tại nhà văn hóa thôn Đông Giao từ ngày 30/01.",
        None,
    ),
    (
        (2, 23),
        "phan_anh",
        "web",
        "thon-001",
        "Đèn đường ngõ 3 thôn Đông Giao hỏng",
        "Đèn đường ở ngõ 3 thôn Đông Giao hỏng đã hai tuần, buổi tối đi lại khó khăn.",
        "thon-001",
        "Thôn đã phối hợp đơn vị điện lực thay bóng đèn, đèn sáng trở lại.",
        None,
    ),
    (
        (3, 16),
        "phan_anh",
        "hom_thu",
        "thon-003",
        "Rác thải đổ sai nơi quy định ở bờ đê",
        "Có người đổ rác ra bờ đê gần cống thôn Quý Dương.",
        "thon-003",
        "Thôn đã dọn sạch điểm rác, lắp biển cấm đổ rác và giao tổ tự quản kiểm tra.",
        None,
    ),
    (
        (4, 7),
        "kien_nghi",
        "tiep_cong_dan",
        "thon-005",
        "Đề nghị cấp đổi giấy chứng nhận quyền sử dụng đất",
        "Hồ sơ cấp đổi giấy chứng nhận của gia đình nộp từ tháng 12 năm trước chưa có kết quả.",
        "phong-kinh-te",
        "Hồ sơ đã được thẩm định, giấy chứng nhận đã trả cho công dân tại Trung tâm Phục vụ hành chính công.",
        None,
    ),
    (
        (4, 28),
        "phan_anh",
        "duong_day_nong",
        "thon-006",
        "Xe chở vật liệu làm hỏng đường trục thôn",
        "Xe tải chở vật liệu xây dựng chạy quá tải làm lún, nứt đường trục thôn Tràng Kỹ.",
        "phong-kinh-te",
        "UBND xã đã yêu cầu chủ phương tiện sửa chữa mặt đường và cam kết không chở quá tải.",
        None,
    ),
    (
        (5, 12),
        "kien_nghi",
        "hop_thon",
        "thon-004",
        "Đề nghị sửa chữa nhà văn hóa thôn Thạch Lỗi",
        "Mái nhà văn hóa thôn dột nhiều chỗ, đề nghị xã hỗ trợ kinh phí sửa chữa.",
        "phong-kinh-te",
        "UBND xã hỗ trợ 50% kinh phí; Nhân dân đóng góp phần còn lại theo nghị quyết họp thôn.",
        None,
    ),
    (
        (6, 2),
        "phan_anh",
        "web",
        "thon-007",
        "Chậm trả kết quả hồ sơ chứng thực",
        "Hồ sơ chứng thực hẹn trả trong ngày nhưng hai ngày sau mới nhận được.",
        "tt-phvhcc",
        "Trung tâm đã xin lỗi công dân, chấn chỉnh việc hẹn trả kết quả đúng quy định.",
        None,
    ),
    (
        (6, 24),
        "phan_anh",
        "mttq_chuyen",
        "thon-008",
        "Chó thả rông không rọ mõm",
        "Nhiều hộ ở thôn An Bình thả chó rông, không đeo rọ mõm, gây mất an toàn cho trẻ em.",
        "thon-008",
        "Thôn đã nhắc nhở, yêu cầu các hộ nuôi chó ký cam kết không thả rông.",
        None,
    ),
    (
        (7, 20),
        "kien_nghi",
        "ban_gsdtcd",
        "thon-009",
        "Giám sát chất lượng thi công rãnh thoát nước",
        "Ban Giám sát đầu tư của cộng đồng đề nghị kiểm tra độ dày tấm đan rãnh thoát nước thôn Tân Lập.",
        "phong-kinh-te",
        "Đơn vị thi công đã thay các tấm đan không đạt, Ban Giám sát nghiệm thu lại.",
        None,
    ),
    (
        (8, 17),
        "phan_anh",
        "hom_thu",
        "thon-010",
        "Loa truyền thanh thôn Hòa Bình phát quá sớm",
        "Loa truyền thanh phát từ 5 giờ sáng, ảnh hưởng sinh hoạt của người cao tuổi.",
        "thon-010",
        "Thôn đã điều chỉnh giờ phát thanh sang 6 giờ 30 sáng và 17 giờ chiều.",
        None,
    ),
    (
        (9, 14),
        "kien_nghi",
        "web",
        "thon-011",
        "Đề nghị lắp gờ giảm tốc trước cổng trường",
        "Đề nghị lắp gờ giảm tốc trên đường trước cổng trường tiểu học thôn Thanh Tân.",
        "phong-kinh-te",
        "UBND xã đã lắp gờ giảm tốc và biển báo khu vực trường học.",
        None,
    ),
    (
        (10, 5),
        "phan_anh",
        "hop_thon",
        "thon-012",
        "Cống tưới tiêu bị rò rỉ",
        "Cống tưới tiêu đầu thôn Bình Long bị rò rỉ, nước không lên được ruộng.",
        "phong-kinh-te",
        "Phòng Kinh tế đã khảo sát, đưa cống vào danh mục sửa chữa trước vụ chiêm xuân.",
        "answered",
    ),
    (
        (10, 26),
        "kien_nghi",
        "ban_ttnd",
        "thon-002",
        "Công khai các khoản đóng góp xây dựng nông thôn mới",
        "Ban Thanh tra nhân dân đề nghị công khai số tiền các hộ đã đóng góp xây dựng đường liên thôn.",
        "thon-002",
        "",
        "forwarded",
    ),
    (
        (11, 18),
        "phan_anh",
        "web",
        "thon-005",
        "Bãi đất trống ở thôn Văn Thai mọc cỏ dại, nhiều muỗi",
        "Bãi đất trống cạnh khu dân cư mọc cỏ cao, nhiều muỗi, đề nghị phát quang.",
        "thon-005",
        "",
        "forwarded",
    ),
    (
        (11, 25),
        "phan_anh",
        "hom_thu",
        "thon-003",
        "Trâu bò thả rông trên đường liên xã",
        "Trâu bò thả rông trên đường liên xã đoạn qua thôn Quý Dương vào buổi chiều.",
        "",
        "",
        "received",
    ),
]

RECEPTION_OUTCOMES = [
    "Tiếp nhận, hướng dẫn công dân nộp hồ sơ đất đai theo quy định.",
    "Giải thích chính sách hỗ trợ người có công; chuyển một đơn đến Phòng Văn hóa – Xã hội.",
    "Tiếp nhận kiến nghị về đường giao thông nội đồng; giao Phòng Kinh tế kiểm tra, trả lời.",
    "Hướng dẫn công dân thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất.",
    "Tiếp nhận phản ánh về vệ sinh môi trường; giao trưởng thôn xử lý.",
]


def _seed(*parts) -> int:
    return int(hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:8], 16)


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def _limit(as_of: datetime.date) -> datetime.datetime:
    end = _moment(as_of, 17, 30)
    return min(end, timezone.now()) if as_of == timezone.localdate() else end


def _on(day: datetime.date) -> datetime.date:
    """A working day: a step that would fall on a weekend happens the Monday after."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _disclosures(site: DemoSite, as_of: datetime.date, limit: datetime.datetime) -> int:
    coordinator = User.objects.get(username=site.username("vanhoaxahoi"))
    year, word = as_of.year, site.commune.kind_word
    created = 0
    for (month, day), category, title, body_code, forms in DISCLOSURES:
        start = _on(datetime.date(year, month, day))
        title = title.format(y=year, y1=year + 1)
        moment = _moment(start, 8, 15)
        if moment > limit or DisclosureItem.objects.filter(title=title).exists():
            continue
        with time_machine.travel(moment, tick=False):
            item = services.disclosure_save(
                by=coordinator,
                data={
                    "category": category,
                    "title": title,
                    "text": f"{title}. Toàn văn được niêm yết tại trụ sở UBND {word} và nhà văn hóa các thôn.",
                    "body": Body.objects.get(code=site.code(body_code)),
                    "forms": forms,
                    "decision_date": start - datetime.timedelta(days=3),
                    "loudspeaker_days": 3 if "c" in forms else 0,
                },
            )
            item = services.disclosure_publish(item=item, by=coordinator, start_date=start)
        created += 1
        # A posting that has run its 30 days (and ten more) is taken down, as the coordinator does.
        end = item.planned_end
        if end is not None and _moment(end + datetime.timedelta(days=10), 9) <= limit:
            with time_machine.travel(_moment(_on(end + datetime.timedelta(days=1)), 9), tick=False):
                services.disclosure_archive(item=item, by=coordinator)
    return created


def _reception(site: DemoSite, as_of: datetime.date, limit: datetime.datetime) -> int:
    word = site.commune.kind_word
    created = 0
    first = datetime.date(as_of.year, 1, 1)
    thursday = first + datetime.timedelta(days=(3 - first.weekday()) % 7)
    horizon = as_of + datetime.timedelta(days=14)  # the published schedule: two weeks ahead
    while thursday <= horizon:
        day, thursday = thursday, thursday + datetime.timedelta(weeks=1)
        if ReceptionSession.objects.filter(date=day).exists():
            continue
        held = _moment(day, 11, 30) <= limit
        citizens = _seed("citizens", day) % 6 if held else 0
        outcome = RECEPTION_OUTCOMES[_seed("outcome", day) % len(RECEPTION_OUTCOMES)] if citizens else ""
        with time_machine.travel(
            _moment(day, 11, 30) if held else min(_moment(day - datetime.timedelta(days=7), 8), limit), tick=False
        ):
            services.reception_session_save(
                by=SYSTEM,
                data={
                    "date": day,
                    "place": f"Phòng tiếp công dân, trụ sở UBND {word} {site.commune.place_name}",
                    "receiver": f"Chủ tịch UBND {word}",
                    "held": held,
                    "citizens_received": citizens,
                    "outcome": outcome if held else "",
                    "note": "" if held or citizens else "Lịch tiếp công dân định kỳ",
                },
            )
        created += 1
    return created


def _feedback(site: DemoSite, as_of: datetime.date, limit: datetime.datetime) -> int:
    mttq = User.objects.get(username=site.username("mttq"))
    year = as_of.year
    members = {
        u.membership.body_id: u
        for u in User.objects.filter(membership__body__commune=site.commune)
        .select_related("membership")
        .order_by("username")
    }
    created = 0
    for (month, day), kind, channel, village_code, subject, content, handler_code, answer, stop in FEEDBACK:
        received = _on(datetime.date(year, month, day))
        if _moment(received, 9) > limit or Feedback.objects.filter(subject=subject).exists():
            continue
        village = Body.objects.get(code=site.code(village_code))
        rank = _seed("case", subject)
        steps = [("submit", _moment(received, 9, 10 + rank % 40))]
        if stop != "received":
            steps.append(("classify", _moment(_on(received + datetime.timedelta(days=1)), 10)))
            steps.append(("forward", _moment(_on(received + datetime.timedelta(days=2)), 14)))
        if stop not in ("received", "forwarded"):
            answered = _on(received + datetime.timedelta(days=7 + rank % 6))
            steps.append(("answer", _moment(answered, 15)))
            if stop is None:
                closed = _on(answered + datetime.timedelta(days=2))
                steps += [("close", _moment(closed, 10)), ("publish", _moment(closed, 10, 30))]
        handler = Body.objects.filter(code=site.code(handler_code)).first()
        feedback = None
        for action, moment in steps:
            if moment > limit:
                break
            with time_machine.travel(moment, tick=False):
                if action == "submit":
                    feedback = services.feedback_submit(
                        kind=kind,
                        subject=subject,
                        content=content,
                        village=village,
                        channel=channel,
                        name="Người dân (dữ liệu mẫu)",
                        phone="0900000000",
                        consent=True,
                        by=None if channel == "web" else mttq,
                    )
                elif action == "classify":
                    feedback = services.feedback_classify(feedback=feedback, by=mttq, kind=kind)
                elif action == "forward":
                    due = add_working_days(moment.date(), 10)
                    feedback = services.feedback_forward(feedback=feedback, by=mttq, body=handler, due_date=due)
                elif action == "answer":
                    feedback = services.feedback_answer(
                        feedback=feedback, by=members.get(handler.pk, mttq), answer=answer
                    )
                elif action == "close":
                    feedback = services.feedback_close(
                        feedback=feedback, by=mttq, note="Đã kiểm tra thực tế, Nhân dân đồng tình."
                    )
                elif action == "publish":
                    feedback = services.feedback_publish(feedback=feedback, by=mttq, public_summary=subject)
        created += 1
    return created


@transaction.atomic
def demo_publicity(*, as_of: datetime.date | None = None, site: DemoSite | None = None) -> dict[str, int]:
    """A commune's public side (Cẩm Giang unless `site` says another); needs plans.demo.demo_bodies_and_users
    first (bodies and the demo accounts)."""
    as_of = as_of or timezone.localdate()
    limit = _limit(as_of)
    site = site or home_site()
    with use_commune(site.commune):
        return {
            "disclosures": _disclosures(site, as_of, limit),
            "reception": _reception(site, as_of, limit),
            "feedback": _feedback(site, as_of, limit),
        }


def demo_portal_figures(*, as_of: datetime.date | None = None) -> int:
    """What the portal counted, per period of the plan in force, as publicity's nightly task would on `as_of`."""
    as_of = as_of or timezone.localdate()
    with time_machine.travel(_limit(as_of), tick=False):
        return services.portal_figures_push(today=as_of)
