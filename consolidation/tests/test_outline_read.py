"""Reading a superior's outline into headings: markdown, numbered lines, Word's automatic numbers; keys and kinds."""

from __future__ import annotations

import pytest

from consolidation.outline_read import OutlineFileError, headings_from_text, outline_file_read


def _found(text):
    return [(h.level, h.title, h.key, h.kind) for h in headings_from_text(text)]


def test_numbered_lines_without_markdown():
    text = """UBND THÀNH PHỐ HẢI PHÒNG
ĐỀ CƯƠNG
Báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2026
I. KẾT QUẢ THỰC HIỆN
1. Công tác lãnh đạo, chỉ đạo:
1.1. Việc ban hành văn bản
a) Số văn bản đã ban hành
- gạch đầu dòng
2. Kết quả thực hiện công khai.
II. ĐÁNH GIÁ CHUNG
1. Ưu điểm
III. Kiến nghị, đề xuất
"""
    assert _found(text) == [
        (1, "Kết quả thực hiện", "ket-qua", "computed"),
        (2, "Công tác lãnh đạo, chỉ đạo", "lanh-dao", "computed"),
        (2, "Kết quả thực hiện công khai", "cong-khai", "computed"),
        (1, "Đánh giá chung", "danh-gia", "written"),
        (2, "Ưu điểm", "", "written"),  # danh-gia is taken; a sub-section of a written part is written
        (1, "Kiến nghị, đề xuất", "kien-nghi", "written"),
    ]


def test_unnumbered_markdown_depths_become_parts_and_sub_sections():
    text = "# Báo cáo dân chủ\n\n## Lãnh đạo, chỉ đạo\n\n### Tuyên truyền\n\n#### Chi tiết\n\n## **Kiến nghị**\n"
    assert _found(text) == [
        (1, "Lãnh đạo, chỉ đạo", "lanh-dao", "computed"),
        (2, "Tuyên truyền", "", "computed"),
        (2, "Chi tiết", "", "computed"),
        (1, "Kiến nghị", "kien-nghi", "written"),
    ]


def test_a_long_numbered_paragraph_is_content_but_a_long_heading_is_refused():
    long = "x" * 250
    assert _found(f"I. Kết quả\n1. {long}\n") == [(1, "Kết quả", "ket-qua", "computed")]
    with pytest.raises(OutlineFileError, match="Dòng 2: đề mục dài quá 200"):
        headings_from_text(f"# Kết quả\n## {long}\n")


def test_markup_in_a_heading_is_refused_with_its_line():
    with pytest.raises(OutlineFileError, match="Dòng 3: .*HTML"):
        headings_from_text("# Kết quả\n\n## <img src=x onerror=alert(1)>\n")


def test_invalid_roman_numerals_are_not_parts():
    assert _found("IIII. Không phải số La Mã\nII. Đánh giá\n") == [(1, "Đánh giá", "danh-gia", "written")]


def test_files(settings):
    assert [h.title for h in outline_file_read("\ufeff# I. Kết quả\n".encode())] == ["Kết quả"]
    assert [h.title for h in outline_file_read("# I. Kết quả\n".encode("utf-16"))] == ["Kết quả"]
    with pytest.raises(OutlineFileError, match="quá lớn"):
        outline_file_read(b"# I. A\n" * (400 * 1024))
    with pytest.raises(OutlineFileError, match="PDF"):
        outline_file_read(b"%PDF-1.4 ...")
