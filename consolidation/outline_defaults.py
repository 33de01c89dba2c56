"""The default outline of a period's Báo cáo: sections by the Law's contents (Luật 10/2022), not by plan item.

A commune reports on grassroots democracy chapter by chapter of the Law: leadership and dissemination, then the
results by content (disclosure, the people deciding, giving opinions, supervising, democracy in the agencies,
citizen reception, dialogue, village conventions, models), then what the coordinator writes (the overall
assessment, the tasks of the next period, the proposals to the superior). Each default section has a stable
``key`` that outlives a rename, so that figures the portal computes find their section whatever it is called.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COMPUTED, WRITTEN = "computed", "written"


@dataclass(frozen=True)
class DefaultSection:
    key: str
    title: str
    level: int  # 1: a Roman-numbered part (I, II …); 2: a numbered sub-section (1, 2 …) of the part above it
    kind: str  # COMPUTED: filled from the forms and the portal's records; WRITTEN: the coordinator writes it
    hint: str = ""


DEFAULT_SECTIONS: tuple[DefaultSection, ...] = (
    DefaultSection(
        "lanh-dao",
        _("Công tác lãnh đạo, chỉ đạo, tuyên truyền, phổ biến"),
        1,
        COMPUTED,
        _(
            "Văn bản ban hành (kế hoạch, quy chế, quyết định); hội nghị và lượt người tham dự; hình thức tuyên "
            "truyền (loa truyền thanh, trang thông tin điện tử, Zalo, họp thôn)."
        ),
    ),
    DefaultSection("ket-qua", _("Kết quả thực hiện dân chủ ở cơ sở"), 1, COMPUTED),
    DefaultSection(
        "cong-khai",
        _("Thực hiện công khai thông tin"),
        2,
        COMPUTED,
        _("Nội dung đã công khai (Điều 11) và hình thức công khai (Điều 12)."),
    ),
    DefaultSection(
        "ban-quyet-dinh",
        _("Nhân dân bàn và quyết định"),
        2,
        COMPUTED,
        _("Hội nghị thôn, số hộ tham dự và tỷ lệ, tỷ lệ tán thành, phát phiếu lấy ý kiến hộ gia đình."),
    ),
    DefaultSection(
        "tham-gia-y-kien",
        _("Nhân dân tham gia ý kiến"),
        2,
        COMPUTED,
        _("Dự thảo đã lấy ý kiến Nhân dân, số ý kiến."),
    ),
    DefaultSection(
        "kiem-tra-giam-sat",
        _("Nhân dân kiểm tra, giám sát"),
        2,
        COMPUTED,
        _("Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng: công trình giám sát, kiến nghị."),
    ),
    DefaultSection(
        "dan-chu-co-quan",
        _("Thực hiện dân chủ trong cơ quan, đơn vị"),
        2,
        COMPUTED,
        _("Hội nghị cán bộ, công chức, viên chức; quy chế được sửa đổi, ban hành."),
    ),
    DefaultSection(
        "tiep-cong-dan",
        _("Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh"),
        2,
        COMPUTED,
        _("Lượt, người, vụ việc; đơn tiếp nhận, thuộc thẩm quyền, đã giải quyết và tỷ lệ."),
    ),
    DefaultSection("doi-thoai", _("Đối thoại, giải trình với Nhân dân"), 2, COMPUTED),
    DefaultSection("huong-uoc", _("Xây dựng và thực hiện hương ước, quy ước"), 2, COMPUTED),
    DefaultSection("mo-hinh", _("Mô hình, điển hình tiên tiến; khen thưởng"), 2, COMPUTED),
    DefaultSection("danh-gia", _("Đánh giá chung"), 1, WRITTEN, _("Ưu điểm; hạn chế; nguyên nhân.")),
    DefaultSection("nhiem-vu", _("Nhiệm vụ trọng tâm kỳ tới"), 1, WRITTEN, _("6 tháng cuối năm, hoặc năm sau.")),
    DefaultSection("kien-nghi", _("Kiến nghị, đề xuất"), 1, WRITTEN, _("Với cấp trên: UBND thành phố, Sở Nội vụ.")),
)

DEFAULT_KEYS = frozenset(section.key for section in DEFAULT_SECTIONS)
WRITTEN_KEYS = frozenset(section.key for section in DEFAULT_SECTIONS if section.kind == WRITTEN)
