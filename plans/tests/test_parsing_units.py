"""The parser's building blocks: body phrases, legal references, dates and line classification."""

import datetime as dt

import pytest

from plans.parsing import BodyRef, classify_body_phrase, normalise_name, split_body_list
from plans.parsing.dates import find_deadlines, parse_deadline, period_code
from plans.parsing.legal import find_legal_refs, merge_refs
from plans.parsing.text import join_broken, parse_meta, read_lines, strip_markdown

# -- bodies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phòng VH-XH", "Phòng Văn hóa – Xã hội"),
        ("Phòng Văn hoá - Xã hội", "phòng văn hóa—xã hội"),
        ("Ủy ban MTTQ VN xã", "Uỷ ban Mặt trận Tổ quốc Việt Nam xã"),
        ("UBMTTQVN xã", "Ủy ban MTTQVN xã"),
        ("Văn phòng HĐND và UBND xã", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
        ("các tổ chức CT-XH", "Các tổ chức chính trị – xã hội."),
        ("Đảng ủy xã", "Đảng uỷ xã"),
    ],
)
def test_normalise_name_matches_loosely(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_normalise_name_output():
    assert normalise_name("  Phòng  Văn hóa – Xã hội. ") == "phong van hoa - xa hoi"
    assert normalise_name("UBND xã Cẩm Giang") == "uy ban nhan dan xa cam giang"
    assert normalise_name("Phòng Kinh tế") != normalise_name("Phòng Văn hóa - Xã hội")


@pytest.mark.parametrize(
    ("phrase", "kind", "name"),
    [
        ("Các cơ quan, đơn vị trực thuộc UBND xã", "all_departments", "Các cơ quan, đơn vị trực thuộc UBND xã"),
        ("các phòng, đơn vị thuộc UBND xã", "all_departments", "các phòng, đơn vị thuộc UBND xã"),
        ("Các cơ quan, đơn vị thuộc UBND phường.", "all_departments", "Các cơ quan, đơn vị thuộc UBND phường"),
        ("Các phòng cơ quan, đơn vị thuộc UBND xã", "all_departments", "Các phòng cơ quan, đơn vị thuộc UBND xã"),
        ("các thôn trên địa bàn xã", "all_villages", "các thôn trên địa bàn xã"),
        ("Trưởng các thôn", "all_villages", "Trưởng các thôn"),
        ("các tổ dân phố", "all_villages", "các tổ dân phố"),
        ("các tổ chức chính trị - xã hội", "all_organisations", "các tổ chức chính trị - xã hội"),
        ("các đoàn thể", "all_organisations", "các đoàn thể"),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã:", "named", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        ("Phòng Văn hóa   –  Xã hội;", "named", "Phòng Văn hóa – Xã hội"),
        ("Công an xã", "named", "Công an xã"),
    ],
)
def test_classify_body_phrase(phrase, kind, name):
    assert classify_body_phrase(phrase) == BodyRef(kind, name)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Các cơ quan, đơn vị trực thuộc UBND xã; các thôn trên địa bàn xã.",
            ["Các cơ quan, đơn vị trực thuộc UBND xã", "các thôn trên địa bàn xã"],
        ),
        (
            "Phòng Văn hóa - Xã hội, Công an xã và Ban Chỉ huy Quân sự xã",
            ["Phòng Văn hóa - Xã hội", "Công an xã", "Ban Chỉ huy Quân sự xã"],
        ),
        ("Văn phòng HĐND và UBND xã", ["Văn phòng HĐND và UBND xã"]),
        ("Phòng Văn hóa, Khoa học và Thông tin", ["Phòng Văn hóa, Khoa học và Thông tin"]),
        ("Ủy ban MTTQ, các tổ chức CT-XH xã", ["Ủy ban MTTQ", "các tổ chức CT-XH xã"]),
        ("Các thôn\nỦy ban MTTQ Việt Nam xã", ["Các thôn", "Ủy ban MTTQ Việt Nam xã"]),
        ("", []),
    ],
)
def test_split_body_list(text, names):
    assert split_body_list(text) == names


# -- legal references -----------------------------------------------------------------------------


def test_legal_refs_with_word_dates_and_abbreviations():
    text = (
        "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ; "
        "KH 347/KH-UBND; 82/NQ-HĐND; Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị; "
        "Luật Tổ chức chính quyền địa phương năm 2025; Công văn số 1234/UBND-VP ngày 02/01/2026 của UBND thành phố."
    )
    refs = find_legal_refs(text, in_preamble=True)
    assert [(r.doc_type, r.number, r.date, r.issuer) for r in refs] == [
        ("Nghị định", "59/2023/NĐ-CP", dt.date(2023, 8, 14), "Chính phủ"),
        ("Kế hoạch", "347/KH-UBND", None, ""),
        ("Nghị quyết", "82/NQ-HĐND", None, ""),
        ("Chỉ thị", "30-CT/TW", dt.date(1998, 2, 18), "Bộ Chính trị"),
        ("Luật", "", None, "Quốc hội"),
        ("Công văn", "1234/UBND-VP", dt.date(2026, 1, 2), "UBND thành phố"),
    ]
    assert refs[4].title == "Tổ chức chính quyền địa phương"
    assert all(r.in_preamble for r in refs)


def test_law_named_inside_a_title_is_not_a_second_reference():
    refs = find_legal_refs(
        "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết Luật Thực hiện dân chủ ở cơ sở;"
    )
    assert [r.doc_type for r in refs] == ["Nghị định"]


def test_merge_refs_keeps_first_and_fills_dates():
    preamble = find_legal_refs("Kế hoạch số 347/KH-UBND ngày 26/12/2025 của UBND thành phố Hải Phòng", in_preamble=True)
    items = find_legal_refs("theo KH 347/KH-UBND và Quyết định số 05/QĐ-UBND")
    merged = merge_refs([items[:1], preamble, items[1:]])
    assert [(r.number, r.date) for r in merged] == [("347/KH-UBND", dt.date(2025, 12, 26)), ("05/QĐ-UBND", None)]


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timing", "expected"),
    [
        ("Trước 30/6/2026", dt.date(2026, 6, 30)),
        ("trước ngày 05/6", dt.date(2026, 6, 5)),
        ("Từ 01/3 đến 15/4/2026", dt.date(2026, 4, 15)),
        ("Tháng 9/2026", dt.date(2026, 9, 30)),
        ("tháng 2 năm 2026", dt.date(2026, 2, 28)),
        ("Quý II/2026", dt.date(2026, 6, 30)),
        ("Quý 4", dt.date(2026, 12, 31)),
        ("ngày 15 tháng 7 năm 2026", dt.date(2026, 7, 15)),
        ("Thường xuyên", None),
        ("Năm 2026", None),
        ("", None),
    ],
)
def test_parse_deadline(timing, expected):
    assert parse_deadline(timing, 2026) == expected


def test_find_deadlines_ignores_dates_that_are_not_deadlines():
    text = "Thực hiện Kế hoạch số 347/KH-UBND ngày 26/12/2025, báo cáo 6 tháng gửi trước ngày 05/6."
    assert [(d.code, d.due_date) for d in find_deadlines(text, 2026)] == [("6thang", dt.date(2026, 6, 5))]


def test_annual_report_due_in_january_is_next_year():
    deadlines = find_deadlines("Báo cáo năm trước ngày 15/01.", 2026)
    assert [(d.code, d.due_date, d.period_end) for d in deadlines] == [
        ("canam", dt.date(2027, 1, 15), dt.date(2026, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Báo cáo kết quả thực hiện dân chủ 6 tháng", "6thang"),
        ("Báo cáo 6 tháng đầu năm", "6thang"),
        ("Báo cáo chín tháng", "9thang"),
        ("Báo cáo quý III", "quy3"),
        ("Báo cáo năm 2026", "canam"),
        ("Báo cáo tổng kết", None),
    ],
)
def test_period_code(text, code):
    assert period_code(text) == code


# -- lines ----------------------------------------------------------------------------------------


def test_strip_markdown():
    assert strip_markdown("#### **1.3 Thời gian thực hiện:** Thường xuyên") == (
        "1.3 Thời gian thực hiện: Thường xuyên",
        True,
    )
    assert strip_markdown("***Nơi nhận:***") == ("Nơi nhận:", True)
    assert strip_markdown(r"1\. Mục đích *(kèm theo)*") == ("1. Mục đích (kèm theo)", False)


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("Cơ quan chủ trì: Phòng VH-XH; phối hợp: các thôn.", [("lead", "Phòng VH-XH"), ("coord", "các thôn.")]),
        ("Đơn vị chủ trì: Văn phòng", [("lead", "Văn phòng")]),
        ("Thời gian hoàn thành: Trước 30/6/2026", [("timing", "Trước 30/6/2026")]),
        ("Cơ quan thực hiện:", [("lead", "")]),
        ("Nội dung", [("content", "")]),
        ("Thời gian qua, xã đã làm tốt.", []),
        ("Phối hợp với Ủy ban MTTQ xã tuyên truyền.", []),
    ],
)
def test_parse_meta(text, meta):
    assert parse_meta(text) == meta


def test_line_kinds():
    text = "\n".join(
        [
            "II - NỘI DUNG THỰC HIỆN",
            "1.2 Cơ quan thực hiện:",
            "2.1. Nội dung",
            "đ) Kịp thời sửa đổi",
            "• Công khai",
            "5 năm qua, xã đã làm tốt.",
            "| STT | Nhiệm vụ | Cơ quan chủ trì |",
            "KT. CHỦ TỊCH",
            "Nội dung 2: Tiếp công dân",
        ]
    )
    kinds = [(line.kind, line.label) for line in read_lines(text)]
    assert kinds == [
        ("section", "II"),
        ("number", "1.2"),
        ("number", "2.1"),
        ("letter", "đ"),
        ("bullet", "•"),
        ("paragraph", ""),
        ("table", ""),
        ("sign", ""),
        ("number", "2"),
    ]


def test_page_break_join_rules():
    lines = join_broken(
        read_lines(
            "Dân chủ phải được thực hiện trên các\n\nlĩnh vực của đời sống.\n\n"
            "Câu này kết thúc.\n\nsau dấu chấm vẫn là đoạn mới.\n\n"
            "Tiêu đề không dấu\n\nCâu viết hoa là đoạn mới."
        )
    )
    assert [line.text for line in lines] == [
        "Dân chủ phải được thực hiện trên các lĩnh vực của đời sống.",
        "Câu này kết thúc.",
        "sau dấu chấm vẫn là đoạn mới.",
        "Tiêu đề không dấu",
        "Câu viết hoa là đoạn mới.",
    ]
