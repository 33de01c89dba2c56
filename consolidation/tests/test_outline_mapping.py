"""The default rule: every item of the demo plan, and every standard figure, lands in a sensible section."""

from __future__ import annotations

import pytest

from consolidation.outline_defaults import DEFAULT_KEYS, DEFAULT_SECTIONS, WRITTEN
from consolidation.outline_mapping import RULES, figure_key, heading_key, item_key, key_for_text
from plans.parsing.parser import parse_plan

from .outline_support import SEED_TEXT

# The seed plan's items (area.letter) → the section they belong to; None: the first results section.
EXPECTED = {
    "1.a": "lanh-dao",
    "1.b": "lanh-dao",
    "1.c": "lanh-dao",
    "1.d": "lanh-dao",
    "1.e": "mo-hinh",
    "2.a": "cong-khai",
    "2.b": "ban-quyet-dinh",
    "2.c": "tiep-cong-dan",
    "2.d": None,
    "2.e": "doi-thoai",
    "3.a": "cong-khai",
    "3.b": "dan-chu-co-quan",
    "3.c": "dan-chu-co-quan",
    "3.d": "dan-chu-co-quan",
    "3.đ": "dan-chu-co-quan",
    "3.e": "dan-chu-co-quan",
}


def test_the_default_outline_follows_the_law():
    keys = [s.key for s in DEFAULT_SECTIONS]
    assert keys[:2] == ["lanh-dao", "ket-qua"]
    assert keys[2:11] == [
        "cong-khai",
        "ban-quyet-dinh",
        "tham-gia-y-kien",
        "kiem-tra-giam-sat",
        "dan-chu-co-quan",
        "tiep-cong-dan",
        "doi-thoai",
        "huong-uoc",
        "mo-hinh",
    ]
    assert all(s.level == 2 for s in DEFAULT_SECTIONS[2:11])
    assert [(s.key, s.level, s.kind) for s in DEFAULT_SECTIONS[11:]] == [
        ("danh-gia", 1, WRITTEN),
        ("nhiem-vu", 1, WRITTEN),
        ("kien-nghi", 1, WRITTEN),
    ]
    assert len(DEFAULT_KEYS) == len(DEFAULT_SECTIONS)
    assert {key for key, _phrases in RULES} <= DEFAULT_KEYS


def test_every_item_of_the_demo_plan_lands_in_a_sensible_section():
    parsed = parse_plan(SEED_TEXT)
    found = {
        f"{area.number}.{item.label}": item_key(item.text, area.title) for area in parsed.areas for item in area.items
    }
    assert found == EXPECTED


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Thực hiện công khai dự toán ngân sách", "cong-khai"),
        ("Tổ chức tiếp công dân định kỳ", "tiep-cong-dan"),
        ("Giải quyết đơn khiếu nại, tố cáo", "tiep-cong-dan"),
        ("Rà soát hương ước, quy ước của thôn", "huong-uoc"),
        ("Tổ chức đối thoại với Nhân dân", "doi-thoai"),
        ("Kiện toàn Ban Thanh tra nhân dân", "kiem-tra-giam-sat"),
        ("Hoạt động giám sát đầu tư của cộng đồng", "kiem-tra-giam-sat"),
        ("Tăng cường kiểm tra, giám sát", "kiem-tra-giam-sat"),
        ("Nhân dân bàn và quyết định mức đóng góp", "ban-quyet-dinh"),
        ("Tổ chức hội nghị thôn", "ban-quyet-dinh"),
        ("Lấy ý kiến Nhân dân về dự thảo", "tham-gia-y-kien"),
        ("Nhân dân tham gia ý kiến", "tham-gia-y-kien"),
        ("Tổ chức hội nghị cán bộ, công chức, viên chức", "dan-chu-co-quan"),
        ("Sửa đổi quy chế dân chủ trong hoạt động của cơ quan", "dan-chu-co-quan"),
        ("Đẩy mạnh tuyên truyền, phổ biến pháp luật", "lanh-dao"),
        ("Ban hành kế hoạch thực hiện", "lanh-dao"),
        ("Biểu dương, khen thưởng điển hình", "mo-hinh"),
        ("  TỔ CHỨC   TIẾP CÔNG DÂN ", "tiep-cong-dan"),  # case and spaces do not matter
        ("Nâng cao chất lượng dịch vụ công trực tuyến", None),
        ("", None),
    ],
)
def test_phrases(text, key):
    assert key_for_text(text) == key


def test_the_earliest_phrase_wins():
    # "quy chế tiếp công dân" comes after the agency's own rules: the item is about the agency.
    assert key_for_text("Ban hành mới quy chế làm việc, quy chế tiếp công dân của đơn vị") == "dan-chu-co-quan"
    assert key_for_text("Tiếp công dân; ban hành quy chế làm việc") == "tiep-cong-dan"


def test_the_area_decides_when_the_item_says_nothing():
    assert item_key("Tiếp tục đổi mới phương pháp", "Thực hiện dân chủ trong cơ quan hành chính") == "dan-chu-co-quan"
    assert item_key("Tiếp tục đổi mới phương pháp", "Thực hiện dân chủ ở xã, thôn") is None


def test_figures_by_their_name_else_their_item():
    assert figure_key("Số buổi tiếp công dân đã tổ chức") == "tiep-cong-dan"
    assert figure_key("Số đơn đã giải quyết", "Thực hiện tiếp công dân của Chủ tịch UBND xã") == "tiep-cong-dan"
    assert figure_key("Số lượt người tham dự", "triển khai, quán triệt chủ trương") == "lanh-dao"
    assert figure_key("Số cuộc giám sát của Ban Thanh tra nhân dân", "Nâng cao chất lượng") == "kiem-tra-giam-sat"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Công tác lãnh đạo, chỉ đạo", "lanh-dao"),
        ("Kết quả thực hiện", "ket-qua"),
        ("Kết quả thực hiện dân chủ ở cơ sở", "ket-qua"),
        ("Kết quả thực hiện công khai", "cong-khai"),
        ("Đánh giá chung", "danh-gia"),
        ("Ưu điểm", "danh-gia"),
        ("Phương hướng, nhiệm vụ 6 tháng cuối năm", "nhiem-vu"),
        ("Kiến nghị, đề xuất", "kien-nghi"),
        ("Việc thực hiện hương ước, quy ước", "huong-uoc"),
        ("Phụ lục", None),
    ],
)
def test_headings(title, key):
    assert heading_key(title) == key
