"""Vietnamese date phrases: document dates, task deadlines and reporting deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .model import ParsedDeadline

# "14/8/2023", "05/6", "10-11-2022", "14.8.2023"; the look-arounds keep document numbers
# such as "59/2023/NĐ-CP" from being read as dates.
_NUMERIC = (
    r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?<![\d.\-])(?P<d3>\d{1,2})[.\-](?P<m3>\d{1,2})[.\-](?P<y3>\d{4})(?!\d)"
)
# "05 tháng 6", "ngày 05 tháng 01 năm 2026", "10 tháng 11/2026".
_WORDS = r"(?<![\d/])(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?!\d)(?:\s*(?:năm|/)\s*(?P<y2>\d{4}))?"
DATE_RE = re.compile(f"{_NUMERIC}|{_WORDS}", re.IGNORECASE)

_DEADLINE_WORD = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|hạn(?:\s+chót)?|không\s+quá|"
    r"hạn\s+nộp|nộp\s+trước|gửi\s+trước)\s*(?:ngày)?\s*(?:mùng|mồng)?\s*[:]?\s*$",
    re.IGNORECASE,
)
# The year a period is of ("09 tháng năm 2025", "quý II/2026") belongs to that period: it is no annual report.
_OF_YEAR = r"(?:\s+đầu\s+năm(?:\s+\d{4})?|\s+năm\s+\d{4}|\s+đầu|\s*/\s*\d{4}(?!\d))?"
_PERIOD_RE = re.compile(
    rf"(?P<q>quý\s+(?:IV|III|II|I|[1-4])(?![\w])(?:\s+năm\s+\d{{4}}|\s*/\s*\d{{4}}(?!\d))?)"
    rf"|(?P<h>(?:(?<!\d)0?6|sáu)\s+tháng{_OF_YEAR})"
    rf"|(?P<n>(?:(?<!\d)0?9|chín)\s+tháng{_OF_YEAR})"
    r"|(?P<y>(?<![\w])năm(?![\w]))",
    re.IGNORECASE,
)
# "báo cáo quý trước ngày 20 của tháng cuối quý": one rule for the four quarters.
_QUARTER_RULE = re.compile(
    r"quý[^.;]{0,60}?(?:trước|chậm\s+nhất)\s*(?:ngày\s*)?(\d{1,2})\s*(?:của\s+)?tháng\s+cuối\s+quý",
    re.IGNORECASE,
)
# A bare "năm" after these words is not the annual report ("6 tháng đầu năm", "trong năm").
_NOT_ANNUAL_BEFORE = {"trong", "đầu", "cuối", "của", "mỗi", "giữa"}
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4}

PERIODS: dict[str, tuple[str, tuple[int, int], tuple[int, int]]] = {
    "quy1": ("Báo cáo quý I", (1, 1), (3, 31)),
    "quy2": ("Báo cáo quý II", (4, 1), (6, 30)),
    "6thang": ("Báo cáo 6 tháng", (1, 1), (6, 30)),
    "quy3": ("Báo cáo quý III", (7, 1), (9, 30)),
    "9thang": ("Báo cáo 9 tháng", (1, 1), (9, 30)),
    "quy4": ("Báo cáo quý IV", (10, 1), (12, 31)),
    "canam": ("Báo cáo năm", (1, 1), (12, 31)),
}
PERIOD_ORDER = list(PERIODS)


@dataclass
class DateMatch:
    start: int
    end: int
    day: int
    month: int
    year: int | None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    found = []
    for m in DATE_RE.finditer(text):
        day = m.group("d") or m.group("d2") or m.group("d3")
        month = m.group("m") or m.group("m2") or m.group("m3")
        year = m.group("y") or m.group("y2") or m.group("y3")
        d, mo = int(day), int(month)
        if 1 <= d <= 31 and 1 <= mo <= 12:
            found.append(DateMatch(m.start(), m.end(), d, mo, int(year) if year else None))
    return found


def parse_full_date(text: str) -> dt.date | None:
    """The first complete date (with a year) in ``text``."""
    for m in find_dates(text):
        if m.year:
            value = safe_date(m.year, m.month, m.day)
            if value:
                return value
    return None


def parse_deadline(timing: str, year: int) -> dt.date | None:
    """A task's completion date from a timing phrase such as "Trước 30/6/2026" or "Quý II/2026"."""
    if not timing:
        return None
    dates = find_dates(timing)
    if dates:
        # "Từ 01/3 đến 30/6/2026": the last date is when the task must be done.
        last = dates[-1]
        value = safe_date(last.year or year, last.month, last.day)
        if value:
            return value
    m = re.search(r"tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?", timing, re.IGNORECASE)
    if m and 1 <= int(m.group(1)) <= 12:
        y, mo = int(m.group(2) or year), int(m.group(1))
        return dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.search(r"quý\s+(IV|III|II|I|[1-4])(?![\w])(?:\s*(?:/|năm)\s*(\d{4}))?", timing, re.IGNORECASE)
    if m:
        q = _quarter_number(m.group(1))
        y = int(m.group(2) or year)
        return dt.date(y, q * 3, calendar.monthrange(y, q * 3)[1])
    return None


def _quarter_number(token: str) -> int:
    token = token.upper()
    return _ROMAN_QUARTER.get(token) or int(token)


def period_code(text: str) -> str | None:
    """The reporting period named last in ``text`` ("báo cáo 6 tháng" → "6thang")."""
    code = None
    for m in _PERIOD_RE.finditer(text):
        if m.group("q"):
            numeral = re.split(r"[\s/]+", m.group("q"))[1]
            code = f"quy{_quarter_number(numeral)}"
        elif m.group("h"):
            code = "6thang"
        elif m.group("n"):
            code = "9thang"
        else:
            before = text[: m.start()].split()
            if not before or before[-1].lower() not in _NOT_ANNUAL_BEFORE:
                code = "canam"
    return code


def _period_after(text: str, match: DateMatch) -> str | None:
    """ "… trước ngày 05/6 (báo cáo 6 tháng)": the period may follow the date in the same clause."""
    after = re.split(r"[;.\n]|\d{1,2}\s*/\s*\d{1,2}", text[match.end : match.end + 80])[0]
    m = _PERIOD_RE.search(after)
    return period_code(m.group()) if m else None


def make_deadline(code: str, due: dt.date, year: int) -> ParsedDeadline:
    label, (sm, sd), (em, ed) = PERIODS[code]
    return ParsedDeadline(
        code=code,
        label=label,
        due_date=due,
        period_start=dt.date(year, sm, sd),
        period_end=dt.date(year, em, ed),
    )


def due_date(code: str, match: DateMatch, year: int) -> dt.date | None:
    if match.year:
        return safe_date(match.year, match.month, match.day)
    # An annual report due in January or February is due the following year.
    if code in ("canam", "quy4") and match.month <= 2:
        return safe_date(year + 1, match.month, match.day)
    return safe_date(year, match.month, match.day)


def row_due_date(code: str, timing: str, year: int) -> dt.date | None:
    """The due date in a task-table row that is a periodic report ("Trước 10/9/2025", "Chậm nhất ngày 15/01"):
    the last date of the cell, read as a reporting deadline (an annual report due in January is next year's)."""
    dates = find_dates(timing)
    return due_date(code, dates[-1], year) if dates else None


def find_deadlines(text: str, year: int) -> list[ParsedDeadline]:
    """Reporting deadlines stated in ``text``, one per period, in period order."""
    found: dict[str, ParsedDeadline] = {}
    previous_end = 0
    for match in find_dates(text):
        window = text[max(0, match.start - 40) : match.start]
        if not _DEADLINE_WORD.search(window):
            continue
        # The period is the one named closest before this date, after the previous deadline.
        segment = text[max(previous_end, match.start - 250) : match.start]
        previous_end = match.end
        after = _period_after(text, match)
        code = (after if text[match.end :].lstrip().startswith("(") else None) or period_code(segment) or after
        due = due_date(code, match, year) if code else None
        if code and due and code not in found:
            found[code] = make_deadline(code, due, year)
    rule = _QUARTER_RULE.search(text)
    if rule:
        day = int(rule.group(1))
        for quarter in range(1, 5):
            due = safe_date(year, quarter * 3, day)
            code = f"quy{quarter}"
            if due and code not in found:
                found[code] = make_deadline(code, due, year)
    return sort_deadlines(found.values())


def sort_deadlines(deadlines) -> list[ParsedDeadline]:
    return sorted(deadlines, key=lambda d: PERIOD_ORDER.index(d.code))


_SPAN_RE = re.compile(
    r"(?:tính\s+)?từ\s+(?:ngày\s+)?(?P<a>[^;.]{3,30}?)\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?P<b>[^;]{3,30})"
)


def find_spans(text: str, year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """Data spans the plan states per period ("số liệu báo cáo năm tính từ ngày 15/12/2025 đến ngày 14/12/2026").

    The period is the one named closest before the span. A start without its year that falls after the end
    ("từ ngày 15/12 năm trước đến ngày 14/6", Decree 09/2019's cut-off) is in the year before.
    """
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    previous_end = 0
    for m in _SPAN_RE.finditer(text):
        starts, ends = find_dates(m.group("a")), find_dates(m.group("b"))
        segment = text[max(previous_end, m.start() - 200) : m.start()]
        previous_end = m.end()
        code = period_code(DATE_RE.sub(" ", segment))  # "ngày 05 tháng 6 năm 2026" names no period
        if not (starts and ends and code) or code in spans:
            continue
        first, last = starts[0], ends[0]
        end = safe_date(last.year or year, last.month, last.day)
        start_year = first.year or (end.year if end and (first.month, first.day) <= (end.month, end.day) else year - 1)
        start = safe_date(start_year, first.month, first.day)
        if start and end and start <= end:
            spans[code] = (start, end)
    return spans
