"""Vietnamese text folded for search: no diacritics, đ → d, lower case, single spaces."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """ "Dân Chủ  ĐỊA phương" → "dan chu dia phuong" (what PostgreSQL's unaccent + lower give)."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()
