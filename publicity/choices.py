"""What Luật 10/2022 says a commune discloses and how (arts. 11, 12), kept apart from the models that use it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureCategory(models.IntegerChoices):
    """Luật 10/2022 art. 11: what the commune must disclose."""

    SOCIO_ECONOMIC = 1, _("Kế hoạch phát triển kinh tế – xã hội và kết quả thực hiện")
    BUDGET = 2, _("Dự toán, tình hình thực hiện, quyết toán ngân sách; kết quả kiểm toán")
    INVESTMENT = 3, _("Dự án đầu tư, thu hồi đất, tái định cư, quy hoạch")
    DEMOCRACY_RULES = 4, _("Quy chế dân chủ; nhiệm vụ, quy tắc ứng xử của cán bộ")
    FUNDS = 5, _("Quỹ, tài trợ, khoản đóng góp của Nhân dân")
    PUBLIC_ASSETS = 6, _("Tài sản công")
    SOCIAL_POLICY = 7, _("Chính sách hỗ trợ, tín dụng, an sinh xã hội: tiêu chí và kết quả bình xét")
    DISASTER_SUPPORT = 8, _("Hỗ trợ thiên tai, bệnh hiểm nghèo; quyên góp")
    CALL_UP = 9, _("Danh sách gọi nhập ngũ, công an nhân dân")
    INSPECTION = 10, _("Kết quả thanh tra, phòng chống tham nhũng; lấy phiếu tín nhiệm")
    CONSULTATION = 11, _("Kế hoạch, kết quả lấy ý kiến Nhân dân; giải trình")
    FEES = 12, _("Phí, lệ phí")
    ADMIN_PROCEDURES = 13, _("Thủ tục hành chính")
    OTHER = 14, _("Nội dung khác")


class DisclosureForm(models.TextChoices):
    """Luật 10/2022 art. 12(1): the forms of disclosure."""

    POSTING = "a", _("Niêm yết tại trụ sở, nhà văn hóa thôn")
    WEBSITE = "b", _("Cổng, trang thông tin điện tử")
    LOUDSPEAKER = "c", _("Hệ thống truyền thanh")
    VILLAGE_HEAD = "d", _("Thông qua Trưởng thôn")
    LETTER = "dd", _("Gửi văn bản đến người dân")
    DIALOGUE = "e", _("Hội nghị đối thoại")
    RECEPTION = "g", _("Tiếp công dân, tiếp xúc cử tri, báo chí")
    ORGANISATIONS = "h", _("Thông qua Mặt trận, các tổ chức")
    SOCIAL = "i", _("Viễn thông, mạng xã hội")
    OTHER = "k", _("Hình thức khác")


POSTED_30_DAYS = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12}
PERMANENT = {4, 13}
LOUDSPEAKER_3_DAYS = {7, 8, 9, 10, 11, 12}
