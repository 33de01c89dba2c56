"""What a report paper says, apart from its Decree-30 frame (documents.OfficialPaper): its opening
paragraphs, its numbered sections of plain-text paragraphs, and its appendix tables.

One structure for every renderer: the PDF (documents/base.html with documents/_sections.html) and the
editable .docx (camgiang_portal.docx_paper) print the same content, so a superior who asks for Word gets the
paper leadership signed, not a second report. Shared infrastructure: it imports no app.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PaperSection:
    number: str  # "I", "II" for a part (level 1); "1", "2" for a sub-section (level 2); "" unnumbered
    title: str
    level: int  # 1 or 2
    paragraphs: tuple[str, ...] = ()  # plain text, one paragraph each, already whitespace-collapsed

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class PaperTable:
    """An appendix table: a title, the header row and the body rows, every cell already formatted as text."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # a line under the table ("Cùng kỳ: số liệu kỳ báo cáo tương ứng năm 2025")


@dataclass(frozen=True)
class PaperContent:
    subtitle: str = ""  # a line under the title: "Số liệu tính từ ngày 01/01/2026 đến ngày 30/6/2026."
    intro: tuple[str, ...] = ()  # the basis and the opening, before the first section
    sections: tuple[PaperSection, ...] = ()
    appendix: tuple[PaperTable, ...] = field(default_factory=tuple)
