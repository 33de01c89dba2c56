"""Body phrases ("Phòng Văn hóa – Xã hội", "các thôn trên địa bàn xã"): splitting, kinds, loose keys."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ALL_DEPARTMENTS = "all_departments"
ALL_VILLAGES = "all_villages"
ALL_ORGANISATIONS = "all_organisations"
NAMED = "named"

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# Longest first, so "MTTQ VN" is not read as "MTTQ" + "VN".
_ABBREVIATIONS = [
    ("UBMTTQVN", "ủy ban mặt trận tổ quốc việt nam"),
    ("UBMTTQ", "ủy ban mặt trận tổ quốc"),
    ("MTTQ VN", "mặt trận tổ quốc việt nam"),
    ("MTTQVN", "mặt trận tổ quốc việt nam"),
    ("MTTQ", "mặt trận tổ quốc"),
    ("HĐND", "hội đồng nhân dân"),
    ("UBND", "ủy ban nhân dân"),
    ("CT-XH", "chính trị - xã hội"),
    ("CTXH", "chính trị - xã hội"),
    ("VH-XH", "văn hóa - xã hội"),
    ("VHXH", "văn hóa - xã hội"),
    ("VH-TT", "văn hóa - thông tin"),
    ("KT-XH", "kinh tế - xã hội"),
    ("TTND", "thanh tra nhân dân"),
    ("GSĐTCĐ", "giám sát đầu tư của cộng đồng"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
]


def _abbreviation_re(short: str) -> re.Pattern:
    # "CT-XH" also matches "CT - XH" and "CT–XH"; "MTTQ VN" also "MTTQVN".
    pattern = re.escape(short).replace(r"\-", r"\s*[-\u2013\u2014]\s*").replace(r"\ ", r"\s*")
    return re.compile(rf"(?<!\w){pattern}(?!\w)")


_ABBREVIATION_RES = [(_abbreviation_re(short), long) for short, long in _ABBREVIATIONS]
# Words that start a body's proper name; a list is only split where the next piece starts so.
_HEADS = (
    "phòng",
    "văn phòng",
    "ban",
    "công an",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "ubmttq",
    "mttq",
    "mặt trận",
    "hội",
    "đoàn",
    "trạm",
    "trường",
    "trung tâm",
    "đảng ủy",
    "đảng uỷ",
    "thường trực",
    "chi bộ",
    "ban chỉ huy",
    "quân sự",
    "bí thư",
    "trưởng",
    "chủ tịch",
    "công chức",
    "cán bộ",
    "hợp tác xã",
    "bưu điện",
    "các thôn",
    "các tổ dân phố",
    "các khu phố",
    "các tổ chức",
    "các đoàn thể",
    "các hội",
    "các trường",
    "các ban",
    "các phòng",
    "các cơ quan",
    "các đơn vị",
    "thôn",
    "tổ dân phố",
    "người đứng đầu",
)
_NAMED_OFFICES = ("phòng ", "văn phòng ", "sở ", "bộ ", "trung tâm ", "ban ")
_LEADING_VERBS = re.compile(r"^(?:đề\s+nghị|giao(?:\s+cho)?|yêu\s+cầu)\s+", re.IGNORECASE)
_TRAILING = ".;:,!?/ "


@dataclass(frozen=True)
class BodyRef:
    kind: str
    name: str


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_name(text: str) -> str:
    """A loose key for matching body names: no case, accents, dash or abbreviation differences."""
    text = unicodedata.normalize("NFC", text or "")
    for pattern, long in _ABBREVIATION_RES:
        text = pattern.sub(long, text)
    text = text.lower()
    for dash in DASHES:
        text = text.replace(dash, "-")
    text = strip_diacritics(text)
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"[^\w\s\-,()]", " ", text)
    text = re.sub(r"\s+", " ", text)
    # "Ủy ban MTTQ Việt Nam xã", "UBMTTQ xã" and "Ủy ban Mặt trận Tổ quốc xã" are one committee.
    text = text.replace("mat tran to quoc viet nam", "mat tran to quoc")
    return text.strip(" ,-")


def clean_body_name(text: str) -> str:
    text = re.sub(r"\s+", " ", (text or "").replace("\n", " ")).strip()
    text = _LEADING_VERBS.sub("", text)
    text = re.sub(r"^[-+•*]\s*", "", text)
    text = text.strip(_TRAILING)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def _starts_with_head(piece: str) -> bool:
    lowered = piece.lower()
    return any(lowered == head or lowered.startswith(head + " ") for head in _HEADS)


def _split_commas(part: str) -> list[str]:
    pieces = [p.strip() for p in part.split(",")]
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        # "Các cơ quan, đơn vị trực thuộc UBND xã" stays whole: "đơn vị …" is a continuation.
        standalone = _starts_with_head(piece) or (
            # "Phòng Văn hóa, Khoa học và Thông tin" is one office: after an office's name a
            # capitalised piece continues it unless it starts a body name itself.
            piece[0].isupper() and not (merged and merged[-1].lower().startswith(_NAMED_OFFICES))
        )
        if merged and not standalone:
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    # A first piece without a name of its own ("Các phòng, Văn phòng…") is rare; keep pieces.
    return merged


def _split_and(part: str) -> list[str]:
    pieces = re.split(r"\s+và\s+", part)
    if len(pieces) == 1:
        return [part]
    # "Văn phòng HĐND và UBND xã" is one office; only split when every piece is a body.
    if part.lower().startswith("văn phòng") or not all(_starts_with_head(p) for p in pieces):
        return [part]
    return pieces


def split_body_list(text: str) -> list[str]:
    """Split "A; B, C và D" into body names, keeping "Các cơ quan, đơn vị …" as one phrase."""
    text = (text or "").replace("\n", ";")
    names: list[str] = []
    for part in re.split(r";|\s+\+\s+", text):
        part = clean_body_name(part)
        if not part:
            continue
        for piece in _split_commas(part):
            for name in _split_and(piece):
                name = clean_body_name(name)
                if name and name not in names:
                    names.append(name)
    return names


def classify_body_phrase(phrase: str) -> BodyRef:
    """Say whether a phrase names one body or a whole class (all departments, villages, organisations)."""
    name = clean_body_name(phrase)
    key = normalise_name(name)
    departments = re.search(r"\bcac (?:co quan|phong|don vi|ban nganh|bo phan)\b", key)
    if departments and not re.search(r"\bcac (?:thon|to dan pho|khu pho)\b", key[: departments.start()]):
        return BodyRef(ALL_DEPARTMENTS, name)
    if re.search(r"\b(?:cac|moi) (?:thon|to dan pho|khu pho|ap|lang|khoi pho)\b", key) or re.search(
        r"^truong (?:cac )?(?:thon|to dan pho|khu pho)\b", key
    ):
        return BodyRef(ALL_VILLAGES, name)
    if re.search(r"\bcac (?:to chuc chinh tri - xa hoi|doan the|hoi doan the|to chuc doan the)\b", key):
        return BodyRef(ALL_ORGANISATIONS, name)
    return BodyRef(NAMED, name)
