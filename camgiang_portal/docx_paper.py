"""The editable Word (.docx) copy of a report paper, in the Decree-30 layout of its PDF (documents/base.html).

Same frame (documents.OfficialPaper) and same content (paper_content.PaperContent) as the PDF, so a superior
who asks for Word gets the paper leadership signed. Every string goes in as a plain run: nothing in it is
read as markup, a field or a formula, and characters XML cannot hold are dropped. Shared infrastructure: it
imports no app.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import re
import unicodedata

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from fontTools.ttLib import TTFont

from .documents import STATIC_DIR, OfficialPaper, recipient_text
from .paper_content import PaperContent, PaperSection, PaperTable

# The PDF's page (static/css/document.css): A4, margins 20/20/30/15 mm, 14 pt serif, 12.7 mm first-line indent.
A4 = (Mm(210), Mm(297))
MARGINS = {"top_margin": Mm(20), "bottom_margin": Mm(20), "left_margin": Mm(30), "right_margin": Mm(15)}
FONT = "Times New Roman"  # Liberation Serif, which the PDF embeds, has its metrics
BODY = Pt(14)
INDENT = Mm(12.7)  # Decree 30 allows 1 cm or 1.27 cm; the PDF uses 1.27 cm
LINE_SPACING = 1.08  # Word's single line is ~1.15 em; the PDF's line-height is 1.25 em
LANGUAGE = "vi-VN"
WIDE_TABLE = 6  # an appendix table with more columns is printed on a landscape page
RULE_WEIGHT = 5  # eighths of a point: the PDF's 0.6 pt rules

_SEPARATORS = re.compile(r"[ \t\r\n\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
# What XML 1.0 cannot hold (C0 controls, surrogates, U+FFFE/FFFF), the C1 controls, which Word shows as boxes,
# and the bidirectional overrides, which could make a figure or a name read otherwise than it is typed.
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_NUMERIC = re.compile(r"[+\-\u2212]?\d[\d.,\u00a0 ]*%?|=")
_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def plain(text: object) -> str:
    """One line of text safe for a Word run: separators become one space, unprintable characters go.

    Only ASCII whitespace is collapsed: the no-break spaces of a draft's blank number ("      /BC-UBND")
    and date stay, as the PDF keeps them.
    """
    text = _SEPARATORS.sub(" ", str(text or ""))
    return _UNPRINTABLE.sub("", text).strip(" ")


def render_docx(paper: OfficialPaper, content: PaperContent) -> bytes:
    """The .docx bytes of a report paper: header, title, intro, sections, closing, then its appendix tables."""
    document = Document()
    _set_up(document, paper)
    _header(document, paper)
    _title(document, paper, content.subtitle)
    for text in content.intro:
        _body_paragraph(document, text)
    for section in content.sections:
        _section(document, section)
    _closing(document, paper)
    for table in content.appendix:
        _appendix_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the document: page, styles, properties -------------------------------------------------------------


def _set_up(document, paper: OfficialPaper) -> None:
    section = document.sections[0]
    _page(section, landscape=False)
    # Decree 30: page numbers centred in the top margin, none on the first page.
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    _styles(document)
    agency = plain(" ".join(paper.agency_lines))
    properties = document.core_properties
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties.title = plain(paper.title or paper.summary)
    properties.subject = plain(paper.doc_type)
    properties.author = properties.last_modified_by = agency
    properties.language = LANGUAGE
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = now
    properties.revision = 1


def _page(section, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for name, value in MARGINS.items():
        setattr(section, name, value)


def _body_width(section) -> Length:
    return Length(section.page_width - section.left_margin - section.right_margin)


def _page_number(paragraph) -> None:
    """A PAGE field (Word's own, not text from the paper) centred in the header."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    parts = (("w:fldChar", "begin"), ("w:instrText", " PAGE "), ("w:fldChar", "separate"), ("w:t", "2"))
    for tag, value in (*parts, ("w:fldChar", "end")):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)


def _fonts(rpr, size: Length | None = None) -> None:
    """Times New Roman for every script, no theme font (a theme font would win over it), Vietnamese spelling."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    for element in rpr.findall(qn("w:color")):  # the headings' theme blue
        rpr.remove(element)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(round(size.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.attrib.clear()
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _styles(document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, BODY
    _format(normal.paragraph_format, WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
    normal.paragraph_format.line_spacing = LINE_SPACING
    # The headings keep Word's outline (navigation pane, table of contents) with the PDF's look.
    for name, italic in (("Heading 1", False), ("Heading 2", False), ("Heading 3", True)):
        style = styles[name]
        _fonts(style.element.get_or_add_rPr(), BODY)
        style.font.bold, style.font.italic = True, italic
        _format(style.paragraph_format, WD_ALIGN_PARAGRAPH.JUSTIFY, before=6, after=6, indent=INDENT)
        style.paragraph_format.keep_with_next = True


def _format(paragraph_format, alignment, *, before: float = 0, after: float = 0, indent=None) -> None:
    paragraph_format.alignment = alignment
    paragraph_format.space_before, paragraph_format.space_after = Pt(before), Pt(after)
    paragraph_format.first_line_indent = indent if indent is not None else Pt(0)


# --- paragraphs and runs ----------------------------------------------------------------------------------


def _line(container, text: str, *, size: float | None = None, bold=False, italic=False, upper=False, **layout):
    """A paragraph holding one plain run, laid out by `_format` (centred unless told otherwise)."""
    paragraph = container.add_paragraph()
    _format(paragraph.paragraph_format, layout.pop("alignment", WD_ALIGN_PARAGRAPH.CENTER), **layout)
    text = plain(text)
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold, run.italic = bold or None, italic or None
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _first_line(cell, text: str, **options):
    """Like `_line`, in a table cell's first paragraph (a new cell already holds an empty one)."""
    paragraph = _line(cell, text, **options)
    first, *rest = cell.paragraphs
    if len(rest) == 1 and rest[0]._p is paragraph._p and not first.text:
        first._p.getparent().remove(first._p)
    return paragraph


def _rule(container, width: Length, available: Length):
    """A solid 0.6 pt line `width` long, centred: an empty 1 pt paragraph with a top border."""
    paragraph = container.add_paragraph()
    side = Length(max(0, (available - width) // 2))
    _format(paragraph.paragraph_format, WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(1)
    border, top = OxmlElement("w:pBdr"), OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", str(RULE_WEIGHT)), ("space", "0"), ("color", "auto")):
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_PPR_AFTER_BORDER)
    mark = OxmlElement("w:rPr")  # the paragraph mark's size: the empty line is 1 pt high
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "2")
        mark.append(element)
    return paragraph


@functools.cache
def _metrics(face: str) -> tuple[dict[int, str], object, int]:
    font = TTFont(STATIC_DIR / "fonts" / f"LiberationSerif-{face}.ttf", lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def _text_width(text: str, size: float, face: str = "Bold") -> Length:
    """How wide `text` prints in the PDF's font (Times New Roman's metrics), to rule a line as long as it."""
    cmap, advances, units = _metrics(face)
    total = sum(advances[cmap.get(ord(char), ".notdef")][0] for char in unicodedata.normalize("NFC", text))
    return Pt(total / units * size)


def _body_paragraph(container, text: str):
    paragraph = container.add_paragraph(plain(text))
    paragraph.paragraph_format.first_line_indent = INDENT
    return paragraph


# --- the parts of the paper -------------------------------------------------------------------------------


def _frame_table(document, widths: tuple[Length, ...]):
    """A borderless table of fixed columns and no cell padding, as the PDF's header and closing tables."""
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    _widths(table, widths)
    return table


def _widths(table, widths) -> None:
    # Word reads the cells' widths, LibreOffice the grid's and the table's: all three are set.
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(width.twips for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header(document, paper: OfficialPaper) -> None:
    body = _body_width(document.sections[0])
    widths = (Length(int(body * 0.36)), Length(body - int(body * 0.36)))
    agency, nation = _frame_table(document, widths).rows[0].cells
    lines = [(paper.agency_parent, False)] if paper.agency_parent else []
    lines += [(line, True) for line in paper.agency_lines]
    for index, (text, bold) in enumerate(lines):
        (_first_line if index == 0 else _line)(agency, text, size=13, bold=bold, upper=True)
    _rule(agency, Length(int(widths[0] * 0.3)), widths[0])
    _line(agency, _("Số") + ": " + plain(paper.number_symbol), size=13, before=6)
    _first_line(nation, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=12.5, bold=True)
    motto = _("Độc lập - Tự do - Hạnh phúc")
    _line(nation, motto, size=13.5, bold=True)
    _rule(nation, _text_width(motto, 13.5), widths[1])
    _line(nation, paper.date_line, size=14, italic=True, before=6)


def _title(document, paper: OfficialPaper, subtitle: str = "") -> None:
    body = _body_width(document.sections[0])
    last = _line(document, paper.doc_type, bold=True, upper=True, before=16)
    if paper.summary:
        last = _line(document, paper.summary, bold=True)
        side = Length(int(body * 0.06))  # the PDF's summary is at most 88 % of the line
        last.paragraph_format.left_indent = last.paragraph_format.right_indent = side
        last = _rule(document, Length(int(body * 0.25)), body)
    if subtitle:
        last = _line(document, subtitle, italic=True, before=4)
    last.paragraph_format.space_after = Pt(10)


def _section(document, section: PaperSection) -> None:
    level = min(max(section.level, 1), 3)
    heading = plain(section.heading)
    # The PDF upper-cases the parts (I, II, III): so does the Word copy, in the text itself.
    document.add_paragraph(heading.upper() if level == 1 else heading, style=f"Heading {level}")
    for text in section.paragraphs:
        _body_paragraph(document, text)


def _closing(document, paper: OfficialPaper) -> None:
    body = _body_width(document.sections[0])
    table = _frame_table(document, (Length(body // 2), Length(body - body // 2)))
    _row_options(table.rows[0], cant_split=True)
    recipients, signature = table.rows[0].cells
    if paper.recipients:
        options = {"alignment": WD_ALIGN_PARAGRAPH.LEFT}
        _first_line(recipients, _("Nơi nhận:"), size=12, bold=True, italic=True, before=6, **options)
        for line in paper.recipients:
            _line(recipients, "- " + recipient_text(plain(line)), size=11, **options)
    for index, line in enumerate(paper.sign_lines):
        (_first_line if index == 0 else _line)(signature, line, bold=True, upper=True, before=0 if index else 6)
    space = signature.add_paragraph()
    space.paragraph_format.line_spacing = Mm(28)  # the blank for signature and seal, as in the PDF
    _format(space.paragraph_format, WD_ALIGN_PARAGRAPH.CENTER)
    if paper.signer_name:
        _line(signature, paper.signer_name, bold=True)


def _row_options(row, *, cant_split: bool = False, header: bool = False) -> None:
    properties = row._tr.get_or_add_trPr()
    for wanted, tag in ((cant_split, "w:cantSplit"), (header, "w:tblHeader")):
        if wanted:
            properties.append(OxmlElement(tag))  # appended in the schema's order: cantSplit, then tblHeader


def _appendix_table(document, table: PaperTable) -> None:
    """A table on a page of its own: landscape when it is wide, the header row repeated on every page."""
    columns = max([len(table.headers), *(len(row) for row in table.rows)])
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _shrink(document.paragraphs[-1])  # the break's own empty paragraph must not push a page of its own
    _page(section, landscape=columns > WIDE_TABLE)
    section.different_first_page_header_footer = False  # only the paper's first page goes unnumbered
    _line(document, table.title, bold=True, after=6)
    if columns:
        _grid(document, table, columns, _body_width(section))
    if table.note:
        _line(document, table.note, size=11, italic=True, before=4, alignment=WD_ALIGN_PARAGRAPH.LEFT)


def _shrink(paragraph) -> None:
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)


def _grid(document, table: PaperTable, columns: int, width: Length) -> None:
    rows = [_padded(table.headers, columns)] if table.headers else []
    rows += [_padded(row, columns) for row in table.rows]
    grid = document.add_table(rows=len(rows), cols=columns)
    grid.style = document.styles["Table Grid"]
    grid.autofit = False
    _widths(grid, _column_widths(rows, width))
    # Each kind of cell paragraph is built once through python-docx, then copied: a figures table of a
    # thousand rows takes a second, not ten.
    made: dict[tuple, object] = {}
    for index, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        header = index == 0 and bool(table.headers)
        _row_options(row, cant_split=True, header=header)
        for cell, text in zip(row.cells, values, strict=True):
            if header:
                alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif _NUMERIC.fullmatch(text):
                alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                alignment = WD_ALIGN_PARAGRAPH.LEFT
            key = (header, alignment, bool(text))
            if key not in made:
                made[key] = _first_line(cell, text, size=10, bold=header, alignment=alignment)._p
                continue
            paragraph = copy.deepcopy(made[key])
            for run_text in paragraph.iter(qn("w:t")):
                run_text.text = text
            cell._tc.replace(cell._tc.find(qn("w:p")), paragraph)


def _padded(values, columns: int) -> tuple[str, ...]:
    cells = tuple(plain(value) for value in values)
    return cells + ("",) * (columns - len(cells))


def _column_widths(rows: list[tuple[str, ...]], width: Length) -> tuple[Length, ...]:
    """Columns as wide as their longest text, within bounds: "TT" stays narrow, "Chỉ tiêu" gets the room."""
    weights = [min(max([4, *(len(row[index]) for row in rows)]), 40) for index in range(len(rows[0]))]
    total = sum(weights)
    return tuple(Length(int(width * weight / total)) for weight in weights)
