"""Task tables (STT | Nhiệm vụ | Cơ quan chủ trì | Phối hợp | Thời gian | Căn cứ) read into items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bodies import split_body_list
from .dates import find_dates, period_code
from .model import ParsedItem
from .text import ROMAN_VALUES, Line, column_map, is_upper, strip_markdown

# Without a header row the usual column order is assumed.
_POSITIONAL = ["stt", "text", "lead", "coord", "timing", "basis"]
_REPORT_ROW = re.compile(
    r"^(?:(?:xây\s+dựng|tổng\s+hợp|lập|gửi|nộp|thực\s+hiện(?:\s+chế\s+độ)?)[\s,]+)*báo\s+cáo", re.IGNORECASE
)
_NUMBERING_ROW = re.compile(r"\(?\d{1,2}\)?|")


@dataclass
class TableGroup:
    number: str
    title: str
    line: int
    bodies: str = ""
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ReportRow:
    text: str
    timing: str
    code: str
    line: int


@dataclass
class TaskTable:
    loose: list[ParsedItem] = field(default_factory=list)  # rows before any group row
    groups: list[TableGroup] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    line: int = 0

    @property
    def items(self) -> list[ParsedItem]:
        return self.loose + [item for group in self.groups for item in group.items]


def _cell(cells: list[str], cols: dict[str, int], role: str) -> tuple[str, bool]:
    """A cell's text (line breaks kept as "\n") and whether it was entirely bold."""
    index = cols.get(role)
    if index is None or index >= len(cells):
        return "", False
    raw = cells[index].strip()
    bold = raw.startswith("**") and raw.endswith("**") and len(raw) > 4
    pieces = [strip_markdown(p)[0] for p in re.split(r"<br\s*/?>|\n", raw, flags=re.IGNORECASE)]
    return "\n".join(p for p in pieces if p), bold


def _group_number(stt: str, running: int) -> str:
    stt = stt.strip(" .)")
    if stt in ROMAN_VALUES:
        return str(ROMAN_VALUES[stt])
    if re.fullmatch(r"[A-Z]", stt):
        return str(ord(stt) - ord("A") + 1)
    return stt if stt.isdigit() else str(running)


def _merged_group(row: dict[str, str]) -> tuple[str, str] | None:
    """A group row whose one merged cell sits in the STT column: "I. CÔNG TÁC LÃNH ĐẠO"."""
    stt = row["stt"]
    if row["text"] or len(stt) <= 6 or any(row[r] for r in ("lead", "coord", "timing", "basis")):
        return None
    m = re.match(r"^(X|IX|VIII|VII|VI|V|IV|III|II|I|[A-Z]|\d{1,2})\s*[.):\-–]\s*(\S.*)$", stt)
    return (m.group(1), m.group(2)) if m else ("", stt)


def _is_group(row: dict[str, str], bold: bool, next_stt: str) -> bool:
    stt, text = row["stt"].strip(" .)"), row["text"]
    if not text or any(row[r] for r in ("coord", "timing", "basis")):
        return False
    if stt in ROMAN_VALUES or re.fullmatch(r"[A-Z]", stt):
        return True
    if row["lead"]:
        return False
    if bold or (not stt and is_upper(text)):
        return True
    # "| 1 | Tăng cường … |" followed by "| 1.1 | … |" heads a group.
    return bool(stt.isdigit() and next_stt.startswith(stt + "."))


def read_task_table(rows: list[Line]) -> TaskTable:
    table = TaskTable(line=rows[0].no if rows else 0)
    cols, start = {}, 0
    for index, row in enumerate(rows[:3]):
        cols = column_map(row.cells)
        if cols:
            start = index + 1
            break
    if not cols:
        cols = {role: i for i, role in enumerate(_POSITIONAL)}
    data = [r for r in rows[start:] if not all(_NUMBERING_ROW.fullmatch(c.strip()) for c in r.cells)]
    group: TableGroup | None = None
    for index, line in enumerate(data):
        values = {}
        bold = False
        for role in ("stt", "text", "lead", "coord", "timing", "basis"):
            values[role], is_bold = _cell(line.cells, cols, role)
            bold = bold or (is_bold and role in ("stt", "text"))
        next_stt = _cell(data[index + 1].cells, cols, "stt")[0] if index + 1 < len(data) else ""
        merged = _merged_group(values)
        if merged:
            values["stt"], values["text"] = merged
        if _is_group(values, bold, next_stt):
            number = _group_number(values["stt"], len(table.groups) + 1)
            group = TableGroup(number, values["text"].replace("\n", " "), line.no, values["lead"])
            table.groups.append(group)
            continue
        text = values["text"]
        if not text:
            continue
        timing = values["timing"].replace("\n", " ")
        code = period_code(text)
        if _REPORT_ROW.match(text) and code and find_dates(timing):
            # A periodic report is the reporting regime, not a task.
            table.reports.append(ReportRow(text, timing, code, line.no))
            continue
        item = ParsedItem(
            label="",
            text=text,
            lead_bodies=split_body_list(values["lead"]),
            coordinating_bodies=split_body_list(values["coord"]),
            timing=timing,
            basis=values["basis"].replace("\n", "; "),
            line=line.no,
        )
        (group.items if group else table.loose).append(item)
    return table
