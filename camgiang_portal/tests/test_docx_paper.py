"""The editable .docx of a report paper: the Decree-30 frame, the content in order, the appendix, hostile text."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from lxml import etree

from camgiang_portal import documents
from camgiang_portal.docx_paper import plain, render_docx
from camgiang_portal.paper_content import PaperContent, PaperSection, PaperTable

NBSP = "\u00a0"
PAPER = documents.OfficialPaper(
    agency_lines=documents.agency_lines("Ủy ban nhân dân xã Cẩm Giang"),
    number_symbol=documents.number_symbol(45, "BC-UBND"),
    date_line=documents.date_line("Cẩm Giang", 5, 1, 2026),
    doc_type="Báo cáo",
    summary="Kết quả thực hiện dân chủ ở cơ sở quý IV năm 2025",
    recipients=("- UBND huyện Cẩm Giàng;", "Thường trực Đảng ủy;", "Lưu: VT, VHXH."),
    sign_lines=("TM. Ủy ban nhân dân", "Chủ tịch"),
    signer_name="Nguyễn Văn Dũng",
)
FIGURES = PaperTable(
    title="PHỤ LỤC: SỐ LIỆU",
    headers=("TT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Tỉ lệ", "Cùng kỳ", "Tăng, giảm"),
    rows=(
        ("1", "Số cuộc họp thôn bàn về dân chủ", "cuộc", "2.340", "85%", "2.000", "+17%"),
        ("2", "Số ý kiến được tiếp thu", "ý kiến", "12", "99,6%", "12", "="),
    ),
    note="Cùng kỳ: số liệu kỳ báo cáo tương ứng năm 2024",
)
CONTENT = PaperContent(
    intro=("Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2025 của UBND xã;", "UBND xã báo cáo như sau:"),
    sections=(
        PaperSection("I", "Kết quả thực hiện", 1, ()),
        PaperSection("1", "Công khai thông tin", 2, ("Đã công khai 12 nội dung.", "Niêm yết tại nhà văn hóa.")),
        PaperSection("2", "Nhân dân bàn và quyết định", 2, ("Các thôn tổ chức họp.",)),
        PaperSection("II", "Khó khăn, vướng mắc", 1, ("Một số thôn báo cáo chậm.",)),
    ),
    appendix=(FIGURES, PaperTable("Bảng kèm theo", ("TT", "Thôn"), (("1", "Thôn Đông"),))),
)


def _open(paper=PAPER, content=CONTENT) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(paper, content)))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _body_paragraphs(document) -> list:
    """The paragraphs of the body outside tables, in order, without the empty rules and section breaks."""
    return [p for p in document.paragraphs if p.text]


def test_page_is_a4_with_the_pdf_margins_and_no_number_on_the_first_page():
    document = _open()
    first = document.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert [round(getattr(first, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")] == [
        20,
        20,
        30,
        15,
    ]
    assert first.different_first_page_header_footer  # Decree 30: page 1 is not numbered
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    defaults = etree.tostring(document.styles.element.find(qn("w:docDefaults"))).decode()
    assert 'w:val="vi-VN"' in defaults and "Theme" not in defaults  # no theme font wins over Times New Roman


def test_header_has_the_agency_number_nation_motto_and_date():
    table = _open().tables[0]
    agency, nation = table.rows[0].cells
    assert _cell_lines(agency) == ["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG", "Số: 45/BC-UBND"]
    assert _cell_lines(nation) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cẩm Giang, ngày 05 tháng 01 năm 2026",
    ]
    runs = {p.text: p.runs[0] for p in agency.paragraphs + nation.paragraphs if p.text}
    assert runs["XÃ CẨM GIANG"].bold and not runs["Số: 45/BC-UBND"].bold
    assert runs["Độc lập - Tự do - Hạnh phúc"].bold
    assert runs["Cẩm Giang, ngày 05 tháng 01 năm 2026"].italic
    # Borderless, and the motto ruled by a line about as long as the motto (58 mm in Times New Roman 13.5 pt).
    assert 'w:val="nil"' in table._tbl.tblPr.xml
    rule = next(p for p in nation.paragraphs if not p.text and "w:pBdr" in p._p.xml)
    column = nation.width
    ruled = column - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert 55 < Length(ruled).mm < 62


def test_agency_parent_comes_first_not_bold():
    paper = documents.OfficialPaper(
        agency_parent="UBND xã Cẩm Giang",
        agency_lines=("BAN THANH TRA NHÂN DÂN",),
        number_symbol="3/BC-TTND",
        date_line="Cẩm Giang, ngày 10 tháng 3 năm 2026",
        doc_type="BÁO CÁO",
    )
    agency = _open(paper, PaperContent()).tables[0].rows[0].cells[0]
    assert _cell_lines(agency) == ["UBND XÃ CẨM GIANG", "BAN THANH TRA NHÂN DÂN", "Số: 3/BC-TTND"]
    assert not agency.paragraphs[0].runs[0].bold and agency.paragraphs[1].runs[0].bold


def test_title_then_intro_then_sections_in_order():
    paragraphs = _body_paragraphs(_open())
    texts = [p.text for p in paragraphs]
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện dân chủ ở cơ sở quý IV năm 2025"]
    for title in paragraphs[:2]:
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold
    assert texts[2:12] == [
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2025 của UBND xã;",
        "UBND xã báo cáo như sau:",
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Công khai thông tin",
        "Đã công khai 12 nội dung.",
        "Niêm yết tại nhà văn hóa.",
        "2. Nhân dân bàn và quyết định",
        "Các thôn tổ chức họp.",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "Một số thôn báo cáo chậm.",
    ]
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert [name for name, _ in headings] == ["Heading 1", "Heading 2", "Heading 2", "Heading 1"]
    for name in ("Heading 1", "Heading 2"):
        style = _open().styles[name]
        assert style.font.bold and style.font.color.rgb is None  # black, not the template's blue
    body = paragraphs[2]
    assert body.style.name == "Normal" and round(body.paragraph_format.first_line_indent.mm, 1) == 12.7
    assert body.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.style.paragraph_format.space_after.pt == 6


def test_closing_has_recipients_and_signature():
    closing = _open().tables[1]
    recipients, signature = closing.rows[0].cells
    assert _cell_lines(recipients) == [
        "Nơi nhận:",
        "- UBND huyện Cẩm Giàng;",  # the paper's own dash is not doubled
        "- Thường trực Đảng ủy;",
        "- Lưu: VT, VHXH.",
    ]
    title = recipients.paragraphs[0].runs[0]
    assert title.bold and title.italic and title.font.size.pt == 12
    assert recipients.paragraphs[1].runs[0].font.size.pt == 11
    assert _cell_lines(signature) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Dũng"]
    assert all(p.runs[0].bold for p in signature.paragraphs if p.text)
    space = [p for p in signature.paragraphs if not p.text]
    assert space and round(space[0].paragraph_format.line_spacing.mm) == 28
    assert "w:cantSplit" in closing.rows[0]._tr.xml  # never split across two pages


def test_appendix_tables_on_their_own_pages_wide_ones_landscape():
    document = _open()
    sections = document.sections
    assert len(sections) == 3
    assert sections[1].orientation == WD_ORIENT.LANDSCAPE and round(sections[1].page_width.mm) == 297
    assert sections[2].orientation == WD_ORIENT.PORTRAIT and round(sections[2].page_width.mm) == 210
    assert not sections[1].different_first_page_header_footer  # appendix pages keep their numbers
    figures = document.tables[2]
    assert [c.text for c in figures.rows[0].cells] == list(FIGURES.headers)
    assert [c.text for c in figures.rows[1].cells] == list(FIGURES.rows[0])
    assert [c.text for c in figures.rows[2].cells] == list(FIGURES.rows[1])
    assert figures.style.name == "Table Grid"
    header_row = figures.rows[0]
    assert "w:tblHeader" in header_row._tr.xml and "w:tblHeader" not in figures.rows[1]._tr.xml
    assert all(c.paragraphs[0].runs[0].bold for c in header_row.cells)
    aligned = {c.text: c.paragraphs[0].alignment for c in figures.rows[1].cells}
    assert aligned["2.340"] == aligned["85%"] == aligned["+17%"] == aligned["1"] == WD_ALIGN_PARAGRAPH.RIGHT
    assert aligned["Số cuộc họp thôn bàn về dân chủ"] == aligned["cuộc"] == WD_ALIGN_PARAGRAPH.LEFT
    assert figures.rows[2].cells[6].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # "=" is a change
    texts = [p.text for p in document.paragraphs]
    assert texts.index("PHỤ LỤC: SỐ LIỆU") < texts.index(FIGURES.note) < texts.index("Bảng kèm theo")
    note = next(p for p in document.paragraphs if p.text == FIGURES.note)
    assert note.runs[0].italic
    assert [c.text for c in document.tables[3].rows[1].cells] == ["1", "Thôn Đông"]


def test_appendix_rows_shorter_than_the_header_are_padded_and_an_empty_table_is_only_its_title():
    content = PaperContent(
        appendix=(
            PaperTable("Lệch", ("A", "B", "C"), (("1",), ("x", "y", "z"))),
            PaperTable("Trống", (), ()),
        )
    )
    document = _open(content=content)
    uneven = document.tables[2]
    assert [c.text for c in uneven.rows[1].cells] == ["1", "", ""]
    assert len(document.tables) == 3
    assert "Trống" in [p.text for p in document.paragraphs]


def test_text_is_plain_control_characters_are_stripped_and_blank_numbers_keep_their_spaces():
    hostile = "<b>đậm</b> &amp; =1+1 {{ x }} \x00\x07\x1b[31m\ufffe\ud800 hết"
    paper = documents.OfficialPaper(
        agency_lines=("ỦY BAN\x0bNHÂN DÂN",),
        number_symbol=documents.number_symbol(None, "BC-UBND"),
        date_line=documents.date_line("Cẩm Giang"),
        doc_type="BÁO CÁO\x01",
        summary=hostile,
        title="Tiêu đề\x02",
        recipients=('=HYPERLINK("http://x")\x03',),
        sign_lines=("CHỦ TỊCH\x04",),
        signer_name="Nguyễn\x05 Văn A",
    )
    content = PaperContent(
        intro=(hostile,),
        sections=(PaperSection("I", "Mục\x06 một", 1, ("=SUM(A1:A9)\x08",)),),
        appendix=(PaperTable("Bảng\x0c", ("TT\x0e", "=1+1"), (("\x1f1", "<i>x</i>"),), "ghi\x7f chú"),),
    )
    document = _open(paper, content)
    texts = [p.text for p in document.paragraphs]
    assert "<b>đậm</b> &amp; =1+1 {{ x }} [31m hết" in texts  # literally, nothing interpreted
    assert "I. MỤC MỘT" in texts and "=SUM(A1:A9)" in texts and "ghi chú" in texts
    agency, _nation = document.tables[0].rows[0].cells
    assert _cell_lines(agency) == ["ỦY BAN NHÂN DÂN", f"Số: {NBSP * 6}/BC-UBND"]
    recipients, signature = document.tables[1].rows[0].cells
    assert _cell_lines(recipients)[1] == '- =HYPERLINK("http://x")'
    assert _cell_lines(signature) == ["CHỦ TỊCH", "Nguyễn Văn A"]
    assert [c.text for c in document.tables[2].rows[1].cells] == ["1", "<i>x</i>"]
    assert document.core_properties.title == "Tiêu đề"
    with zipfile.ZipFile(io.BytesIO(render_docx(paper, content))) as package:
        xml = package.read("word/document.xml").decode()
    assert "fldSimple" not in xml and "instrText" not in xml and "<b>" not in xml


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \t b\r\nc  ", "a b c"),
        ("\x00\x01x\x1by\x7f\x9f\x1fz", "xy z"),
        (f"{NBSP * 6}/BC-UBND", f"{NBSP * 6}/BC-UBND"),
        ("12\u202e34", "1234"),
        (None, ""),
        (12, "12"),
    ],
)
def test_plain(raw, expected):
    assert plain(raw) == expected


def test_core_properties():
    properties = _open().core_properties
    assert properties.title == PAPER.summary  # the paper has no title of its own
    assert properties.author == properties.last_modified_by == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert properties.language == "vi-VN"
    assert properties.comments == ""  # not python-docx's "generated by python-docx"
    titled = documents.OfficialPaper(
        agency_lines=("BAN X",), number_symbol="1/BC", date_line="d", doc_type="BÁO CÁO", title="Báo cáo quý"
    )
    assert _open(titled, PaperContent()).core_properties.title == "Báo cáo quý"


def test_a_long_paper():
    content = PaperContent(
        intro=tuple(f"Đoạn mở đầu số {i}." for i in range(100)),
        sections=tuple(
            PaperSection(str(i), f"Phần {i}", 2, tuple(f"Đoạn {i}.{j} " + "chữ " * 60 for j in range(10)))
            for i in range(1, 11)
        ),
        appendix=(PaperTable("Lớn", tuple(f"Cột {i}" for i in range(9)), tuple((str(r),) * 9 for r in range(500))),),
    )
    document = _open(content=content)
    texts = [p.text for p in document.paragraphs]
    assert texts.count("Đoạn mở đầu số 99.") == 1 and sum(t.startswith("Đoạn ") for t in texts) == 200
    big = document.tables[2]
    assert len(big.rows) == 501 and big.rows[500].cells[8].text == "499"


def test_an_empty_paper():
    paper = documents.OfficialPaper(agency_lines=(), number_symbol="", date_line="", doc_type="BÁO CÁO")
    document = _open(paper, PaperContent())
    assert [p.text for p in document.paragraphs if p.text] == ["BÁO CÁO"]
    assert len(document.tables) == 2 and len(document.sections) == 1
    recipients, signature = document.tables[1].rows[0].cells
    assert _cell_lines(recipients) == [] and _cell_lines(signature) == []
    assert all(cell.paragraphs for table in document.tables for cell in table.rows[0].cells)  # valid cells


# The schema's (ECMA-376) order of the property elements this renderer writes by hand: Word refuses to open a
# file whose properties are out of order, and no LibreOffice here opens it to check.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols "
    "formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
}


def test_properties_are_in_the_schema_order_and_every_cell_has_a_paragraph():
    content = PaperContent(intro=CONTENT.intro, sections=CONTENT.sections, appendix=(*CONTENT.appendix, FIGURES))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(render_docx(PAPER, content))) as package:
        parts = {name: etree.fromstring(package.read(name)) for name in package.namelist() if name.startswith("word/")}
    checked = 0
    for name, root in parts.items():
        if not name.endswith(".xml"):
            continue
        for tag, order in SCHEMA_ORDER.items():
            rank = {child: index for index, child in enumerate(order.split())}
            rank["footerReference"] = rank.get("headerReference", 0)
            for element in root.iter(w + tag):
                names = [etree.QName(child).localname for child in element]
                positions = [rank[child] for child in names]  # a KeyError: an element the schema has not here
                assert positions == sorted(positions), (name, tag, names)
                checked += 1
        for cell in root.iter(w + "tc"):
            assert cell.find(w + "p") is not None and etree.QName(cell[-1]).localname == "p", name
    assert checked > 100
