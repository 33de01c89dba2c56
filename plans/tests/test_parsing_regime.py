"""The reporting regime wherever a plan states it: section III's paragraph, a "Chế độ báo cáo" section of its own,
rows of an appendix task table (markdown and Word); only the periods the plan names; each period's data span."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from camgiang_portal.actors import SYSTEM
from plans import services
from plans.models import Item, ReportingPeriod
from plans.parsing import parse_plan, parse_plan_file
from plans.parsing.dates import find_spans, period_code
from plans.tests.test_parsing_docx import add_header_table, save

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures_parsing"
SEED_TEXT = (HERE.parent / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md").read_text(encoding="utf-8")
SEED_REGIME = "#### **4. Chế độ báo cáo**"


def codes_and_dues(plan):
    return [(d.code, d.due_date) for d in plan.deadlines]


def seed_with_regime(block: str) -> str:
    """The seed with its III.4 replaced by another way of stating the regime (`block`, whole lines)."""
    start = SEED_TEXT.index(SEED_REGIME)
    end = SEED_TEXT.index("***Nơi nhận:***")
    return SEED_TEXT[:start] + block.strip() + "\n\n" + SEED_TEXT[end:]


def test_section_iii_paragraph_of_the_seed():
    plan = parse_plan(SEED_TEXT)
    assert codes_and_dues(plan) == [
        ("6thang", dt.date(2026, 6, 5)),
        ("9thang", dt.date(2026, 9, 10)),
        ("canam", dt.date(2026, 11, 10)),
    ]
    # No span stated: the calendar's.
    assert [(d.period_start, d.period_end) for d in plan.deadlines][0] == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_a_numbered_section_of_its_own_with_only_two_periods_and_their_spans():
    plan = parse_plan_file((FIXTURES / "regime_section_iv.md").read_bytes(), "regime_section_iv.md")
    # "chậm nhất ngày 05 tháng 6 năm 2026", "chậm nhất ngày 10/11": only the two periods it names.
    assert [(d.code, d.due_date, d.period_start, d.period_end) for d in plan.deadlines] == [
        ("6thang", dt.date(2026, 6, 5), dt.date(2026, 1, 1), dt.date(2026, 5, 31)),
        ("canam", dt.date(2026, 11, 10), dt.date(2025, 12, 15), dt.date(2026, 10, 31)),
    ]
    assert plan.reporting_text.startswith("Các cơ quan, đơn vị, các thôn báo cáo 6 tháng")
    assert plan.reporting_via == "Phòng Văn hóa - Xã hội"
    # The section is the regime, not a duty nor a content area.
    assert [d.heading for d in plan.duties] == ["Phòng Văn hóa - Xã hội", "Các thôn"]
    assert [a.title for a in plan.areas] == ["Công khai", "Giám sát"]
    assert plan.warnings == []


def test_the_regime_section_after_the_budget_or_before_the_duties():
    text = (FIXTURES / "regime_section_iv.md").read_text(encoding="utf-8")
    budget = "IV. KINH PHÍ THỰC HIỆN\n\nKinh phí thực hiện từ ngân sách xã năm 2026.\n\nV. CHẾ ĐỘ BÁO CÁO"
    after_budget = text.replace("IV. CHẾ ĐỘ THÔNG TIN, BÁO CÁO", budget)
    duties = text[text.index("III. TỔ CHỨC THỰC HIỆN") : text.index("IV. CHẾ ĐỘ")]
    regime = text[text.index("IV. CHẾ ĐỘ") : text.index("Nơi nhận:")]
    first = text.replace(duties, regime.replace("IV.", "III.", 1)).replace(regime, duties.replace("III.", "IV.", 1))
    assert first.index("III. CHẾ ĐỘ") < first.index("IV. TỔ CHỨC")
    for variant in (after_budget, first):
        plan = parse_plan(variant)
        assert codes_and_dues(plan) == [("6thang", dt.date(2026, 6, 5)), ("canam", dt.date(2026, 11, 10))]
        assert [d.heading for d in plan.duties] == ["Phòng Văn hóa - Xã hội", "Các thôn"]


@pytest.mark.parametrize(
    "heading",
    [
        "**CHẾ ĐỘ BÁO CÁO**",
        "CHẾ ĐỘ THÔNG TIN, BÁO CÁO",
        "Chế độ thông tin, báo cáo",
        "#### **4. Chế độ thông tin, báo cáo**",
    ],
)
def test_an_unnumbered_or_renamed_regime_heading(heading):
    sentence = "Các cơ quan, đơn vị báo cáo 6 tháng chậm nhất ngày 05/6 và báo cáo năm chậm nhất ngày 10/11 về UBND xã."
    plan = parse_plan(seed_with_regime(f"{heading}\n\n{sentence}"))
    assert codes_and_dues(plan) == [("6thang", dt.date(2026, 6, 5)), ("canam", dt.date(2026, 11, 10))]
    assert plan.reporting_text == sentence
    assert not any("Chế độ" in d.heading or "CHẾ ĐỘ" in d.heading for d in plan.duties)


def test_a_plan_naming_only_the_annual_report_gets_one_period():
    plan = parse_plan(seed_with_regime(f"{SEED_REGIME}\n\nBáo cáo năm gửi về UBND xã trước ngày 10/11/2026."))
    assert [(d.code, d.label, d.due_date) for d in plan.deadlines] == [("canam", "Báo cáo năm", dt.date(2026, 11, 10))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # With and without the year, "trước ngày", "chậm nhất ngày", "trước 10/9/2026".
        (
            "Báo cáo 6 tháng đầu năm 2026 chậm nhất ngày 05/6/2026; báo cáo 9 tháng trước 10/9/2026; "
            "báo cáo năm 2026 trước ngày 10 tháng 11.",
            [("6thang", dt.date(2026, 6, 5)), ("9thang", dt.date(2026, 9, 10)), ("canam", dt.date(2026, 11, 10))],
        ),
        ("Báo cáo sơ kết 6 tháng năm 2026 trước ngày 05/6.", [("6thang", dt.date(2026, 6, 5))]),
        ("Báo cáo quý I năm 2026 trước ngày 20/3.", [("quy1", dt.date(2026, 3, 20))]),
    ],
)
def test_deadline_phrasings_in_the_paragraph(sentence, expected):
    assert codes_and_dues(parse_plan(seed_with_regime(f"{SEED_REGIME}\n\n{sentence}"))) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Báo cáo kết quả thực hiện dân chủ ở cơ sở 09 tháng năm 2025", "9thang"),
        ("Báo cáo sơ kết 6 tháng năm 2026", "6thang"),
        ("Báo cáo 6 tháng đầu năm 2025", "6thang"),
        ("Báo cáo quý I năm 2026", "quy1"),
        ("Báo cáo quý II/2026", "quy2"),
        ("Báo cáo kết quả thực hiện dân chủ ở cơ sở năm 2025", "canam"),
        ("Báo cáo tổng kết năm", "canam"),
    ],
)
def test_the_year_of_a_period_is_not_the_annual_report(text, code):
    assert period_code(text) == code


def test_stated_spans():
    text = (
        "Thời gian chốt số liệu: báo cáo 6 tháng tính từ ngày 15/12 năm trước đến ngày 14/6; "
        "báo cáo năm tính từ ngày 15/12 năm trước đến ngày 14/12."
    )
    assert find_spans(text, 2026) == {
        "6thang": (dt.date(2025, 12, 15), dt.date(2026, 6, 14)),
        "canam": (dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    }
    # A span naming no period is nobody's.
    assert find_spans("Số liệu tính từ ngày 01/01 đến ngày 31/5.", 2026) == {}


APPENDIX_PERIODS = [
    ("6thang", dt.date(2025, 6, 5)),
    ("9thang", dt.date(2025, 9, 10)),
    # "Trước ngày 15/01" with no year: the annual report of 2025 is due in January 2026.
    ("canam", dt.date(2026, 1, 15)),
]


def test_appendix_rows_are_periods_not_tasks():
    plan = parse_plan_file((FIXTURES / "regime_appendix_2025.md").read_bytes(), "regime_appendix_2025.md")
    assert plan.year == 2025
    assert codes_and_dues(plan) == APPENDIX_PERIODS
    assert [(a.title, [i.text for i in a.items]) for a in plan.areas] == [
        (
            "Lãnh đạo, chỉ đạo, tuyên truyền",
            [
                "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên loa truyền thanh",
                "Tổ chức Hội nghị cán bộ, công chức, viên chức năm 2025",
            ],
        ),
        # A report with no periodic deadline stays a task.
        ("Kiểm tra, giám sát và chế độ báo cáo", ["Báo cáo kết quả hoạt động của Ban Thanh tra nhân dân"]),
    ]
    assert plan.reporting_text.splitlines()[1] == (
        "Báo cáo kết quả thực hiện dân chủ ở cơ sở 09 tháng năm 2025: Trước 10/9/2025"
    )
    assert plan.warnings == []


def appendix_docx() -> bytes:
    """The appendix fixture as a commune's Word file: paragraphs, then the task table as a Word table."""
    text = (FIXTURES / "regime_appendix_2025.md").read_text(encoding="utf-8")
    document = Document()
    add_header_table(document)
    rows = []
    for line in text.split("\n")[7:]:
        if line.startswith("|"):
            if not re.fullmatch(r"[|\-\s]+", line):
                rows.append([c.strip() for c in line.strip("|").split("|")])
        elif line.strip():
            document.add_paragraph(line.strip())
    table = document.add_table(rows=0, cols=4)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    return save(document)


def test_appendix_rows_in_a_word_table_are_periods_not_tasks():
    plan = parse_plan_file(appendix_docx(), "ke-hoach-2025.docx")
    assert codes_and_dues(plan) == APPENDIX_PERIODS
    texts = [i.text for i in plan.items]
    assert len(texts) == 3 and not any("thực hiện dân chủ ở cơ sở 09 tháng" in t for t in texts)


def test_quarterly_rows_of_a_task_table():
    rows = [
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Căn cứ |",
        "|---|---|---|---|---|---|",
        "| 1 | Tuyên truyền Luật Thực hiện dân chủ ở cơ sở | Phòng Văn hóa – Xã hội | Các thôn | Thường xuyên | |",
        "| 2 | Báo cáo quý I năm 2026 | Phòng Văn hóa – Xã hội | | Trước 20/3/2026 | |",
        "| 3 | Báo cáo quý II/2026 | Phòng Văn hóa – Xã hội | | Trước ngày 20/6 | |",
    ]
    start = SEED_TEXT.index("## **II. NỘI DUNG THỰC HIỆN**")
    end = SEED_TEXT.index("## **III. TỔ CHỨC THỰC HIỆN**")
    text = SEED_TEXT[:start] + "## **II. NỘI DUNG THỰC HIỆN**\n\n" + "\n".join(rows) + "\n\n" + SEED_TEXT[end:]
    start, end = text.index(SEED_REGIME), text.index("***Nơi nhận:***")
    text = text[:start] + text[end:]  # the table is the only statement of the regime
    plan = parse_plan(text)
    assert [(d.code, d.due_date, d.period_start) for d in plan.deadlines] == [
        ("quy1", dt.date(2026, 3, 20), dt.date(2026, 1, 1)),
        ("quy2", dt.date(2026, 6, 20), dt.date(2026, 4, 1)),
    ]
    assert [i.text for i in plan.items] == ["Tuyên truyền Luật Thực hiện dân chủ ở cơ sở"]


# -- the importer and its preview --------------------------------------------------------------------


@pytest.mark.django_db
def test_import_writes_only_the_periods_the_plan_names(demo):
    source = (FIXTURES / "regime_section_iv.md").read_bytes()
    services.plan_import(source=source, filename="regime_section_iv.md", by=SYSTEM)
    periods = list(ReportingPeriod.objects.order_by("order").values_list("code", "start", "end", "due_date"))
    assert periods == [
        ("6thang", dt.date(2026, 1, 1), dt.date(2026, 5, 31), dt.date(2026, 6, 5)),
        ("canam", dt.date(2025, 12, 15), dt.date(2026, 10, 31), dt.date(2026, 11, 10)),
    ]


@pytest.mark.django_db
def test_import_of_appendix_rows_writes_periods_not_items(demo):
    source = (FIXTURES / "regime_appendix_2025.md").read_bytes()
    services.plan_import(source=source, filename="regime_appendix_2025.md", by=SYSTEM)
    assert list(ReportingPeriod.objects.order_by("order").values_list("code", "due_date")) == APPENDIX_PERIODS
    assert not Item.objects.filter(text__contains="thực hiện dân chủ ở cơ sở 09 tháng").exists()
    assert Item.objects.count() == 3


@pytest.mark.django_db
def test_import_preview_lists_the_periods_found(client_for):
    client = client_for("vanhoaxahoi")
    upload = (FIXTURES / "regime_appendix_2025.md").open("rb")
    with upload:
        preview = client.post(reverse("plans:import"), {"file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Báo cáo 9 tháng: hạn 10/09/2025 (số liệu từ 01/01/2025 đến 30/09/2025)" in html
    assert "Báo cáo năm: hạn 15/01/2026" in html
