"""Demo data of the publicity app: disclosures, the reception schedule and feedback at every step. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans.models import Body

from . import services
from .models import DisclosureItem, Feedback, ReceptionSession

User = get_user_model()

DISCLOSURES = [
    (4, "Quy chế thực hiện dân chủ ở cơ sở xã Cẩm Giang", "vp-hdnd-ubnd", ["a", "b"], 60),
    (13, "Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã", "tt-phvhcc", ["a", "b"], 50),
    (2, "Dự toán ngân sách xã năm 2026", "phong-kinh-te", ["a", "b", "d"], 40),
    (7, "Kết quả bình xét hộ nghèo, hộ cận nghèo năm 2026", "phong-vhxh", ["a", "b", "c", "d"], 20),
    (1, "Kế hoạch phát triển kinh tế – xã hội năm 2026", "phong-kinh-te", ["a", "b"], 10),
    (12, "Mức thu phí chợ Cẩm Giang", "phong-kinh-te", ["a", "b", "c"], 3),
]

FEEDBACK = [
    ("phan_anh", "Đèn đường ngõ 3 hỏng", "Đèn đường ở ngõ 3 thôn Đông Giao hỏng đã hai tuần, buổi tối rất tối.", "thon-001", "web", "published"),
    ("kien_nghi", "Đề nghị nạo vét mương tiêu", "Mương tiêu cánh đồng phía Bắc bị bồi lấp, mùa mưa ngập ruộng.", "thon-002", "hop_thon", "forwarded"),
    ("phan_anh", "Rác thải tập kết sai nơi quy định", "Có người đổ rác ra bờ đê gần cống thôn.", "thon-003", "hom_thu", "received"),
    ("kien_nghi", "Công khai danh sách hỗ trợ người có công", "Đề nghị niêm yết danh sách tại nhà văn hóa thôn.", "thon-001", "ban_ttnd", "answered"),
]


def _disclosures() -> int:
    coordinator = User.objects.get(username="vanhoaxahoi")
    today = timezone.localdate()
    created = 0
    for category, title, body_code, forms, days_ago in DISCLOSURES:
        if DisclosureItem.objects.filter(title=title).exists():
            continue
        start = today - datetime.timedelta(days=days_ago)
        item = services.disclosure_save(
            by=coordinator,
            data={
                "category": category,
                "title": title,
                "text": f"{title}. Toàn văn được niêm yết tại trụ sở UBND xã và nhà văn hóa các thôn.",
                "body": Body.objects.get(code=body_code),
                "forms": forms,
                "decision_date": start - datetime.timedelta(days=2),
                "loudspeaker_days": 3 if "c" in forms else 0,
            },
        )
        services.disclosure_publish(item=item, by=coordinator, start_date=start)
        created += 1
    return created


def _reception() -> int:
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    created = 0
    for week in range(-4, 8):
        day = monday + datetime.timedelta(weeks=week, days=3)  # Thursdays
        if ReceptionSession.objects.filter(date=day).exists():
            continue
        held = day < today
        services.reception_session_save(
            data={
                "date": day,
                "place": "Phòng tiếp công dân, trụ sở UBND xã Cẩm Giang",
                "receiver": "Chủ tịch UBND xã",
                "held": held,
                "citizens_received": 3 if held else 0,
                "outcome": "Tiếp nhận, hướng dẫn công dân" if held else "",
            }
        )
        created += 1
    return created


def _feedback() -> int:
    mttq = User.objects.get(username="mttq")
    created = 0
    for kind, subject, content, village_code, channel, target in FEEDBACK:
        if Feedback.objects.filter(subject=subject).exists():
            continue
        village = Body.objects.get(code=village_code)
        feedback = services.feedback_submit(
            kind=kind, subject=subject, content=content, village=village, channel=channel,
            name="Người dân (dữ liệu mẫu)", phone="0900000000", consent=True,
            by=None if channel == "web" else mttq,
        )
        created += 1
        if target == "received":
            continue
        services.feedback_classify(feedback=feedback, by=mttq, kind=kind)
        services.feedback_forward(feedback=feedback, by=mttq, body=village)
        if target == "forwarded":
            continue
        head = User.objects.filter(membership__body=village).first()
        services.feedback_answer(feedback=feedback, by=head, answer="Thôn đã phối hợp xử lý xong ngày hôm qua.")
        if target == "answered":
            continue
        services.feedback_close(feedback=feedback, by=mttq, note="Đã kiểm tra thực tế.")
        services.feedback_publish(feedback=feedback, by=mttq, public_summary=subject)
    return created


@transaction.atomic
def demo_publicity() -> dict[str, int]:
    """Needs plans.demo.demo_bodies_and_users first (bodies and the demo accounts)."""
    return {"disclosures": _disclosures(), "reception": _reception(), "feedback": _feedback()}
