"""Word (.docx) plans read into the same structure as their text versions."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from plans.parsing import PlanParseError, parse_plan, parse_plan_file, read_plan_source

SEED_TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md").read_text(
    encoding="utf-8"
)
SEED = parse_plan(SEED_TEXT)
HEADER_LEFT = "ỦY BAN NHÂN DÂN\nXÃ CẨM GIANG\nSố: 12/KH-UBND"
HEADER_RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def shape(plan):
    return (
        [
            (a.number, a.title, a.bodies_text, a.body_names, a.timing, [(i.label, i.text) for i in a.items])
            for a in plan.areas
        ],
        [(d.number, d.heading, d.body_name, d.text) for d in plan.duties],
        plan.deadlines,
        plan.recipients,
        plan.signature,
        plan.purposes,
        plan.requirements,
        plan.preamble,
        [(r.doc_type, r.number, r.date, r.issuer, r.in_preamble) for r in plan.legal_bases],
        plan.title,
        plan.year,
        plan.reporting_recipient,
        plan.reporting_via,
    )


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_header_table(document) -> None:
    table = document.add_table(rows=1, cols=2)  # the default table style has no borders
    table.cell(0, 0).text = HEADER_LEFT
    table.cell(0, 1).text = HEADER_RIGHT


def add_markdown_line(document, line: str) -> None:
    """One seed line as a Word paragraph: "#" headings as Heading styles, "**…**" as bold runs."""
    m = re.match(r"^(#+)\s*(.*)$", line)
    text = m.group(2) if m else line
    if m and len(m.group(1)) <= 2 and not text.startswith("**"):
        document.add_heading(text.replace("*", ""), level=len(m.group(1)))
        return
    paragraph = document.add_paragraph()
    if text.startswith("**") and "**" in text[2:]:
        head, _, rest = text[2:].partition("**")
        paragraph.add_run(head.strip("*")).bold = True
        if rest.strip():
            paragraph.add_run(rest.replace("*", ""))
    else:
        paragraph.add_run(text.replace("*", ""))


def seed_docx(text: str = SEED_TEXT) -> bytes:
    document = Document()
    add_header_table(document)
    for line in text.split("\n"):
        if line.strip():
            add_markdown_line(document, line.strip())
    return save(document)


def test_seed_docx_gives_the_text_structure():
    plan = parse_plan_file(seed_docx(), "ke-hoach.docx")
    assert shape(plan) == shape(SEED)
    # The two-column header table became header lines, never content.
    assert plan.organisation == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert (plan.number, plan.symbol) == ("12", "KH-UBND")
    assert not any("CỘNG HÒA" in p or "Độc lập" in p for p in plan.preamble)
    assert plan.warnings == []


def test_docx_reader_keeps_document_order_and_turns_the_header_into_lines():
    text = read_plan_source(seed_docx(), "ke-hoach.docx")
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[:5] == HEADER_LEFT.split("\n") + HEADER_RIGHT.split("\n")
    assert "|" not in text
    assert text.index("MỤC ĐÍCH, YÊU CẦU") < text.index("NỘI DUNG THỰC HIỆN") < text.index("Vũ Mạnh Huy")


def test_docx_with_a_word_table_of_items():
    document = Document()
    add_header_table(document)
    for line in SEED_TEXT.split("\n"):
        if line.startswith("## **II."):
            break
        if line.strip():
            add_markdown_line(document, line.strip())
    add_markdown_line(document, "**II. NỘI DUNG THỰC HIỆN**")
    table = document.add_table(rows=1, cols=6)
    titles = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Căn cứ"]
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    for area in SEED.areas:
        group = table.add_row()
        merged = group.cells[1].merge(group.cells[5])  # a group row spanning the other columns
        group.cells[0].text = {"1": "I", "2": "II", "3": "III"}[area.number]
        merged.text = area.title
        for n, item in enumerate(area.items, 1):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(n), item.text
            cells[2].text = "Phòng Văn hóa – Xã hội"
            cells[3].paragraphs[0].text = "Các thôn"
            cells[3].add_paragraph("Ủy ban MTTQ Việt Nam xã")
            cells[4].text = "Trước 30/6/2026"
    report = table.add_row().cells
    report[0].text, report[4].text = "16", "Trước 10/9/2026"
    report[1].text = "Báo cáo kết quả thực hiện dân chủ 9 tháng"
    for line in SEED_TEXT[SEED_TEXT.index("## **III.") :].split("\n"):
        if line.strip():
            add_markdown_line(document, line.strip())
    plan = parse_plan_file(save(document), "bang.docx")
    assert [(a.number, a.title) for a in plan.areas] == [(a.number, a.title) for a in SEED.areas]
    assert [[i.text for i in a.items] for a in plan.areas] == [[i.text for i in a.items] for a in SEED.areas]
    item = plan.areas[2].items[4]
    assert item.label == "đ"
    assert item.lead_bodies == ["Phòng Văn hóa – Xã hội"]
    assert item.coordinating_bodies == ["Các thôn", "Ủy ban MTTQ Việt Nam xã"]
    assert (item.timing, item.deadline) == ("Trước 30/6/2026", dt.date(2026, 6, 30))
    assert [(d.code, d.due_date) for d in plan.deadlines] == [(d.code, d.due_date) for d in SEED.deadlines]
    assert plan.signature == SEED.signature


def test_docx_automatic_list_numbers_and_bullets():
    document = Document()
    document.add_paragraph("KẾ HOẠCH Thực hiện dân chủ ở cơ sở năm 2026")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Phát huy quyền làm chủ của Nhân dân.")
    document.add_paragraph("II. NỘI DUNG THỰC HIỆN")
    document.add_paragraph().add_run("1. Công khai thông tin").bold = True
    for text in ("Niêm yết công khai dự toán ngân sách.", "Công khai danh sách hộ nghèo.", "Công khai quy hoạch."):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph().add_run("2. Tiếp công dân").bold = True
    for text in ("Duy trì lịch tiếp công dân.", "Giải quyết đơn thư kịp thời."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Báo cáo 6 tháng trước ngày 05/6, báo cáo năm trước ngày 10/11 về UBND xã.")
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.text = "Nơi nhận:"
    left.add_paragraph("- Thường trực Đảng ủy;")
    left.add_paragraph("- Lưu: VT.")
    right.text = "TM. ỦY BAN NHÂN DÂN"
    run = right.add_paragraph().add_run("CHỦ TỊCH")
    run.add_break(WD_BREAK.LINE)
    run.add_break(WD_BREAK.LINE)
    right.add_paragraph("Phạm Thị Hoa")
    plan = parse_plan_file(save(document), "tu-dong.docx")
    assert [[i.text for i in a.items] for a in plan.areas] == [
        ["Niêm yết công khai dự toán ngân sách.", "Công khai danh sách hộ nghèo.", "Công khai quy hoạch."],
        ["Duy trì lịch tiếp công dân.", "Giải quyết đơn thư kịp thời."],
    ]
    assert [i.label for i in plan.areas[0].items] == ["a", "b", "c"]
    assert [d.code for d in plan.deadlines] == ["6thang", "canam"]
    assert plan.recipients == ["Thường trực Đảng ủy", "Lưu: VT"]
    assert (plan.signature.position, plan.signature.name) == ("CHỦ TỊCH", "Phạm Thị Hoa")


def test_damaged_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml")
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(PlanParseError) as error:
        parse_plan_file(buffer.getvalue(), "hong.docx")
    assert ".docx" in error.value.message


def test_zip_that_is_not_a_word_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(PlanParseError, match="UTF-8 hoặc .docx"):
        read_plan_source(buffer.getvalue(), "ke-hoach.docx")


def test_empty_docx():
    with pytest.raises(PlanParseError, match="Tệp trống"):
        read_plan_source(save(Document()), "trong.docx")
