"""The demo's Báo cáo: once the 6-month forms are in, the coordinator has drafted the commune's report, the
sections the portal fills as it fills them, and the overall assessment, the tasks and the proposals to the city in
the words a commune writes them. Run by seed_demo --reports, again and again: a draft already saved is kept."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from communes.current import use_commune
from plans.models import Plan

from . import drafting, drafts
from .sentences import sentence_case

ASSESSMENT = """1. Ưu điểm
Công tác lãnh đạo, chỉ đạo thực hiện dân chủ ở cơ sở được Đảng ủy, UBND xã quan tâm; các cơ quan, đơn vị, thôn triển khai đầy đủ các nội dung của Kế hoạch. Việc công khai thông tin được thực hiện bằng nhiều hình thức (niêm yết tại trụ sở và nhà văn hóa thôn, loa truyền thanh, Trang thông tin điện tử xã, nhóm Zalo của thôn); Nhân dân được bàn, quyết định và giám sát các công trình do Nhân dân đóng góp. Công tác tiếp công dân, giải quyết đơn thư được duy trì đúng lịch, không phát sinh đơn thư vượt cấp.
{limits}
3. Nguyên nhân
Một số cán bộ thôn kiêm nhiệm nhiều việc, chưa dành nhiều thời gian cho công tác tuyên truyền; kinh phí bảo đảm hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng còn hạn hẹp; một bộ phận Nhân dân chưa quan tâm tham gia các cuộc họp thôn vào thời điểm mùa vụ."""

TASKS = """Trong 6 tháng cuối năm 2026, UBND xã tập trung thực hiện các nhiệm vụ sau:
- Tiếp tục quán triệt, tuyên truyền Luật Thực hiện dân chủ ở cơ sở và các văn bản hướng dẫn đến cán bộ, đảng viên và Nhân dân, chú trọng hình thức qua loa truyền thanh và nhóm Zalo của thôn.
- Thực hiện công khai đầy đủ, kịp thời các nội dung theo Điều 11 của Luật; nâng cao chất lượng các cuộc họp thôn để Nhân dân bàn và quyết định.
- Kiện toàn, nâng cao hiệu quả hoạt động của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng.
- Duy trì tiếp công dân định kỳ, giải quyết kịp thời đơn thư, kiến nghị của Nhân dân; tổ chức đối thoại khi có vấn đề phát sinh.
- Sơ kết, đánh giá kết quả thực hiện năm 2026; biểu dương, khen thưởng các mô hình, điển hình tiêu biểu."""

PROPOSALS = """- Đề nghị UBND thành phố, Sở Nội vụ tổ chức tập huấn nghiệp vụ về thực hiện dân chủ ở cơ sở cho cán bộ, công chức cấp xã và trưởng thôn.
- Đề nghị UBND thành phố hỗ trợ kinh phí nâng cấp hệ thống loa truyền thanh các thôn.
- Đề nghị Sở Nội vụ ban hành đề cương, biểu mẫu báo cáo thống nhất để các xã, phường thuận tiện tổng hợp."""


def demo_draft(*, plan: Plan, as_of: datetime.date) -> bool:
    """The 6-month draft saved by the coordinator, once its deadline has passed; True when saved now."""
    period = plan.periods.filter(code="6thang").first()
    if period is None or as_of < period.due_date or drafts.draft_of(period) is not None:
        return False
    coordinator = (
        get_user_model()
        .objects.filter(membership__role="coordinator", membership__body__commune=plan.commune_id, is_active=True)
        .order_by("username")
        .first()
    )
    if coordinator is None:
        return False
    with use_commune(plan.commune):
        _draft_save(period, coordinator)
    return True


def _draft_save(period, coordinator) -> None:
    mat = drafting.material(period)
    by_key = {found.section.key: found for found in mat.sections}
    assessment = by_key["danh-gia"]
    limits = next((line for line in assessment.prefill.splitlines() if line.startswith("Hạn chế")), "")
    limits = "2. Hạn chế\n" + (sentence_case(limits.removeprefix("Hạn chế: ")) if limits else "")
    texts = {
        assessment.key: ASSESSMENT.format(limits=limits.strip()),
        by_key["nhiem-vu"].key: TASKS,
        by_key["kien-nghi"].key: PROPOSALS,
    }
    drafts.draft_save(period=period, basis=mat.basis, texts=texts, version=0, by=coordinator)
