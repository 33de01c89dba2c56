"""Bodies' words that say the same thing: sixteen villages each writing "Duy trì 17 buổi phát thanh … của thôn Văn
Thai" are one sentence of the commune's report, "Duy trì 98 buổi phát thanh … của các thôn (5/16 đơn vị)", not
sixteen pasted ones.

Two texts are alike when they differ only in the body's own name and in the counts of things (a number followed
by a word in lower case: "17 buổi", "5 nội dung"). Dates, document numbers and every other difference keep two
texts apart. The counts of alike texts are added up, the name becomes the plural ("các thôn").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A count: an integer (Vietnamese thousands "2.340") followed by a space and a lower-case word, not part of a
# date or a number-symbol ("22/01/2026", "05/QĐ-UBND") and not after a word that makes it a date or an ordinal.
_NUMBER = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\w/.,-]|[.,]\d)(?= [a-zà-ỹđ])")
_NOT_A_COUNT = ("ngày", "tháng", "năm", "số", "lần thứ", "khóa", "quý")
_SPACES = re.compile(r"\s+")


def _counts(text: str) -> list[re.Match]:
    found = []
    for match in _NUMBER.finditer(text):
        before = text[: match.start()].rstrip().lower()
        if not before.endswith(_NOT_A_COUNT):
            found.append(match)
    return found


def _without_name(text: str, name: str, plural: str) -> str:
    if not name:
        return text
    return re.sub(re.escape(name), plural, text, flags=re.IGNORECASE)


def plural_of(name: str, village_word: str) -> str:
    """ "Thôn Văn Thai" → "các thôn"; any other body → "các đơn vị"."""
    word = village_word.strip().lower() or "thôn"
    return f"các {word}" if name.lower().startswith(word + " ") else "các đơn vị"


@dataclass(frozen=True)
class Shape:
    """A text with its counts taken out: `pattern` has "{}" where a count was; `values` are the counts."""

    pattern: str
    values: tuple[int, ...]


def shape(text: str, name: str, village_word: str) -> Shape:
    text = _SPACES.sub(" ", _without_name(text, name, plural_of(name, village_word))).strip()
    parts, values, last = [], [], 0
    for match in _counts(text):
        parts.append(text[last : match.start()].replace("{", "{{").replace("}", "}}"))
        parts.append("{}")
        values.append(int(match.group(1).replace(".", "")))
        last = match.end()
    parts.append(text[last:].replace("{", "{{").replace("}", "}}"))
    return Shape("".join(parts), tuple(values))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def merged_text(shapes: list[Shape]) -> str:
    """The one sentence alike texts make: their counts added up position by position."""
    totals = [sum(values) for values in zip(*(s.values for s in shapes), strict=True)]
    return shapes[0].pattern.format(*(_number(v) for v in totals))


def group_alike(texts: list[tuple[str, list[str]]], village_word: str) -> list[tuple[str, list[str], list]]:
    """(text, bodies) pairs → (merged text, every body, [(original text, bodies)]) for each set of alike texts, in
    the order first met. A set of one keeps its own words (its body's name included)."""
    groups: dict[str, list] = {}
    for text, bodies in texts:
        key = shape(text, bodies[0] if len(bodies) == 1 else "", village_word)
        groups.setdefault(key.pattern, []).append((text, bodies, key))
    out = []
    for members in groups.values():
        bodies = [b for _text, names, _key in members for b in names]
        originals = [(text, names) for text, names, _key in members]
        if len(members) == 1:
            out.append((members[0][0], bodies, originals))
        else:
            out.append((merged_text([key for _t, _n, key in members]), bodies, originals))
    return out
