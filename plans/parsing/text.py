"""Line reader: normalises plan text, strips markdown, classifies lines and re-joins broken paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Line kinds.
PARAGRAPH = "paragraph"
SECTION = "section"  # I., II., "NỘI DUNG VÀ GIẢI PHÁP"
DOCTITLE = "doctitle"  # "KẾ HOẠCH …"
NUMBER = "number"  # "1.", "1.2", "Nội dung 1:"
LETTER = "letter"  # "a)", "đ."
BULLET = "bullet"  # "- ", "+ ", "• "
META = "meta"  # "Cơ quan chủ trì: …", "Thời gian: …"
TABLE = "table"  # a row of a task table
RECIPIENTS = "recipients"  # "Nơi nhận:"
SIGN = "sign"  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"

ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
SECTION_ORDER = {"I": 1, "II": 2, "III": 3, "REPORT": 4, "OTHER": 4, "APPENDIX": 9}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2002\u2003\u2009]")
_RULE = re.compile(r"[-_=*~.·…\u2013\u2014]{3,}")
_HASHES = re.compile(r"^#{1,6}(?:\s+|$)")
_HTML = re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub|mark|font|div|p)\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*{2,3}|(?<!\w)__|__(?!\w)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TERMINAL = re.compile(r"(?:[.;:!?…]|\./\.)[\"'”’)\]»]*$")

_RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(.*)$", re.IGNORECASE)
_SIGN_PREFIX = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q)\.|(?:TM|KT)\s)\s*(.+)$")
_POSITIONS = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|TRƯỞNG\s+BAN|BÍ\s+THƯ|TRƯỞNG\s+PHÒNG|CHÁNH\s+VĂN\s+PHÒNG|GIÁM\s+ĐỐC)$"
)
_ROMAN_HEAD = re.compile(r"^(?:(?:PHẦN|Phần)\s+)?(X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.\-–—:)]\s*(\S.*)$")
_ALPHA_HEAD = re.compile(r"^([A-E])\s*[.)]\s+(\S.*)$")
_DOC_TITLE = re.compile(r"^KẾ\s+HOẠCH(?![^\W\d_])\s*[:.\-–]?\s*(.*)$")
_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){0,3})(?:(\s*(?:[.)]|/(?=\s))\s*)|(\s*[:\-–]\s+)|(\s+))(.*)$")
_NAMED_NUMBER = re.compile(r"^(?:Nội\s+dung|Nhiệm\s+vụ)\s+(\d{1,2})\s*[:.\-–]\s*(.*)$", re.IGNORECASE)
_LETTER_RE = re.compile(r"^\(?([a-zđ])(?:\)\s*|[./]\s+)(\S.*)$")
_BULLET_RE = re.compile(r"^(?:[-+•–—−●▪◦·■□➢►✓❖]|\*(?=\s))\s*(\S.*)$")
_LABEL_ONLY = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]+)[.)]?|[-+•–—*]")
PLACE_DATE = re.compile(r"^(?P<place>[^\d,:;()]{2,50}?)\s*,\s*ngày\b\s*(?P<rest>.*)$", re.IGNORECASE)
MOTTO = re.compile(r"^(?:CỘNG\s+H[OÒ]A\s+XÃ\s+HỘI|Độc\s+lập\s*[-–—]\s*Tự\s+do)", re.IGNORECASE)
NUMBER_LINE = re.compile(r"^Số\s*:", re.IGNORECASE)

_SECTION_KEYWORDS = [
    ("APPENDIX", r"^phụ\s+lục"),
    ("III", r"tổ\s+chức\s+thực\s+hiện"),
    ("REPORT", r"báo\s+cáo"),
    ("I", r"mục\s+đích|yêu\s+cầu"),
    ("II", r"nội\s+dung|nhiệm\s+vụ|giải\s+pháp"),
    ("OTHER", r"kinh\s+phí|khen\s+thưởng|điều\s+khoản|hiệu\s+lực"),
]

_META_FIELDS = [
    ("coord", r"(?:(?:cơ\s+quan|đơn\s+vị|cơ\s+quan,?\s+đơn\s+vị|bộ\s+phận)\s+)?phối\s+hợp(?:\s+thực\s+hiện)?"),
    (
        "lead",
        r"(?:(?:cơ\s+quan|đơn\s+vị|cơ\s+quan,?\s+đơn\s+vị|bộ\s+phận|người)\s+"
        r"(?:chủ\s+trì|thực\s+hiện|tham\s+mưu|chịu\s+trách\s+nhiệm|phụ\s+trách)(?:\s+(?:thực\s+hiện|chính))?"
        r"|chủ\s+trì(?:\s+thực\s+hiện)?|trách\s+nhiệm(?:\s+thực\s+hiện)?|phân\s+công(?:\s+thực\s+hiện)?)",
    ),
    ("timing", r"(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?"),
    ("basis", r"(?:căn\s+cứ(?:\s+(?:pháp\s+lý|thực\s+hiện))?|cơ\s+sở\s+pháp\s+lý)"),
]
_KEY_ALT = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _META_FIELDS)
_META_START = re.compile(rf"^(?:{_KEY_ALT})\s*(?::\s*|$)", re.IGNORECASE)
META_NEXT = re.compile(rf"(?:[;.]\s+|\s+-\s+|,\s+|\(\s*)(?:{_KEY_ALT})\s*:\s*", re.IGNORECASE)
_CONTENT_KEY = re.compile(
    r"(?:nội\s+dung|nhiệm\s+vụ|giải\s+pháp|các\s+nhiệm\s+vụ)(?:[\s,]+(?:và\s+)?"
    r"(?:thực\s+hiện|cụ\s+thể|công\s+việc|trọng\s+tâm|nhiệm\s+vụ|giải\s+pháp|chủ\s+yếu))*",
    re.IGNORECASE,
)

# Task-table columns, checked in this order ("Thời gian thực hiện" is timing, not the lead body).
_COLUMNS = [
    ("stt", r"^(?:stt|tt|số\s*tt|số\s+thứ\s+tự)$"),
    ("coord", r"phối\s*hợp"),
    ("timing", r"thời\s*gian|thời\s*hạn|tiến\s*độ|hoàn\s*thành"),
    ("basis", r"căn\s*cứ|cơ\s*sở\s+pháp|văn\s*bản"),
    ("text", r"nhiệm\s*vụ|nội\s*dung|công\s*việc|hoạt\s*động"),
    ("lead", r"chủ\s*trì|thực\s*hiện|phụ\s*trách|trách\s*nhiệm|cơ\s*quan|đơn\s*vị"),
    ("note", r"ghi\s*chú|sản\s*phẩm|kết\s*quả"),
]


@dataclass
class Line:
    no: int
    text: str
    kind: str = PARAGRAPH
    label: str = ""
    body: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    section: str = ""
    emphasised: bool = False
    blank_before: bool = False
    cells: list[str] = field(default_factory=list)
    table: int = 0
    tail: int = 0  # length of the last physical line, to spot hard-wrapped paragraphs


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    return _SPACES.sub(" ", text)


def strip_markdown(raw: str) -> tuple[str, bool]:
    """Remove markdown markup; say whether the line was a heading or started bold."""
    text = raw.strip()
    emphasised = bool(_HASHES.match(text))
    text = _HASHES.sub("", text)
    text = re.sub(r"^>\s?", "", text)
    emphasised = emphasised or text.startswith(("**", "__"))
    text = _HTML.sub("", text)
    text = _BOLD.sub("", text)
    text = _ITALIC.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip(), emphasised


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def is_sign_role(text: str) -> bool:
    text = text.strip(" :")
    m = _SIGN_PREFIX.match(text)
    return bool(m and is_upper(m.group(1))) or bool(_POSITIONS.match(text))


def is_header_like(text: str) -> bool:
    """Lines of the document header: agency names, "Số: …", the motto, "Cẩm Giang, ngày …"."""
    return bool(
        is_upper(text)
        or NUMBER_LINE.match(text)
        or MOTTO.match(text)
        or is_place_date(text)
        or text.lower().startswith(("v/v", "(kèm theo", "kèm theo"))
    )


def is_place_date(text: str) -> bool:
    """ "Cẩm Giang, ngày 05 tháng 01 năm 2026": the line ends with the year."""
    return bool(PLACE_DATE.match(text) and re.search(r"\d{4}\s*\.?$", text))


def section_kind(title: str, roman: str = "") -> str | None:
    for kind, pattern in _SECTION_KEYWORDS:
        if re.search(pattern, title, re.IGNORECASE):
            return kind
    return {1: "I", 2: "II", 3: "III"}.get(ROMAN_VALUES.get(roman, 0), "OTHER" if roman else None)


def is_content_key(text: str) -> bool:
    return bool(_CONTENT_KEY.fullmatch(text.strip(" :.")))


def parse_meta(body: str) -> list[tuple[str, str]]:
    """Split "Cơ quan chủ trì: A; phối hợp: B" into [("lead", "A"), ("coord", "B")]."""
    if is_content_key(body):
        return [("content", "")]
    content = re.match(rf"^(?:{_CONTENT_KEY.pattern})\s*:\s*(\S.*)$", body, re.IGNORECASE)
    if content:
        return [("content", content.group(1).strip())]
    m = _META_START.match(body)
    if not m:
        return []
    fields = []
    name, pos = m.lastgroup, m.end()
    for nxt in META_NEXT.finditer(body, pos):
        fields.append((name, body[pos : nxt.start()]))
        name, pos = nxt.lastgroup, nxt.end()
    fields.append((name, body[pos:]))
    return [(n, _clean_value(v)) for n, v in fields]


def _clean_value(value: str) -> str:
    value = value.strip(" ;,(")
    # "(Chủ trì: …; thời gian: Quý III/2026)." leaves an unmatched ")" on the last value.
    while value.endswith((")", ").")) and value.count(")") > value.count("("):
        value = value[: value.rindex(")")].rstrip(" ;,")
    return value


def column_map(cells: list[str]) -> dict[str, int]:
    """Column roles of a task table's header row; empty unless it names a task column and another."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = strip_markdown(cell)[0].lower()
        for role, pattern in _COLUMNS:
            if text and role not in roles and re.search(pattern, text):
                roles[role] = index
                break
    return roles if "text" in roles and len(roles) >= 2 else {}


def _section(text: str) -> tuple[str, str, str] | None:
    m = _ROMAN_HEAD.match(text)
    if m and len(m.group(2)) <= 160:
        return m.group(1), m.group(2), section_kind(m.group(2), m.group(1)) or "OTHER"
    m = _ALPHA_HEAD.match(text)
    if m and is_upper(m.group(2)) and section_kind(m.group(2)):
        return m.group(1), m.group(2), section_kind(m.group(2))
    if is_upper(text) and len(text) <= 80 and section_kind(text):
        return "", text, section_kind(text)
    return None


def _number(text: str) -> tuple[str, str] | None:
    m = _NAMED_NUMBER.match(text)
    if m:
        return m.group(1), m.group(2)
    m = _NUMBER_RE.match(text)
    if not m:
        return None
    label, body = m.group(1), m.group(5).strip()
    if m.group(4) is not None and ("." not in label and not body[:1].isupper()):
        return None  # "5 năm qua" is a sentence, "1.2 Cơ quan thực hiện" a heading
    if not body and m.group(2) is None:
        return None
    return label, body


def classify(no: int, text: str, emphasised: bool = False) -> Line:
    line = Line(no=no, text=text, emphasised=emphasised, body=text, tail=len(text))
    if m := _RECIPIENTS_RE.match(text):
        line.kind, line.body = RECIPIENTS, m.group(1)
    elif is_sign_role(text):
        line.kind = SIGN
    elif section := _section(text):
        line.kind, (line.label, line.body, line.section) = SECTION, section
    elif m := _DOC_TITLE.match(text):
        line.kind, line.body = DOCTITLE, m.group(1)
    elif number := _number(text):
        line.kind, (line.label, line.body) = NUMBER, number
        line.meta = parse_meta(line.body)
    elif m := _LETTER_RE.match(text):
        line.kind, line.label, line.body = LETTER, m.group(1), m.group(2)
    elif m := _BULLET_RE.match(text):
        line.kind, line.label, line.body = BULLET, text[0], m.group(1)
        line.meta = parse_meta(line.body)
        if line.meta:
            line.kind = META
    elif meta := parse_meta(text):
        line.kind, line.meta = META, meta
    return line


def split_cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)]


def _split_layout(raw: str) -> list[str]:
    """Two columns on one line ("ỦY BAN NHÂN DÂN      CỘNG HÒA …") become two lines."""
    text = raw.strip()
    parts: list[str] = []
    for part in re.split(r"\t+|\s{3,}", text):
        # "Số:     /KH-UBND" and "ngày     tháng 12" are blanks to fill in, not column gaps.
        if parts and part[:1] and (part[0].islower() or part[0] in "/.…_" or part[0].isdigit()):
            parts[-1] = f"{parts[-1]} {part}"
        elif part.strip():
            parts.append(part)
    if len(parts) < 2 or _LABEL_ONLY.fullmatch(strip_markdown(parts[0])[0]):
        return [text]
    cleaned = [strip_markdown(p)[0] for p in parts]
    layout = any(is_header_like(p) or is_sign_role(p) or _RECIPIENTS_RE.match(p) for p in cleaned)
    return parts if layout and all(len(p) <= 90 for p in cleaned) else [text]


def _is_table_row(text: str) -> bool:
    return text.startswith("|") and text.count("|") >= 2


def _is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?|", c) for c in cells) and any(cells)


def _table_lines(rows: list[tuple[int, str]], blank: bool, table_no: int) -> list[Line]:
    parsed = [(no, split_cells(row)) for no, row in rows]
    parsed = [(no, cells) for no, cells in parsed if not _is_separator(cells)]
    widest = max((len(cells) for _, cells in parsed), default=0)
    if any(column_map(cells) for _, cells in parsed[:3]) or widest >= 3:
        return [
            Line(no=no, text=" | ".join(cells), kind=TABLE, cells=cells, table=table_no, blank_before=True)
            for no, cells in parsed
        ]
    # A layout table (the header or the signature block): its cells are ordinary lines.
    lines = []
    for no, cells in parsed:
        for cell in cells:
            for piece in _BR.split(cell):
                text, emphasised = strip_markdown(piece)
                if text:
                    line = classify(no, text, emphasised)
                    line.blank_before = True
                    lines.append(line)
    return lines


def read_lines(text: str) -> list[Line]:
    """Classified non-blank lines; blank lines only set ``blank_before`` on the next line."""
    lines: list[Line] = []
    blank = True
    rows: list[tuple[int, str]] = []
    tables = 0
    for no, raw in enumerate(normalise_text(text).split("\n"), 1):
        stripped = raw.strip()
        if _is_table_row(stripped):
            rows.append((no, stripped))
            continue
        if rows:
            tables += 1
            lines += _table_lines(rows, blank, tables)
            rows, blank = [], True
        if not stripped or _RULE.fullmatch(stripped.replace(" ", "")):
            blank = True
            continue
        for part in _split_layout(raw):
            for piece in _BR.split(part):
                clean, emphasised = strip_markdown(piece)
                if clean:
                    line = classify(no, clean, emphasised)
                    line.blank_before = blank
                    blank = False
                    lines.append(line)
    if rows:
        lines += _table_lines(rows, blank, tables + 1)
    return lines


def _continues(prev: Line, line: Line) -> bool:
    """Whether ``line`` carries on ``prev`` (a page break or a hard-wrapped line)."""
    if prev.kind not in (PARAGRAPH, LETTER, BULLET, META, NUMBER, DOCTITLE):
        return False
    if (prev.kind == PARAGRAPH and is_header_like(prev.text)) or is_header_like(line.text):
        return False
    if line.text[0].islower() and not line.blank_before:
        # A wrapped line may break after ";" or ",", but a new sentence starts with a capital.
        return not prev.text.rstrip().endswith((".", "!", "?"))
    if ends_sentence(prev.text):
        return False
    if line.text[0].islower():
        return True
    # A capitalised line only continues a long line broken mid-sentence, with no blank between.
    return not line.blank_before and prev.kind in (PARAGRAPH, LETTER, BULLET) and prev.tail >= 60


def _wrapped_dash(prev: Line, line: Line) -> bool:
    """ "… các tổ chức chính trị" / "- xã hội …": a hard wrap that happened to start with a dash."""
    return (
        line.kind == BULLET
        and line.label == "-"
        and not line.blank_before
        and line.body[:1].islower()
        and prev.kind in (PARAGRAPH, LETTER, BULLET)
        and prev.tail >= 60
        and not ends_sentence(prev.text)
    )


def join_broken(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev and ((line.kind == PARAGRAPH and _continues(prev, line)) or _wrapped_dash(prev, line)):
            # "05/QĐ-" + "UBND": a word broken at its hyphen is joined without a space.
            glue = "" if re.search(r"\S-$", prev.text) and not line.blank_before else " "
            joined = classify(prev.no, f"{prev.text}{glue}{line.text}", prev.emphasised)
            joined.blank_before, joined.tail = prev.blank_before, line.tail
            out[-1] = joined
        else:
            out.append(line)
    return out
