"""The document's frame: agency header, number, place and date, commune, recipients and signature."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import ParsedPlan, Signature
from .text import MOTTO, NUMBER_LINE, PLACE_DATE, is_place_date, is_sign_role, is_upper

_AGENCY = re.compile(
    r"^(?:(?:ỦY|UỶ|UY)\s+BAN\s+NHÂN\s+DÂN|UBND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|HĐND|ĐẢNG\s+(?:ỦY|UỶ)|BAN\s+CHỈ\s+ĐẠO)\b"
)
_UNIT = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ\s+TRẤN|ĐẶC\s+KHU|THÀNH\s+PHỐ|TỈNH|HUYỆN|QUẬN|THỊ\s+XÃ)\b")
_COMMUNE_UNIT = re.compile(r"(?<!THỊ )\b(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(.+)$")
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<n>\d+)?[\s.…_]*/?\s*(?P<s>[A-ZĐ][A-ZĐa-z0-9]*(?:\s*-\s*[A-ZĐa-z0-9]+)*)?")
_DATE_WORDS = re.compile(
    r"^(?P<d>\d{1,2})?[\s.…_/-]*tháng[\s.…_/-]*(?P<m>\d{1,2})?[\s.…_/-]*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
_DATE_NUMERIC = re.compile(r"^(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_SIGN_PARTS = re.compile(r"^(TM|KT|TL|TUQ|Q)\s*\.?\s*(.+)$")
_COMMUNE_IN_TEXT = re.compile(r"(?<![\w])(xã|phường|thị trấn|đặc khu)\s+")
_VILLAGE_WORDS = {"thôn": r"\bthôn\b", "tổ dân phố": r"\btổ dân phố\b", "khu phố": r"\bkhu phố\b", "ấp": r"\bấp\b"}


@dataclass
class Header:
    agencies: list[str] = field(default_factory=list)
    number: str = ""
    symbol: str = ""
    place: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    found_date: bool = False


def parse_place_date(text: str) -> tuple[str, int | None, int | None, int] | None:
    """("Cẩm Giang", None, 12, 2025) from "Cẩm Giang, ngày    tháng 12 năm 2025"."""
    m = PLACE_DATE.match(text)
    if not m or not is_place_date(text):
        return None
    date = _DATE_WORDS.match(m.group("rest")) or _DATE_NUMERIC.match(m.group("rest"))
    if not date:
        return None
    day, month = date.group("d"), date.group("m")
    return (
        m.group("place").strip(" *_"),
        int(day) if day else None,
        int(month) if month else None,
        int(date.group("y")),
    )


def feed_header(header: Header, text: str) -> bool:
    """Take one header line; False when it is not part of the header."""
    if NUMBER_LINE.match(text):
        m = _NUMBER.match(text)
        header.number = m.group("n") or ""
        header.symbol = re.sub(r"\s+", "", m.group("s") or "")
        return True
    if MOTTO.match(text) or text.lower().startswith("v/v"):
        return True
    place_date = parse_place_date(text)
    if place_date:
        if not header.found_date:
            header.place, header.day, header.month, header.year = place_date
            header.found_date = True
        return True
    if is_upper(text) and not is_sign_role(text):
        _add_agency_line(header, text)
        return True
    return False


def _add_agency_line(header: Header, text: str) -> None:
    text = re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", text.strip())
    # "ỦY BAN NHÂN DÂN" + "XÃ CẨM GIANG" on two lines are one name.
    bare = (
        header.agencies
        and _AGENCY.match(header.agencies[-1])
        and not _UNIT.search(_AGENCY.sub("", header.agencies[-1]).strip())
    )
    if _AGENCY.match(text) or not header.agencies:
        header.agencies.append(text)
    elif bare or _UNIT.match(text):
        header.agencies[-1] = f"{header.agencies[-1]} {text}"


def _commune_names(text: str) -> Counter:
    names: Counter = Counter()
    for m in _COMMUNE_IN_TEXT.finditer(text):
        if text[: m.start()].rstrip().endswith("thị"):
            continue  # "thị xã Kinh Môn" is a town, not the commune
        words = []
        for raw in text[m.end() :].split()[:5]:
            word = raw.rstrip(".,;:)")
            if not word or not (word[0].isupper() or word.isdigit()) or not word.isalnum():
                break
            words.append(word)
            if word != raw:
                break
        if words:
            names[(m.group(1), " ".join(words))] += 1
    return names


def apply_header(plan: ParsedPlan, header: Header, text: str) -> None:
    """Fill organisation, commune, number and date, deriving what the header leaves out."""
    plan.number = header.number
    plan.symbol = header.symbol or "KH-UBND"
    plan.place = header.place
    plan.date_day, plan.date_month, plan.date_year = header.day, header.month, header.year
    commune = [a for a in header.agencies if _COMMUNE_UNIT.search(a)]
    if commune:
        plan.organisation = commune[-1]
        index = header.agencies.index(commune[-1])
        plan.organisation_parent = header.agencies[index - 1] if index else ""
    elif header.agencies:
        plan.organisation = header.agencies[-1]
        plan.organisation_parent = header.agencies[-2] if len(header.agencies) > 1 else ""
    names = _commune_names(text)
    m = _COMMUNE_UNIT.search(plan.organisation)
    if m:
        plan.unit_kind = m.group(1).lower()
        upper = m.group(2).strip()
        known = [name for (_, name) in names if name.upper() == upper]
        plan.commune_name = known[0] if known else upper.title()
    elif names:
        # The most frequent "xã X"; the place line breaks ties.
        ranked = sorted(names.items(), key=lambda kv: (-kv[1] - (kv[0][1] == plan.place), kv[0][1]))
        plan.unit_kind, plan.commune_name = ranked[0][0]
    else:
        plan.commune_name = plan.place
        plan.unit_kind = "phường" if re.search(r"\bphường\b", text) and not re.search(r"\bxã\b", text) else "xã"
    if not plan.organisation and plan.commune_name:
        plan.organisation = f"ỦY BAN NHÂN DÂN {plan.unit_kind.upper()} {plan.commune_name.upper()}"
    lowered = text.lower()
    counts = {word: len(re.findall(pattern, lowered)) for word, pattern in _VILLAGE_WORDS.items()}
    best = max(counts, key=counts.get)
    if counts[best]:
        plan.village_word = best
    else:
        plan.village_word = "thôn" if plan.unit_kind == "xã" else "tổ dân phố"


def add_sign_role(signature: Signature, text: str) -> None:
    text = re.sub(r"\s+", " ", text.strip(" :"))
    m = _SIGN_PARTS.match(text)
    if m and is_upper(m.group(2)):
        role = f"{m.group(1)}. {m.group(2).strip(' .')}"
        if m.group(1) == "TM":
            signature.authority = role
        else:
            signature.delegation = role
    else:
        signature.position = text


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and len(text) <= 50
        and all(w[0].isupper() and w.isalpha() for w in words)
        and not is_sign_role(text)
    )


def clean_name(text: str) -> str:
    return text.title() if text.isupper() else text


def clean_recipient(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[-+•*–]\s*", "", text)
    text = re.sub(r"\s*\./\.$", "", text)
    return text.rstrip(" ;,.")
