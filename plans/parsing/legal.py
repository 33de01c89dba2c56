"""Recognises references to legal documents ("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import safe_date
from .model import LegalRef

_TYPES = {
    "luật": "Luật",
    "bộ luật": "Luật",
    "nghị định": "Nghị định",
    "nghị quyết": "Nghị quyết",
    "quyết định": "Quyết định",
    "kế hoạch": "Kế hoạch",
    "chỉ thị": "Chỉ thị",
    "thông tư liên tịch": "Thông tư",
    "thông tư": "Thông tư",
    "công văn": "Công văn",
    "hướng dẫn": "Hướng dẫn",
    "kết luận": "Kết luận",
    "quy định": "Quy định",
    "thông báo": "Thông báo",
    "văn bản": "Công văn",
}
# Abbreviations used in tables ("KH 347/KH-UBND") and in document symbols ("NĐ-CP").
_SYMBOL_TYPES = {
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "QĐi": "Quy định",
    "TB": "Thông báo",
    "QH": "Luật",
    "CV": "Công văn",
}
_NUMBER = (
    r"\d+[a-z]?(?:/\d{4})?/[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐa-z0-9]+)*"  # 59/2023/NĐ-CP, 347/KH-UBND
    r"|\d+-[A-ZĐ]+/[A-ZĐ][A-ZĐa-z0-9]*"  # party style: 30-CT/TW
)
_TYPE_WORDS = "|".join(sorted((w.capitalize() for w in _TYPES if w != "luật"), key=len, reverse=True))
_TYPED_RE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE_WORDS}|Luật|Bộ luật|NĐ|NQ|QĐ|KH|CT|TT|HD|KL)\.?\s+"
    rf"(?:số\s*:?\s*)?(?P<number>{_NUMBER})(?![\w/])"
)
_BARE_RE = re.compile(rf"(?<![\w/\-])(?P<number>{_NUMBER})(?![\w/])")
_LAW_RE = re.compile(r"(?<!\w)(?:Bộ\s+)?Luật\s+(?=[^\W\d_])")
_REF_DATE = re.compile(
    r"^\s*,?\s*(?:ban\s+hành\s+|được\s+ban\s+hành\s+)?(?:ngày\s+)?"
    r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_START = re.compile(r"^\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
# Lower-case words that may sit inside an issuer's name ("Hội đồng nhân dân thành phố").
_ISSUER_WORDS = {
    "nhân",
    "dân",
    "thành",
    "phố",
    "tỉnh",
    "xã",
    "phường",
    "huyện",
    "quận",
    "thị",
    "trấn",
    "chính",
    "phủ",
    "ủy",
    "uỷ",
    "thường",
    "vụ",
    "trực",
    "hội",
    "đồng",
    "tướng",
    "trung",
    "ương",
    "đảng",
    "mặt",
    "trận",
    "tổ",
    "quốc",
    "việt",
    "nam",
    "nội",
    "bộ",
    "sở",
    "phòng",
    "đặc",
    "khu",
    "liên",
    "đoàn",
    "lao",
    "động",
    "chỉ",
    "đạo",
    "trị",
}
_ISSUER_AFTER = {"ban": {"ủy", "uỷ", "chỉ"}, "hành": {"chấp"}}
_TITLE_LEAD = re.compile(r"^\s*[,:]?\s*(?:v/v|về\s+việc|về)?\s*", re.IGNORECASE)
_TITLE_MAX = 200


@dataclass
class _Span:
    start: int
    end: int  # end of the reference itself (type, number, date, issuer)
    title_end: int
    ref: LegalRef


def _issuer_from_symbol(number: str, doc_type: str) -> str:
    if number.endswith("-CP"):
        return "Chính phủ"
    if number.endswith("-TTg"):
        return "Thủ tướng Chính phủ"
    if re.search(r"/QH\d*$", number) or (doc_type == "Luật" and not number):
        return "Quốc hội"
    return ""


def _type_from_symbol(number: str) -> str:
    symbol = number.split("/")[-1]
    head = symbol.split("-")[0]
    if head.startswith("QH"):
        return "Luật"
    if "-" in number.split("/")[0]:  # "30-CT/TW": the kind sits before the slash
        head = number.split("/")[0].split("-")[1]
    return _SYMBOL_TYPES.get(head, "Công văn")


def _read_date(text: str, pos: int):
    m = _REF_DATE.match(text[pos:])
    if not m:
        return None, pos
    d = m.group("d") or m.group("d2")
    mo = m.group("m") or m.group("m2")
    y = m.group("y") or m.group("y2")
    return safe_date(int(y), int(mo), int(d)), pos + m.end()


def _read_issuer(text: str, pos: int) -> tuple[str, int]:
    m = _ISSUER_START.match(text[pos:])
    if not m:
        return "", pos
    start = pos + m.end()
    words: list[str] = []
    end = start
    for token in re.finditer(r"\S+", text[start:]):
        raw = token.group()
        word = raw.rstrip(".,;:)")
        lowered = word.lower()
        previous = words[-1].lower() if words else ""
        allowed = word[:1].isupper() or lowered in _ISSUER_WORDS or previous in _ISSUER_AFTER.get(lowered, ())
        if not word or not allowed or lowered in _ISSUER_AFTER and previous not in _ISSUER_AFTER[lowered]:
            break
        words.append(word)
        end = start + token.start() + len(word)
        if word != raw:
            break
    return " ".join(words), end


def _read_title(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The trích yếu after a reference, and where it ends in ``text``."""
    rest = text[pos:limit]
    lead = _TITLE_LEAD.match(rest)
    offset = lead.end() if lead else 0
    rest = rest[offset:]
    # It ends at a clause break: ";", a full stop, or ", " before a new subject.
    stop = re.search(r";|\.(?:\s|$)|,\s+(?=[A-ZĐÀ-Ỹ])|,\s*như\s+sau|\n|:\s*$", rest)
    if stop:
        rest = rest[: stop.start()]
    end = pos + offset + len(rest)
    rest = rest.strip(" ,.:-–")
    if len(rest) > _TITLE_MAX:
        rest = rest[:_TITLE_MAX].rsplit(" ", 1)[0]
    return rest, end


def _typed_spans(text: str, in_preamble: bool) -> list[_Span]:
    spans = []
    for m in _TYPED_RE.finditer(text):
        word = m.group("type")
        doc_type = _TYPES.get(word.lower()) or _SYMBOL_TYPES.get(word, "Công văn")
        number = m.group("number")
        date, pos = _read_date(text, m.end())
        issuer, pos = _read_issuer(text, pos)
        ref = LegalRef(
            doc_type=doc_type,
            number=number,
            date=date,
            issuer=issuer or _issuer_from_symbol(number, doc_type),
            in_preamble=in_preamble,
            text=text[m.start() : pos].strip(" ,"),
        )
        spans.append(_Span(m.start(), pos, pos, ref))
    return spans


def _law_spans(text: str, taken: list[_Span], in_preamble: bool) -> list[_Span]:
    spans = []
    for m in _LAW_RE.finditer(text):
        if any(s.start <= m.start() < s.end for s in taken):
            continue
        name_match = re.match(
            r"(?P<name>[^;:,.()\n]+?)(?=\s+(?:số|ngày|năm\s+\d{4}|được|đã|của|quy\s+định)\b|[;:,.()\n]|$)",
            text[m.end() :],
        )
        if not name_match:
            continue
        name = name_match.group("name").strip()
        pos = m.end() + name_match.end()
        number = ""
        num = re.match(rf"\s+số\s+({_NUMBER})", text[pos:])
        if num:
            number, pos = num.group(1), pos + num.end()
        date, pos = _read_date(text, pos)
        inside_title = any(s.start <= m.start() < s.title_end for s in taken)
        if not date and not number and (inside_title or not in_preamble):
            # "… của Luật Thực hiện dân chủ ở cơ sở" inside a title, or a law merely named in a task.
            continue
        issuer, pos = _read_issuer(text, pos)
        ref = LegalRef(
            doc_type="Luật",
            number=number,
            date=date,
            issuer=issuer or "Quốc hội",
            title=name,
            in_preamble=in_preamble,
            text=text[m.start() : pos].strip(" ,"),
        )
        spans.append(_Span(m.start(), pos, pos, ref))
    return spans


def _bare_spans(text: str, taken: list[_Span], in_preamble: bool) -> list[_Span]:
    spans = []
    for m in _BARE_RE.finditer(text):
        if any(s.start <= m.start() < s.end for s in taken):
            continue
        number = m.group("number")
        doc_type = _type_from_symbol(number)
        date, pos = _read_date(text, m.end())
        issuer, pos = _read_issuer(text, pos)
        ref = LegalRef(
            doc_type=doc_type,
            number=number,
            date=date,
            issuer=issuer or _issuer_from_symbol(number, doc_type),
            in_preamble=in_preamble,
            text=text[m.start() : pos].strip(" ,"),
        )
        spans.append(_Span(m.start(), pos, pos, ref))
    return spans


def find_legal_refs(text: str, *, in_preamble: bool = False) -> list[LegalRef]:
    """Every legal reference in ``text``, in reading order."""
    spans = _typed_spans(text, in_preamble)
    # A title runs until the next reference starts.
    starts = sorted(s.start for s in spans)
    for span in spans:
        limit = next((s for s in starts if s > span.start), len(text))
        title, span.title_end = _read_title(text, span.end, limit)
        # "Quyết định số 05/QĐ-UBND … Quyết định ban hành Quy chế …": drop the repeated kind.
        if title.lower().startswith(span.ref.doc_type.lower() + " "):
            title = title[len(span.ref.doc_type) + 1 :]
        span.ref.title = title
    spans += _law_spans(text, spans, in_preamble)
    spans += _bare_spans(text, spans, in_preamble)
    return [s.ref for s in sorted(spans, key=lambda s: s.start)]


def merge_refs(groups: list[list[LegalRef]]) -> list[LegalRef]:
    """Concatenate reference lists, keeping the first mention of each document."""
    merged: list[LegalRef] = []
    for refs in groups:
        for ref in refs:
            same = next((m for m in merged if _same_document(m, ref)), None)
            if same is None:
                merged.append(ref)
            elif same.date is None and ref.date is not None:
                same.date = ref.date  # "KH 347/KH-UBND" in a table, dated in the preamble
    return merged


def _same_document(a: LegalRef, b: LegalRef) -> bool:
    if a.doc_type != b.doc_type:
        return False
    if a.number or b.number:
        return a.number == b.number and (a.date is None or b.date is None or a.date == b.date)
    if a.date and b.date:
        return a.date == b.date
    return (
        a.title.lower() == b.title.lower()
        or a.title.lower().startswith(b.title.lower() + " ")
        or b.title.lower().startswith(a.title.lower() + " ")
    )
