"""Reads a .docx plan into the text form the parser reads: paragraphs, header lines and pipe tables."""

from __future__ import annotations

import io
import re

from .model import PlanParseError
from .text import column_map

_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, symbol in _ROMAN:
        while n >= value:
            out, n = out + symbol, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Word's automatic list numbers, which are not part of the paragraph text."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    self._val(lvl, "w:numFmt") or "decimal",
                    self._val(lvl, "w:lvlText") or "",
                    int(self._val(lvl, "w:start") or 1),
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            self.formats[num.get(qn("w:numId"))] = abstract.get(self._val(num, "w:abstractNumId"), {})

    def _val(self, node, tag: str) -> str | None:
        child = node.find(self.qn(tag))
        return child.get(self.qn("w:val")) if child is not None else None

    def _num_pr(self, paragraph):
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None:
                return s_pr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        levels = self.formats.get(num_id)
        if not levels:
            return ""
        fmt, text, start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def number(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            lvl_fmt, _, lvl_start = levels.get(lvl, ("decimal", "", 1))
            return _format(counters.get(lvl, lvl_start), lvl_fmt)

        return re.sub(r"%(\d)", number, text).strip()


def _is_bold(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


def _paragraph_text(paragraph, numbering: _Numbering) -> list[str]:
    """The paragraph's lines, with its list label and heading/bold marks in markdown form."""
    label = numbering.label(paragraph)
    pieces = [p.strip() for p in paragraph.text.split("\n")]
    pieces = [p for p in pieces if p]
    if not pieces:
        return []
    if label:
        pieces[0] = f"{label} {pieces[0]}"
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = re.match(r"Heading (\d)", style or "")
    if _is_bold(paragraph):
        pieces = [f"**{p}**" for p in pieces]
    if heading:
        pieces = [f"{'#' * int(heading.group(1))} {p}" for p in pieces]
    return pieces


def _cell_text(cell, numbering: _Numbering) -> str:
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]
    text = "<br>".join(" ".join(_paragraph_text(p, numbering)).replace("**", "") for p in paragraphs)
    if paragraphs and all(_is_bold(p) for p in paragraphs):
        text = f"**{text}**"
    return text.replace("|", "\\|")


def _table_lines(table, numbering: _Numbering) -> list[str]:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A cell merged across columns is listed once per column; keep its text once.
            cells.append("" if cell._tc is previous else _cell_text(cell, numbering))
            previous = cell._tc
        rows.append(cells)
    if not rows:
        return []
    width = max(len(r) for r in rows)
    if any(column_map(r) for r in rows[:3]) or width >= 3:
        lines = [""]
        for index, cells in enumerate(rows):
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                lines.append("|" + "---|" * len(cells))
        return lines + [""]
    # A layout table (header or signature block): its cells become ordinary lines.
    lines = []
    for row in table.rows:
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            for paragraph in cell.paragraphs:
                lines += _paragraph_text(paragraph, numbering)
            lines.append("")
    return lines


def _walk(container, parent, numbering: _Numbering, out: list[str]) -> None:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            out += _paragraph_text(Paragraph(child, parent), numbering) + [""]
        elif child.tag == qn("w:tbl"):
            out += _table_lines(Table(child, parent), numbering)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _walk(content, parent, numbering, out)


def docx_to_text(data: bytes) -> str:
    """Body paragraphs and tables in document order, as markdown-like text."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds of errors for damaged files
        raise PlanParseError("Không đọc được tệp .docx (tệp hỏng hoặc không đúng định dạng).") from exc
    out: list[str] = []
    _walk(document.element.body, document._body, _Numbering(document), out)
    return "\n".join(out)
