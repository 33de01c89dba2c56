"""State machine over classified lines: header → preamble → I → II → III → recipients → signature."""

from __future__ import annotations

import datetime as dt
import re

from .areas import AreaBuilder, split_heading
from .bodies import clean_body_name
from .dates import find_deadlines, find_spans, make_deadline, parse_deadline, row_due_date, sort_deadlines
from .header import (
    Header,
    add_sign_role,
    apply_header,
    clean_name,
    clean_recipient,
    feed_header,
    looks_like_name,
    parse_place_date,
)
from .legal import find_legal_refs, merge_refs
from .model import ParsedDuty, ParsedPlan, PlanParseError
from .tables import ReportRow, read_task_table
from .text import (
    BULLET,
    DOCTITLE,
    LETTER,
    META,
    NUMBER,
    PARAGRAPH,
    RECIPIENTS,
    SECTION,
    SECTION_ORDER,
    SIGN,
    TABLE,
    Line,
    ends_sentence,
    is_upper,
    join_broken,
    read_lines,
    section_kind,
)

_PREAMBLE_START = re.compile(r"^(?:Căn\s+cứ|Theo|Nhằm|Để|Thực\s+hiện\s+(?:Luật|Nghị|Quyết|Kế|Chỉ|Thông|Công|Hướng))")
_RECIPIENT = re.compile(
    r"(?:gửi\s+(?:về\s+)?|về\s+|cho\s+|đến\s+|tới\s+)"
    r"(?P<r>(?:UBND|Ủy\s+ban|Uỷ\s+ban|Phòng|Văn\s+phòng|Ban|Thường\s+trực|Đảng\s+ủy|Công\s+an)\b[^.;]*)"
)
_VIA = re.compile(
    r"\(\s*(?:qua|thông\s+qua)\s+([^)]+)\)|\b(?:qua|thông\s+qua)\s+((?:Phòng|Văn\s+phòng|Ban)\b[^.;,()]*)",
    re.IGNORECASE,
)

NO_STRUCTURE = (
    "Văn bản không có cấu trúc của một kế hoạch: không tìm thấy các phần "
    "“I. MỤC ĐÍCH, YÊU CẦU”, “II. NỘI DUNG THỰC HIỆN”, “III. TỔ CHỨC THỰC HIỆN”."
)
NO_CONTENT_SECTION = "Không tìm thấy phần “NỘI DUNG THỰC HIỆN” (mục II) của kế hoạch."
NO_ITEMS = "Không tìm thấy nội dung thực hiện nào có nhiệm vụ (kế hoạch có thể bị cắt ngang)."


class _Builder:
    def __init__(self) -> None:
        self.plan = ParsedPlan()
        self.header = Header()
        self.state = "header"  # header, preamble, body, tail, appendix
        self.section = ""
        self.sections: list[str] = []
        self.named_sections = 0  # sections recognised by their wording, not just a roman numeral
        self.title_pending = False
        self.title_upper = False
        self.areas = AreaBuilder(self.plan)
        self.intro_target = self.plan.purposes
        self.org_mode = ""  # in section III: duty, report or skip
        self.duty: ParsedDuty | None = None
        self.duty_paragraphs: list[str] = []
        self.report_paragraphs: list[str] = []
        self.other_text: list[str] = []
        self.table: list[Line] = []
        self.table_reports: list[ReportRow] = []
        self.recipients_mode = False
        self.signed = False

    # -- dispatch ------------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        if line.kind == TABLE:
            if self.table and self.table[0].table != line.table:
                self.flush_table()
            self.table.append(line)
            return
        self.flush_table()
        if self.state == "preamble" and self._title_line(line):
            return
        if self.state in ("tail", "appendix") or (self.state == "body" and line.kind in (RECIPIENTS, SIGN)):
            self._tail(line)
        elif line.kind == SECTION and self._enter_section(line):
            return
        elif self.state == "header":
            self._header(line)
        elif self.state == "preamble":
            self._preamble(line)
        elif self.section == "I":
            self._intro(line)
        elif self.section == "II":
            self.areas.feed(line)
        elif self.section == "III":
            self._organisation(line)
        elif self.section == "REPORT":
            self.report_paragraphs.append(line.text)
        else:
            self.other_text.append(line.text)

    def _enter_section(self, line: Line) -> bool:
        kind = line.section
        # An unnumbered capitalised line only opens a later section ("NỘI DUNG" inside II doesn't).
        later = SECTION_ORDER.get(kind, 4) > SECTION_ORDER.get(self.section, 0)
        if self.state == "body" and not line.label and not later:
            return self.section == kind
        self._leave_section()
        self.section = kind
        self.sections.append(kind)
        self.named_sections += bool(section_kind(line.body))
        self.state = "appendix" if kind == "APPENDIX" else "body"
        return True

    def _leave_section(self) -> None:
        self.areas.close()
        self._close_duty()
        self.org_mode = ""

    # -- header and preamble -----------------------------------------------------------------------

    def _header(self, line: Line) -> None:
        if line.kind == DOCTITLE:
            self._set_title(line)
            self.state = "preamble"
        elif not feed_header(self.header, line.text):
            self.state = "preamble"
            self._preamble(line)

    def _set_title(self, line: Line) -> None:
        title = line.body.strip(" :.-–")
        self.plan.title = title
        self.title_pending = not title

    def _title_line(self, line: Line) -> bool:
        """Lines right after a bare "KẾ HOẠCH" (or an all-caps title) that carry the title."""
        text = line.text.strip(" .")
        if self.title_pending:
            self.title_pending = False
            if (
                line.kind in (PARAGRAPH, SECTION)
                and not _PREAMBLE_START.match(text)
                and len(text) <= 250
                and not find_legal_refs(text)
                and not (line.kind == SECTION and line.label)
            ):
                self.plan.title, self.title_upper = text, is_upper(text)
                return True
        elif self.title_upper and is_upper(text) and not line.blank_before and not line.label:
            self.plan.title = f"{self.plan.title} {text}"
            return True
        self.title_upper = False
        return False

    def _preamble(self, line: Line) -> None:
        if line.kind == DOCTITLE and not self.plan.title:
            self._set_title(line)
        elif not self.header.found_date and parse_place_date(line.text):
            feed_header(self.header, line.text)
        elif line.kind in (PARAGRAPH, META, NUMBER) and not re.match(r"^Số\s*:", line.text):
            self.plan.preamble.append(line.text)
        elif line.kind in (BULLET, LETTER):
            self.plan.preamble.append(line.body)

    # -- sections I and III ----------------------------------------------------------------------

    def _intro(self, line: Line) -> None:
        if line.kind == NUMBER:
            heading, inline = split_heading(line.body)
            lowered = heading.lower()
            if "yêu cầu" in lowered and "mục đích" not in lowered:
                self.intro_target = self.plan.requirements
            elif "mục đích" in lowered or line.label.startswith("1"):
                self.intro_target = self.plan.purposes
            else:
                self.intro_target = self.plan.requirements
            if inline:
                self.intro_target.append(inline)
            return
        self.intro_target.append(line.body if line.kind in (LETTER, BULLET) else line.text)

    def _organisation(self, line: Line) -> None:
        if line.kind == NUMBER and "." not in line.label:
            self._close_duty()
            heading, inline = split_heading(line.body)
            lowered = heading.lower()
            # "2. Các đơn vị gửi báo cáo … trước ngày 05/6 …": a whole sentence, not a heading.
            sentence = not inline and (len(heading) > 90 or line.body.rstrip().endswith("."))
            if sentence and find_deadlines(line.body, 2000):
                self.org_mode = "report"
                self.report_paragraphs.append(line.body)
            elif "báo cáo" in lowered and not sentence:
                self.org_mode = "report"
                self.report_paragraphs += [inline] if inline else []
            elif re.search(r"kinh phí|khen thưởng|hiệu lực", lowered):
                self.org_mode = "skip"
            elif sentence:
                self._open_duty(line.label, _subject(heading), line.body, line.no)
            else:
                self._open_duty(line.label, heading, inline, line.no)
            return
        if self.org_mode == "report":
            self.report_paragraphs.append(line.text)
        elif self.org_mode == "duty":
            self.duty_paragraphs.append(line.text)
        elif line.kind in (BULLET, LETTER) and split_heading(line.body)[1] and len(split_heading(line.body)[0]) <= 100:
            heading, inline = split_heading(line.body)  # "- Phòng Văn hóa – Xã hội: chủ trì …"
            self._open_duty(str(len(self.plan.duties) + 1), heading, inline, line.no)
            self.org_mode = ""
            self._close_duty()
        elif line.kind == PARAGRAPH and line.emphasised and len(line.text) <= 100 and not ends_sentence(line.text):
            self._open_duty(str(len(self.plan.duties) + 1), line.text, "", line.no)
        else:
            self.other_text.append(line.text)

    def _open_duty(self, number: str, heading: str, inline: str, line_no: int) -> None:
        self._close_duty()
        self.duty = ParsedDuty(number=number, heading=heading, body_name=clean_body_name(heading), line=line_no)
        self.duty_paragraphs = [inline] if inline else []
        self.org_mode = "duty"

    def _close_duty(self) -> None:
        if self.duty is not None:
            self.duty.text = "\n\n".join(self.duty_paragraphs)
            self.plan.duties.append(self.duty)
        self.duty, self.duty_paragraphs = None, []

    # -- tables, recipients, signature -----------------------------------------------------------

    def flush_table(self) -> None:
        if not self.table:
            return
        rows, self.table = self.table, []
        table = read_task_table(rows)
        self.table_reports += table.reports
        if self.state == "body" and self.section == "III":
            self._close_duty()
            for item in table.items:
                for body in item.lead_bodies or [""]:
                    self.plan.duties.append(
                        ParsedDuty(str(len(self.plan.duties) + 1), body, clean_body_name(body), item.text, item.line)
                    )
        elif self.state == "body" and self.section == "I":
            self.intro_target += [item.text for item in table.items]
        elif table.items:
            self.areas.add_table(table)

    def _tail(self, line: Line) -> None:
        if self.state == "body":
            self._leave_section()
            self.state = "tail"
        if line.kind == SECTION and line.section == "APPENDIX":
            self.state = "appendix"
        if self.state == "appendix":
            if line.kind not in (RECIPIENTS, SIGN):
                return
            # Some plans put the appendix before "Nơi nhận" and the signature: the tail starts here.
            self.state = "tail"
        signature = self.plan.signature
        if line.kind == RECIPIENTS:
            self.recipients_mode = True
            if line.body:
                self._recipient(line.body)
        elif line.kind == SIGN:
            self.signed = True
            add_sign_role(signature, line.text)
        elif line.kind == BULLET and self.recipients_mode:
            # Two columns read line by line interleave recipients with the signature block.
            self._recipient(line.body)
        elif self.signed and not signature.name and looks_like_name(line.text):
            signature.name = clean_name(line.text)
        elif (
            self.recipients_mode
            and line.kind in (PARAGRAPH, META, LETTER)
            and len(line.text) <= 150
            and (not self.signed or signature.name)
        ):
            self._recipient(line.text)

    def _recipient(self, text: str) -> None:
        text = clean_recipient(text)
        if text:
            self.plan.recipients.append(text)

    # -- the end -----------------------------------------------------------------------------------

    def finish(self, source: str, year: int | None) -> ParsedPlan:
        self.flush_table()
        self._leave_section()
        plan = self.plan
        self._check_structure()
        apply_header(plan, self.header, source)
        if is_upper(plan.title):
            plan.title = _sentence_case(plan.title, plan.commune_name)
        plan.year = year or self._plan_year(source)
        for item in plan.items:
            if item.timing and item.deadline is None:
                item.deadline = parse_deadline(item.timing, plan.year)
        self._reporting()
        plan.legal_bases = merge_refs(
            [find_legal_refs(p, in_preamble=True) for p in plan.preamble]
            + [find_legal_refs(f"{i.text}\n{i.basis}") for i in plan.items]
        )
        self._warn()
        return plan

    def _check_structure(self) -> None:
        plan = self.plan
        # Roman numerals alone ("I. INTRODUCTION") do not make a plan.
        if not self.named_sections and not plan.title:
            raise PlanParseError(NO_STRUCTURE)
        if not plan.areas and "II" not in self.sections:
            raise PlanParseError(NO_CONTENT_SECTION, part="II")
        if not any(area.items for area in plan.areas):
            raise PlanParseError(NO_ITEMS, part="II")

    def _plan_year(self, source: str) -> int:
        plan = self.plan
        m = re.search(r"năm\s+(\d{4})", plan.title, re.IGNORECASE)
        if m:
            return int(m.group(1))
        if plan.date_year:
            # A plan drafted in December is for the coming year.
            return plan.date_year + 1 if plan.date_month == 12 else plan.date_year
        years = [int(y) for y in re.findall(r"năm\s+(\d{4})", source)]
        if years:
            return max(years)
        plan.warnings.append("Không xác định được năm của kế hoạch; tạm dùng năm hiện tại.")
        return dt.date.today().year

    def _reporting(self) -> None:
        plan = self.plan
        text = "\n\n".join(p for p in self.report_paragraphs if p)
        plan.reporting_text = re.sub(r"\s*\./\.\s*$", ".", text).strip()
        deadlines = {d.code: d for d in find_deadlines(plan.reporting_text, plan.year)}
        if not deadlines:
            # No reporting subsection: the regime may sit in a duty or in loose text of section III.
            paragraphs = [p for d in plan.duties for p in d.text.split("\n\n")] + self.other_text
            found = [p for p in paragraphs if find_deadlines(p, plan.year)]
            if found:
                plan.reporting_text = "\n\n".join(found)
                deadlines = {d.code: d for d in find_deadlines(plan.reporting_text, plan.year)}
        for row in self.table_reports:
            due = row_due_date(row.code, row.timing, plan.year)
            if due and row.code not in deadlines:
                deadlines[row.code] = make_deadline(row.code, due, plan.year)
        if self.table_reports and not plan.reporting_text:
            plan.reporting_text = "\n".join(f"{r.text}: {r.timing}" for r in self.table_reports)
        # A span the plan states ("số liệu tính từ ngày … đến ngày …") replaces the calendar one.
        for code, (start, end) in find_spans(plan.reporting_text, plan.year).items():
            if code in deadlines:
                deadlines[code].period_start, deadlines[code].period_end = start, end
        plan.deadlines = sort_deadlines(deadlines.values())
        m = _RECIPIENT.search(plan.reporting_text)
        if m:
            recipient = re.split(r"\s+(?:để|trước|chậm\s+nhất|theo)\s+", m.group("r"))[0]
            plan.reporting_recipient = recipient.strip(" ,")
            via = _VIA.search(recipient)
            plan.reporting_via = (via.group(1) or via.group(2)).strip() if via else ""

    def _warn(self) -> None:
        plan = self.plan
        warnings = plan.warnings
        if not plan.title:
            warnings.append("Không tìm thấy tên văn bản “KẾ HOẠCH …”.")
        for area in plan.areas:
            if not area.items:
                warnings.append(f"Dòng {area.line}: nội dung {area.number} không có nhiệm vụ nào.")
        if not plan.deadlines:
            warnings.append("Không tìm thấy thời hạn báo cáo định kỳ (6 tháng, 9 tháng, năm) trong kế hoạch.")
        if not plan.recipients:
            warnings.append("Không tìm thấy danh sách “Nơi nhận”.")
        signature = plan.signature
        if not (signature.authority or signature.position or signature.name):
            warnings.append("Không tìm thấy phần ký (thẩm quyền, chức vụ, họ tên người ký).")
        elif not signature.name:
            warnings.append("Không tìm thấy họ tên người ký.")


_VERBS = re.compile(
    r"\s+(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|tham\s+mưu|thực\s+hiện|tổ\s+chức"
    r"|theo\s+dõi|hướng\s+dẫn|triển\s+khai|căn\s+cứ|chủ\s+động)\b",
    re.IGNORECASE,
)


def _subject(sentence: str) -> str:
    """The body a duty sentence is about: "Giao Phòng Văn hóa – Xã hội chủ trì …" → "Phòng Văn hóa – Xã hội"."""
    m = _VERBS.search(sentence)
    return clean_body_name(sentence[: m.start()] if m else sentence)


def _sentence_case(title: str, commune: str) -> str:
    """ "THỰC HIỆN DÂN CHỦ … XÃ CẨM GIANG NĂM 2026" → "Thực hiện dân chủ … xã Cẩm Giang năm 2026"."""
    title = title[:1] + title[1:].lower()
    if commune:
        title = re.sub(re.escape(commune.lower()), commune, title)
    return title


def parse_plan(text: str, *, year: int | None = None) -> ParsedPlan:
    """Parse the text of a commune's grassroots-democracy plan; raise PlanParseError if it isn't one."""
    if not text or not text.strip():
        raise PlanParseError("Tệp trống.")
    builder = _Builder()
    lines = join_broken(read_lines(text))
    for line in lines:
        builder.feed(line)
    return builder.finish("\n".join(line.text for line in lines), year)
