"""Plans written differently from the seed: fixture files and programmatic variations of the seed."""

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from plans.parsing import classify_body_phrase, parse_plan, parse_plan_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures_parsing"
SEED_TEXT = (HERE.parent / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md").read_text(encoding="utf-8")
SEED = parse_plan(SEED_TEXT)


def fixture(name: str):
    return parse_plan_file((FIXTURES / name).read_bytes(), name)


def shape(plan):
    """What must survive any change of formatting: areas, item labels and texts, duties, deadlines."""
    return (
        [(a.number, a.title, a.bodies_text, a.timing, [(i.label, i.text) for i in a.items]) for a in plan.areas],
        [(d.heading, d.body_name, d.text) for d in plan.duties],
        [(d.code, d.due_date) for d in plan.deadlines],
        plan.recipients,
        plan.signature,
        plan.purposes,
        plan.requirements,
    )


# -- programmatic variations of the seed ----------------------------------------------------------


def strip_markup(text: str) -> str:
    text = re.sub(r"(?m)^#+\s*", "", text)
    return text.replace("*", "")


def headings_bold_only(text: str) -> str:
    text = re.sub(r"(?m)^#+\s*(\*\*)?(.*?)(\*\*)?$", lambda m: f"**{m.group(2)}**", text)
    return text.replace("****", "")


def letters_to_bullets(text: str) -> str:
    markers = iter(["- ", "+ ", "• "] * 10)
    return re.sub(r"(?m)^[a-zđ]\) ", lambda m: next(markers), text)


def test_all_markdown_removed():
    assert shape(parse_plan(strip_markup(SEED_TEXT))) == shape(SEED)


def test_headings_only_bold():
    plan = parse_plan(headings_bold_only(SEED_TEXT))
    assert shape(plan) == shape(SEED)


def test_numbering_with_and_without_trailing_dot():
    dotted = re.sub(r"(?m)^(\S* ?\**\d\.\d) ", r"\1. ", SEED_TEXT)
    undotted = re.sub(r"(?m)^(\S* ?\**\d\.\d)\. ", r"\1 ", SEED_TEXT)
    assert "#### **1.2. Cơ quan thực hiện:**" in dotted
    assert "## **2.1 Nội dung**" in undotted
    assert shape(parse_plan(dotted)) == shape(SEED)
    assert shape(parse_plan(undotted)) == shape(SEED)


@pytest.mark.parametrize(
    "heading",
    ["II - NỘI DUNG THỰC HIỆN", "**II. NỘI DUNG THỰC HIỆN**", "NỘI DUNG VÀ GIẢI PHÁP", "II) NHIỆM VỤ, GIẢI PHÁP"],
)
def test_section_heading_styles(heading):
    text = SEED_TEXT.replace("## **II. NỘI DUNG THỰC HIỆN**", heading)
    text = text.replace("## **III. TỔ CHỨC THỰC HIỆN**", "III - TỔ CHỨC THỰC HIỆN")
    assert shape(parse_plan(text)) == shape(SEED)


def test_items_as_bullets():
    plan = parse_plan(letters_to_bullets(SEED_TEXT))
    assert [len(a.items) for a in plan.areas] == [5, 5, 6]
    # Bullets get letters in Vietnamese order: đ comes after d.
    assert [i.label for i in plan.areas[2].items] == ["a", "b", "c", "d", "đ", "e"]
    assert [i.text for i in plan.items] == [i.text for i in SEED.items]


def test_hard_wrapped_lines():
    wrapped = []
    for line in SEED_TEXT.split("\n"):
        wrapped += textwrap.wrap(line, 78, break_long_words=False) or [""]
    assert max(len(line) for line in wrapped) <= 90
    plan = parse_plan("\n".join(wrapped))
    assert shape(plan) == shape(SEED)


def test_header_block_and_full_date():
    header = (
        "ỦY BAN NHÂN DÂN\nXÃ CẨM GIANG\nSố: 12/KH-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    )
    text = header + SEED_TEXT.replace("ngày tháng 12 năm 2025", "ngày 05 tháng 01 năm 2026")
    plan = parse_plan(text)
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert (plan.number, plan.symbol) == ("12", "KH-UBND")
    assert (plan.date_day, plan.date_month, plan.date_year) == (5, 1, 2026)
    assert plan.year == 2026
    assert plan.preamble == SEED.preamble
    assert shape(plan) == shape(SEED)


def test_header_with_parent_agency_and_blank_number():
    header = (
        "UBND THÀNH PHỐ HẢI PHÒNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "ỦY BAN NHÂN DÂN XÃ CẨM GIANG          Độc lập - Tự do - Hạnh phúc\n"
        "Số:      /KH-UBND\n\n"
    )
    plan = parse_plan(header + SEED_TEXT)
    assert plan.organisation_parent == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert (plan.number, plan.symbol) == ("", "KH-UBND")
    assert shape(plan) == shape(SEED)


def test_ward_with_residential_groups():
    text = re.sub(r"\bxã\b(?! hội)", "phường", SEED_TEXT)
    text = text.replace("thôn", "tổ dân phố").replace("Cẩm Giang", "Lê Chân")
    plan = parse_plan(text)
    assert (plan.unit_kind, plan.village_word, plan.commune_name) == ("phường", "tổ dân phố", "Lê Chân")
    assert plan.organisation == "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN"
    assert plan.areas[0].body_names == [
        "Các cơ quan, đơn vị trực thuộc UBND phường",
        "các tổ dân phố trên địa bàn phường",
    ]
    kinds = [classify_body_phrase(name).kind for name in plan.areas[0].body_names]
    assert kinds == ["all_departments", "all_villages"]
    assert [len(a.items) for a in plan.areas] == [5, 5, 6]


def test_chairman_signs_directly():
    text = SEED_TEXT.replace("**KT. CHỦ TỊCH**  \n**PHÓ CHỦ TỊCH**", "**CHỦ TỊCH**")
    signature = parse_plan(text).signature
    assert (signature.authority, signature.delegation, signature.position, signature.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "",
        "CHỦ TỊCH",
        "Vũ Mạnh Huy",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Báo cáo 6 tháng trước ngày 05/6/2026, báo cáo năm chậm nhất ngày 10/11.",
            [("6thang", dt.date(2026, 6, 5)), ("canam", dt.date(2026, 11, 10))],
        ),
        (
            "Báo cáo 6 tháng đầu năm trước ngày 05 tháng 6; báo cáo 9 tháng trước ngày 10/9 hằng năm; "
            "báo cáo năm trước ngày 10 tháng 11 năm 2026.",
            [("6thang", dt.date(2026, 6, 5)), ("9thang", dt.date(2026, 9, 10)), ("canam", dt.date(2026, 11, 10))],
        ),
        (
            "Báo cáo quý I trước ngày 20/3, quý II trước ngày 20/6, quý III trước ngày 20/9, quý IV trước ngày 15/12.",
            [
                ("quy1", dt.date(2026, 3, 20)),
                ("quy2", dt.date(2026, 6, 20)),
                ("quy3", dt.date(2026, 9, 20)),
                ("quy4", dt.date(2026, 12, 15)),
            ],
        ),
        (
            "Các đơn vị báo cáo quý trước ngày 20 của tháng cuối quý.",
            [
                ("quy1", dt.date(2026, 3, 20)),
                ("quy2", dt.date(2026, 6, 20)),
                ("quy3", dt.date(2026, 9, 20)),
                ("quy4", dt.date(2026, 12, 20)),
            ],
        ),
    ],
)
def test_reporting_deadline_phrasings(sentence, expected):
    text = re.sub(r"(?s)(#### \*\*4\. Chế độ báo cáo\*\*\n\n).*?\n\n", rf"\g<1>{sentence}\n\n", SEED_TEXT)
    plan = parse_plan(text)
    assert plan.reporting_text == sentence
    assert [(d.code, d.due_date) for d in plan.deadlines] == expected
    assert plan.warnings == []


def render_plan(areas: int, items: int, style: str) -> str:
    """A small plan in a given item style: letters, bullets, numbered sub-items or a task table."""
    lines = [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÒA BÌNH",
        "Số: 3/KH-UBND",
        "",
        "Hòa Bình, ngày 02 tháng 01 năm 2026",
        "",
        "KẾ HOẠCH",
        "Thực hiện dân chủ ở cơ sở năm 2026",
        "",
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022;",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "Phát huy quyền làm chủ của Nhân dân.",
        "",
        "II. NỘI DUNG THỰC HIỆN",
        "",
    ]
    letters = "abcdđeghik"
    for a in range(1, areas + 1):
        lines += [f"{a}. Nội dung thứ {a}", ""]
        if style == "table":
            lines += [
                "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Căn cứ |",
                "|---|---|---|---|---|---|",
            ]
        for i in range(1, items + 1):
            text = f"Nhiệm vụ {i} của nội dung {a}."
            if style == "letters":
                lines += [f"{letters[i - 1]}) {text}", ""]
            elif style == "bullets":
                lines += [
                    f"- {text}",
                    "Cơ quan chủ trì: Phòng Văn hóa - Xã hội; phối hợp: các thôn.",
                    f"Thời gian: Trước 30/{i}/2026.",
                    "",
                ]
            elif style == "numbered":
                lines += [f"{a}.{i}. {text}", "- Đơn vị chủ trì: Văn phòng HĐND và UBND xã", ""]
            elif style == "table":
                lines.append(f"| {i} | {text} | Phòng Văn hóa - Xã hội | Các thôn | Quý {min(i, 4)}/2026 | |")
        lines.append("")
    lines += [
        "III. TỔ CHỨC THỰC HIỆN",
        "",
        "1. Văn phòng HĐND và UBND xã",
        "",
        "Theo dõi, đôn đốc.",
        "",
        "2. Chế độ báo cáo",
        "",
        "Báo cáo 6 tháng trước ngày 05/6, báo cáo năm trước ngày 10/11.",
        "",
        "Nơi nhận:",
        "- Lưu: VT.",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "",
        "Đỗ Văn Hải",
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("style", ["letters", "bullets", "numbered", "table"])
@pytest.mark.parametrize(("areas", "items"), [(2, 4), (5, 2), (1, 7)])
def test_generated_plans(style, areas, items):
    plan = parse_plan(render_plan(areas, items, style))
    assert plan.commune_name == "Hòa Bình"
    assert [a.number for a in plan.areas] == [str(n) for n in range(1, areas + 1)]
    assert [len(a.items) for a in plan.areas] == [items] * areas
    assert [i.label for i in plan.areas[0].items] == list("abcdđeghik"[:items])
    assert plan.areas[-1].items[-1].text == f"Nhiệm vụ {items} của nội dung {areas}."
    assert [(d.code, d.due_date) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    assert plan.signature.name == "Đỗ Văn Hải" and plan.signature.position == "CHỦ TỊCH"
    assert plan.warnings == []
    first = plan.areas[0].items[0]
    if style == "bullets":
        assert first.lead_bodies == ["Phòng Văn hóa - Xã hội"]
        assert first.coordinating_bodies == ["các thôn"]
        assert (first.timing, first.deadline) == ("Trước 30/1/2026", dt.date(2026, 1, 30))
    elif style == "numbered":
        assert first.lead_bodies == ["Văn phòng HĐND và UBND xã"]
    elif style == "table":
        assert first.coordinating_bodies == ["Các thôn"]
        assert (first.timing, first.deadline) == ("Quý 1/2026", dt.date(2026, 3, 31))


def test_seed_as_task_table():
    """The seed's items moved into one appendix-style table with group rows."""
    rows = [
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Căn cứ |",
        "|---|---|---|---|---|---|",
    ]
    for area in SEED.areas:
        stt = {"1": "I", "2": "**2**", "3": "III"}[area.number]
        title = f"**{area.title}**" if stt.startswith("**") else area.title
        rows.append(f"| {stt} | {title} | | | | |")
        for n, item in enumerate(area.items, 1):
            rows.append(f"| {n} | {item.text} | Các cơ quan, đơn vị trực thuộc UBND xã | Các thôn | Năm 2026 | |")
    rows.append("| 17 | Báo cáo kết quả thực hiện dân chủ 6 tháng | Phòng Văn hóa – Xã hội | | Trước 05/6/2026 | |")
    start = SEED_TEXT.index("## **II. NỘI DUNG THỰC HIỆN**")
    end = SEED_TEXT.index("## **III. TỔ CHỨC THỰC HIỆN**")
    text = SEED_TEXT[:start] + "## **II. NỘI DUNG THỰC HIỆN**\n\n" + "\n".join(rows) + "\n\n" + SEED_TEXT[end:]
    plan = parse_plan(text)
    assert [(a.number, a.title) for a in plan.areas] == [(a.number, a.title) for a in SEED.areas]
    assert [[i.text for i in a.items] for a in plan.areas] == [[i.text for i in a.items] for a in SEED.areas]
    # Rows are lettered in Vietnamese order, whatever letters the text version used.
    assert [i.label for i in plan.areas[0].items] == ["a", "b", "c", "d", "đ"]
    assert all(i.lead_bodies == ["Các cơ quan, đơn vị trực thuộc UBND xã"] for i in plan.items)
    # The report row is the reporting regime, not a task; the III.4 deadlines stay.
    assert not any("Báo cáo kết quả" in i.text for i in plan.items)
    assert [d.due_date for d in plan.deadlines] == [d.due_date for d in SEED.deadlines]


# -- fixture files ------------------------------------------------------------------------------


def test_fixture_header_two_columns():
    plan = fixture("header_two_columns.txt")
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert (plan.number, plan.place, plan.date_day, plan.date_month, plan.date_year) == ("12", "Cẩm Giang", 5, 1, 2026)
    assert plan.title == "Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026"
    assert len(plan.preamble) == 3
    assert "CỘNG HÒA" not in " ".join(plan.preamble + plan.purposes)
    assert plan.legal_bases[0].number == "10/2022/QH15"
    assert plan.requirements == [
        "Thực hiện dân chủ ở cơ sở phải gắn liền với thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị; "
        "dân chủ ở cơ sở phải được thực hiện thường xuyên, liên tục trên các lĩnh vực của đời sống xã hội."
    ]
    assert [[i.label for i in a.items] for a in plan.areas] == [list("abc"), ["a", "b", "c", "d", "đ"]]
    assert plan.areas[0].body_names == ["Các cơ quan, đơn vị trực thuộc UBND xã", "các thôn trên địa bàn xã"]
    assert plan.areas[1].timing == "Thường xuyên trong năm 2026"
    assert [(d.heading, d.text[:8]) for d in plan.duties] == [
        ("Phòng Văn hóa - Xã hội", "Theo dõi"),
        ("Các cơ quan, đơn vị thuộc UBND xã", "Theo chứ"),
    ]
    assert plan.reporting_via == "Phòng Văn hóa - Xã hội"
    assert [d.due_date for d in plan.deadlines] == [dt.date(2026, 6, 5), dt.date(2026, 11, 10)]
    assert plan.recipients == ["Thường trực Đảng ủy", "Thường trực HĐND xã", "Lưu: VT, VHXH"]
    signature = plan.signature
    assert (signature.position, signature.delegation, signature.name) == ("CHỦ TỊCH", "", "Nguyễn Văn An")


def test_fixture_bullets_with_assignments():
    plan = fixture("bullets_assignments.md")
    assert plan.title == "Thực hiện dân chủ ở cơ sở năm 2026"
    assert (plan.date_day, plan.date_month, plan.date_year, plan.year) == (20, 12, 2025, 2026)
    assert len(plan.purposes) == 2
    assert [len(a.items) for a in plan.areas] == [4, 4]
    first, second, third, fourth = plan.areas[0].items
    assert first.text == "Niêm yết công khai các nội dung phải công khai tại trụ sở UBND xã và nhà văn hóa các thôn."
    assert first.lead_bodies == ["Văn phòng HĐND và UBND xã"]
    assert first.coordinating_bodies == ["Phòng Văn hóa - Xã hội", "các thôn"]
    assert first.timing == "Thường xuyên" and first.deadline is None
    assert (second.lead_bodies, second.timing) == (["Chủ tịch UBND xã"], "Hằng tuần")
    assert third.coordinating_bodies == ["Văn phòng HĐND và UBND xã"]
    assert third.deadline == dt.date(2026, 3, 31)
    # Assignments in brackets at the end of the task.
    assert fourth.text == "Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân"
    assert (fourth.coordinating_bodies, fourth.timing, fourth.deadline) == (
        ["Ủy ban MTTQ Việt Nam xã"],
        "Quý III/2026",
        dt.date(2026, 9, 30),
    )
    area2 = plan.areas[1].items
    assert area2[0].coordinating_bodies == ["Trưởng các thôn"]
    assert area2[1].timing == "Theo kế hoạch"
    assert area2[2].coordinating_bodies == ["các tổ chức chính trị - xã hội"]
    # A task that happens to be a report is still a task when it states no periodic deadline.
    assert area2[3].text.startswith("Báo cáo kết quả hoạt động") and area2[3].deadline == dt.date(2026, 12, 31)
    assert all("Cơ quan chủ trì" not in i.text and "Thời gian" not in i.text for i in plan.items)
    assert plan.reporting_recipient == "Phòng Văn hóa - Xã hội"
    assert [(d.code, d.due_date) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    assert plan.signature.position == "CHỦ TỊCH" and plan.signature.name == "Trần Văn Bình"


def test_fixture_appendix_task_table():
    plan = fixture("appendix_task_table.md")
    assert plan.number == "15"
    assert [(a.number, a.title) for a in plan.areas] == [
        ("1", "Công tác lãnh đạo, chỉ đạo, tuyên truyền"),
        ("2", "Thực hiện dân chủ ở xã, thôn"),
        ("3", "Thực hiện dân chủ trong cơ quan hành chính"),
    ]
    assert [len(a.items) for a in plan.areas] == [2, 2, 1]
    item = plan.areas[0].items[1]
    assert item.text == "Ban hành Quy chế thực hiện dân chủ ở cơ sở xã"
    assert item.lead_bodies == ["Văn phòng HĐND và UBND xã"]
    assert item.coordinating_bodies == ["Phòng Văn hóa - Xã hội", "Ủy ban MTTQ Việt Nam xã"]
    assert (item.timing, item.deadline) == ("Trước 31/3/2026", dt.date(2026, 3, 31))
    assert item.basis == "Nghị định số 59/2023/NĐ-CP"
    assert plan.areas[1].items[1].coordinating_bodies == ["Ủy ban MTTQ Việt Nam xã", "Các tổ chức chính trị - xã hội"]
    assert plan.areas[1].items[0].deadline == dt.date(2026, 6, 30)
    # Report rows became the reporting regime.
    assert [(d.code, d.due_date) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    assert all(not i.text.startswith("Báo cáo") for i in plan.items)
    assert [r.number for r in plan.legal_bases] == ["347/KH-UBND", "10/2022/QH15", "59/2023/NĐ-CP"]
    assert plan.signature.name == "Vũ Mạnh Huy"
    assert plan.recipients == ["Thường trực Đảng ủy", "Lưu: VT"]


def test_fixture_tables_inside_areas():
    plan = fixture("tables_in_areas.md")
    assert [(a.title, len(a.items)) for a in plan.areas] == [("Công khai, minh bạch", 2), ("Kiểm tra, giám sát", 1)]
    assert plan.areas[0].items[1].coordinating_bodies == ["Trưởng các thôn"]
    assert plan.areas[0].items[1].deadline == dt.date(2026, 12, 31)
    assert plan.reporting_via == "Phòng Văn hóa - Xã hội"
    assert [d.due_date for d in plan.deadlines] == [dt.date(2026, 6, 5), dt.date(2026, 11, 10)]
    assert "Không tìm thấy danh sách “Nơi nhận”." in plan.warnings
    assert any("phần ký" in w for w in plan.warnings)


def test_fixture_ward_with_five_areas():
    plan = fixture("ward_five_areas.md")
    assert plan.organisation_parent == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    assert plan.organisation == "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN"
    assert (plan.commune_name, plan.unit_kind, plan.village_word) == ("Lê Chân", "phường", "tổ dân phố")
    assert (plan.number, plan.place, plan.date_day, plan.date_month, plan.date_year) == ("07", "Lê Chân", 8, 1, 2026)
    assert plan.title == "Thực hiện dân chủ ở cơ sở trên địa bàn phường năm 2026"
    assert plan.legal_bases[0].date == dt.date(2022, 11, 10)
    assert [len(a.items) for a in plan.areas] == [2, 2, 1, 3, 2]
    # "Cơ quan thực hiện" set apart after the items is the area's.
    assert plan.areas[0].body_names == ["Văn phòng HĐND và UBND phường", "các tổ dân phố"]
    assert plan.areas[0].items[1].lead_bodies == []
    numbered = plan.areas[4].items
    assert numbered[0].text == "Tổ chức Hội nghị cán bộ, công chức, viên chức năm 2026."
    assert numbered[0].lead_bodies == ["Văn phòng HĐND và UBND phường"]
    assert numbered[0].deadline == dt.date(2026, 3, 31)
    assert numbered[1].text.splitlines() == [
        "Rà soát, sửa đổi Quy chế thực hiện dân chủ trong hoạt động của cơ quan.",
        "a) Rà soát quy chế chi tiêu nội bộ.",
        "b) Rà soát quy chế làm việc.",
    ]
    assert [d.body_name for d in plan.duties] == ["Phòng Văn hóa - Xã hội", "Tổ trưởng các tổ dân phố"]
    assert [(d.code, d.due_date) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5)),
        ("9thang", dt.date(2026, 9, 10)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    assert plan.recipients == ["Thường trực Đảng ủy phường", "Các tổ dân phố", "Lưu: VT"]
    assert (plan.signature.authority, plan.signature.delegation, plan.signature.position, plan.signature.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "",
        "CHỦ TỊCH",
        "Nguyễn Thị Lan",
    )
    assert plan.warnings == []


def test_fixture_quarterly_reports():
    plan = fixture("quarterly.md")
    assert [(d.code, d.label, d.due_date, d.period_start, d.period_end) for d in plan.deadlines] == [
        ("quy1", "Báo cáo quý I", dt.date(2026, 3, 15), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("quy2", "Báo cáo quý II", dt.date(2026, 6, 15), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("quy3", "Báo cáo quý III", dt.date(2026, 9, 15), dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("quy4", "Báo cáo quý IV", dt.date(2026, 12, 15), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("canam", "Báo cáo năm", dt.date(2027, 1, 15), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ]
    assert plan.reporting_recipient == "UBND xã" and plan.reporting_via == ""
    assert [len(a.items) for a in plan.areas] == [2, 1]
    assert plan.signature.delegation == "KT. CHỦ TỊCH"


def test_fixture_slash_numbering_and_capitalised_title():
    plan = fixture("slash_numbering.txt")
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert (plan.number, plan.date_day, plan.date_month, plan.date_year) == ("3", 5, 1, 2026)
    # An all-capitals title is put in sentence case, keeping the commune's name.
    assert plan.title == "Thực hiện dân chủ ở cơ sở trên địa bàn xã Cẩm Giang năm 2026"
    assert plan.preamble[0].startswith("Căn cứ Luật")
    assert (plan.purposes, plan.requirements) == (["phát huy quyền làm chủ."], ["thiết thực."])
    assert [(a.title, [i.label for i in a.items]) for a in plan.areas] == [
        ("Công khai", ["a", "b"]),
        ("Dân bàn", ["a"]),
    ]
    first = plan.areas[0].items[0]
    assert (first.text, first.lead_bodies, first.timing) == ("Công khai ngân sách", ["Văn phòng"], "Quý I/2026")
    assert [(d.heading, d.text) for d in plan.duties] == [
        ("Phòng Văn hóa - Xã hội", "theo dõi, tổng hợp."),
        ("Các thôn", "tổ chức thực hiện."),
    ]
    assert plan.reporting_recipient == "UBND xã qua Phòng Văn hóa - Xã hội"
    assert plan.reporting_via == "Phòng Văn hóa - Xã hội"
    assert [d.code for d in plan.deadlines] == ["6thang", "canam"]
    assert plan.recipients == ["Như trên", "Lưu VT"]
    assert (plan.signature.delegation, plan.signature.position, plan.signature.name) == (
        "Q. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Vũ Mạnh Huy",
    )


def test_fixture_content_lines_and_bracketed_assignments():
    plan = fixture("content_lines.md")
    assert (plan.commune_name, plan.organisation, plan.year) == ("An Hòa", "ỦY BAN NHÂN DÂN XÃ AN HÒA", 2026)
    first, second = plan.areas[0].items
    assert first.text == "Niêm yết công khai dự toán ngân sách xã năm 2026."
    assert (first.lead_bodies, first.coordinating_bodies) == (["Văn phòng HĐND và UBND xã"], ["Trưởng các thôn"])
    assert first.deadline == dt.date(2026, 1, 31)
    assert (second.lead_bodies, second.deadline) == (["Phòng Văn hóa - Xã hội"], dt.date(2026, 12, 31))
    board, watch = plan.areas[1].items
    assert board.text == "Kiện toàn Ban Thanh tra nhân dân xã"
    assert board.lead_bodies == ["Ủy ban MTTQ Việt Nam xã"]
    assert board.coordinating_bodies == ["các tổ chức chính trị - xã hội"]
    assert (board.timing, board.deadline) == ("Quý I/2026", dt.date(2026, 3, 31))
    assert watch.text == "Thành lập Ban giám sát đầu tư của cộng đồng"
    assert watch.lead_bodies == ["Ủy ban MTTQ Việt Nam xã"]
    # A duty written as one sentence names its body; a sentence with deadlines is the reporting regime.
    assert [(d.heading, d.body_name) for d in plan.duties] == [("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội")]
    assert plan.reporting_text.startswith("Các cơ quan, đơn vị gửi báo cáo về UBND xã")
    assert [(d.code, d.due_date) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    assert plan.warnings == []


def test_appendix_before_recipients_and_signature():
    """Some communes put the task table before "Nơi nhận" and the signature: both must still be found."""
    original = (FIXTURES / "appendix_task_table.md").read_text(encoding="utf-8")
    body, rest = original.split("Nơi nhận:", 1)
    tail, appendix = rest.split("PHỤ LỤC", 1)
    moved = body + "PHỤ LỤC" + appendix + "\n\nNơi nhận:" + tail
    plan = parse_plan_file(moved.encode("utf-8"), "appendix_first.md")
    reference = fixture("appendix_task_table.md")
    assert plan.recipients == ["Thường trực Đảng ủy", "Lưu: VT"]
    assert plan.signature.name == "Vũ Mạnh Huy"
    assert [(a.title, len(a.items)) for a in plan.areas] == [(a.title, len(a.items)) for a in reference.areas]
