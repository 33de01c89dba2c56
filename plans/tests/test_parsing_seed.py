"""The real seed plan parses into exactly the expected structure."""

import datetime as dt
from pathlib import Path

import pytest

from plans.parsing import parse_plan, parse_plan_file

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md"


@pytest.fixture(scope="module")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(seed_text):
    return parse_plan(seed_text)


def test_frame(plan):
    assert plan.organisation_parent == ""
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert plan.commune_name == "Cẩm Giang"
    assert plan.unit_kind == "xã"
    assert plan.village_word == "thôn"
    assert plan.number == ""
    assert plan.symbol == "KH-UBND"
    assert plan.place == "Cẩm Giang"
    assert (plan.date_day, plan.date_month, plan.date_year) == (None, 12, 2025)
    assert plan.title == "Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026"
    assert plan.year == 2026
    assert plan.warnings == []


def test_year_argument_wins(seed_text):
    plan = parse_plan(seed_text, year=2027)
    assert plan.year == 2027
    assert [d.due_date for d in plan.deadlines] == [dt.date(2027, 6, 5), dt.date(2027, 9, 10), dt.date(2027, 11, 10)]


def test_preamble(plan):
    assert len(plan.preamble) == 2
    assert plan.preamble[0].startswith("Thực hiện Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022;")
    assert plan.preamble[1].endswith("như sau:")


def test_legal_bases(plan):
    refs = [(r.doc_type, r.number, r.date, r.issuer, r.in_preamble) for r in plan.legal_bases]
    assert refs == [
        ("Luật", "", dt.date(2022, 11, 10), "Quốc hội", True),
        ("Nghị định", "59/2023/NĐ-CP", dt.date(2023, 8, 14), "Chính phủ", True),
        ("Kế hoạch", "347/KH-UBND", dt.date(2025, 12, 26), "UBND thành phố Hải Phòng", True),
        ("Nghị quyết", "82/NQ-HĐND", dt.date(2025, 12, 11), "Hội đồng nhân dân thành phố", True),
        ("Quyết định", "05/QĐ-UBND", dt.date(2025, 11, 7), "", False),
        ("Chỉ thị", "26/CT-TTg", dt.date(2016, 9, 5), "Thủ tướng Chính phủ", False),
    ]
    law, decree, plan_347, resolution, decision, directive = plan.legal_bases
    assert law.title == "Thực hiện dân chủ ở cơ sở"
    assert law.text == "Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022"
    assert decree.title == "quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở"
    assert decree.text == "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ"
    assert resolution.title == "quyết định các biện pháp bảo đảm dân chủ ở cơ sở"
    assert decision.text == "Quyết định số 05/QĐ-UBND, ngày 07/11/2025"
    assert decision.title == "ban hành Quy chế thực hiện dân chủ ở cơ sở xã Cẩm Giang"
    assert directive.title.startswith("tăng cường kỷ luật, kỷ cương")


def test_purposes_and_requirements(plan):
    assert len(plan.purposes) == 3
    assert plan.purposes[0].startswith("Quán triệt, triển khai")
    assert plan.purposes[2].endswith("gây phiền hà cho Nhân dân.")
    assert len(plan.requirements) == 2
    # The paragraph broken by a page break ("…trên các" / "lĩnh vực…") is whole again.
    assert "liên tục trên các lĩnh vực của đời sống xã hội" in plan.requirements[1]
    assert plan.requirements[1].endswith("linh hoạt trong tổ chức thực hiện.")


def test_areas(plan):
    assert [a.number for a in plan.areas] == ["1", "2", "3"]
    assert [len(a.items) for a in plan.areas] == [5, 5, 6]
    assert [[i.label for i in a.items] for a in plan.areas] == [
        list("abcde"),
        list("abcde"),
        ["a", "b", "c", "d", "đ", "e"],
    ]
    assert plan.areas[0].title.startswith("Tăng cường sự lãnh đạo, chỉ đạo của các cơ quan đơn vị")
    assert plan.areas[0].title.endswith("quán triệt thực hiện dân chủ cơ sở")
    assert plan.areas[1].title == "Thực hiện dân chủ ở xã, thôn"
    assert plan.areas[2].title == (
        "Thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập"
    )
    for area in plan.areas:
        assert area.bodies_text == "Các cơ quan, đơn vị trực thuộc UBND xã; các thôn trên địa bàn xã."
        assert area.body_names == ["Các cơ quan, đơn vị trực thuộc UBND xã", "các thôn trên địa bàn xã"]
        assert area.timing == "Thường xuyên trong năm 2026"
    assert [a.line for a in plan.areas] == [31, 51, 71]


def test_items(plan):
    items = plan.items
    assert len(items) == 16
    first = plan.areas[0].items[0]
    assert first.text.startswith("Các cơ quan, đơn vị, thôn tiếp tục triển khai")
    assert first.text.endswith("chính đáng của Nhân dân.")
    assert first.line == 35
    for item in items:
        # Item text never swallows headings or the metadata lines that follow the items.
        assert "Cơ quan thực hiện" not in item.text
        assert "Thời gian thực hiện" not in item.text
        assert "\n" not in item.text
        assert item.lead_bodies == [] and item.coordinating_bodies == []
        assert item.timing == "" and item.deadline is None and item.basis == ""
    last = plan.areas[0].items[-1]
    assert last.text.endswith("nhân rộng các điển hình tiêu biểu trong thực hiện dân chủ ở cơ sở.")
    assert plan.areas[1].items[-1].text.endswith("phải giải trình với người dân.")
    # II.3.b was broken across a blank line ("…cải cách hành" / "chính tại…").
    broken = plan.areas[2].items[1]
    assert "chỉ số cải cách hành chính tại cơ quan, đơn vị" in broken.text
    assert broken.text.endswith("nâng cao đạo đức công vụ của cán bộ, công chức, viên chức.")
    assert plan.areas[2].items[4].label == "đ"
    assert plan.areas[2].items[4].text.startswith("Kịp thời sửa đổi, bổ sung")
    assert plan.areas[2].items[5].text.endswith("nội quy, quy chế của cơ quan, đơn vị.")


def test_duties(plan):
    assert [(d.number, d.heading, d.body_name) for d in plan.duties] == [
        ("1", "Phòng Văn hóa – Xã hội", "Phòng Văn hóa – Xã hội"),
        ("2", "Các phòng cơ quan, đơn vị thuộc UBND xã", "Các phòng cơ quan, đơn vị thuộc UBND xã"),
        ("3", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ]
    assert plan.duties[0].text.startswith("Theo dõi, đôn đốc các phòng chuyên môn")
    assert plan.duties[2].text.count("\n\n") == 1
    assert plan.duties[2].text.startswith("Tổ chức vận động Nhân dân")
    assert all("Chế độ báo cáo" not in d.heading for d in plan.duties)
    assert [d.line for d in plan.duties] == [97, 101, 105]


def test_reporting(plan):
    assert plan.reporting_text.startswith("Các cơ quan, đơn vị trên địa bàn báo cáo tình hình")
    assert plan.reporting_text.endswith("về UBND xã (Qua Phòng Văn hóa – Xã hội).")
    assert plan.reporting_recipient == "UBND xã (Qua Phòng Văn hóa – Xã hội)"
    assert plan.reporting_via == "Phòng Văn hóa – Xã hội"
    assert [(d.code, d.label, d.due_date, d.period_start, d.period_end) for d in plan.deadlines] == [
        ("6thang", "Báo cáo 6 tháng", dt.date(2026, 6, 5), dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("9thang", "Báo cáo 9 tháng", dt.date(2026, 9, 10), dt.date(2026, 1, 1), dt.date(2026, 9, 30)),
        ("canam", "Báo cáo năm", dt.date(2026, 11, 10), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ]


def test_recipients_and_signature(plan):
    assert plan.recipients == [
        "Thường trực Đảng ủy",
        "Thường trực HĐND",
        "Chủ tịch, các PCT UBND xã",
        "Ủy ban MTTQ, các tổ chức CT-XH xã",
        "Các cơ quan, đơn vị thuộc UBND xã",
        "Các thôn trên địa bàn xã",
        "Trang thông tin điện tử xã",
        "Lưu VT",
    ]
    signature = plan.signature
    assert signature.authority == "TM. ỦY BAN NHÂN DÂN"
    assert signature.delegation == "KT. CHỦ TỊCH"
    assert signature.position == "PHÓ CHỦ TỊCH"
    assert signature.name == "Vũ Mạnh Huy"


def test_bytes_in_other_encodings_give_the_same_plan(seed_text, plan):
    for data in (
        seed_text.encode("utf-8"),
        seed_text.encode("utf-8-sig"),
        seed_text.encode("utf-16"),  # with a BOM
        seed_text.replace("\n", "\r\n").encode("utf-8"),
    ):
        again = parse_plan_file(data, "ke-hoach.md")
        assert again.areas == plan.areas
        assert again.duties == plan.duties
        assert again.deadlines == plan.deadlines
        assert again.signature == plan.signature


def test_parser_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys; import plans.parsing; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
