"""How the Báo cáo says a figure: Vietnamese numbers, shares and changes, in one place.

"Tổ chức 56 hội nghị với 2.340 lượt người tham dự, tăng 12% so với cùng kỳ năm 2025". The rules a commune's
report follows, each with its test (consolidation/tests/test_sentences.py):
- numbers group thousands with a dot (2.340) and write decimals with a comma (8,5%);
- a percentage is rounded to a whole number, except where that would say what is not so: a share that is not
  whole never reads "100%", a share that is not nil never reads "0%" (one decimal then, 99,6% / 0,4%);
- no base, or a base of 0, gives no percentage at all (never "0%" of nothing);
- no figure to compare with gives no comparison (never "tăng 0%" of a year that was not reported);
  a comparison with 0 says the amount, not a percentage ("tăng 5 cuộc so với …");
- a cumulative period against the previous one says the amount added since ("tăng 12 cuộc so với 6 tháng …").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _


def number(value: int) -> str:
    """2340 → "2.340" (Vietnamese thousands separator), whatever the active locale's settings."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def quantity(value: int, unit: str) -> str:
    """2340, "lượt người" → "2.340 lượt người"."""
    return f"{number(value)} {unit}".strip()


def _half_up(value: float, places: int = 0) -> float:
    scale = 10**places
    return math.floor(value * scale + 0.5) / scale


def percent_text(value: float) -> str:
    """A percentage as the paper prints it (see the module's rules): 85 → "85%", 99,6 → "99,6%", 0,4 → "0,4%"."""
    whole = _half_up(value)
    if whole >= 100 > value:
        # Cut towards the true side of the boundary, so that 99,96 reads 99,9% and never 100%.
        shown = math.floor(value * 10) / 10
    elif 0 < value < 10 and whole != value:
        shown = max(_half_up(value, 1), 0.1)
    else:
        return f"{number(int(whole))}%"
    if shown == int(shown):
        return f"{number(int(shown))}%"
    return f"{shown:.1f}".replace(".", ",") + "%"


def percent(part: int | None, base: int | None) -> float | None:
    """The share of `part` in `base`, or None where there is no base to speak of (absent or 0)."""
    if part is None or base is None or base <= 0:
        return None
    return part * 100 / base


@dataclass(frozen=True)
class Share:
    """`part` of `base`, as "đạt 85% tổng số hộ"; `of` names the base (blank: "đạt 85%")."""

    part: int
    base: int | None
    of: str = ""

    def text(self) -> str:
        value = percent(self.part, self.base)
        if value is None:
            return ""
        return " ".join(w for w in (_("đạt"), percent_text(value), self.of) if w)


@dataclass(frozen=True)
class Comparison:
    """The figure against an earlier one: `against` says which ("cùng kỳ năm 2025", "6 tháng năm 2026").

    `previous` None means nothing to compare with: no phrase at all. `by_amount` says the difference in the
    figure's unit instead of a percentage (a cumulative period against the previous one)."""

    current: int
    previous: int | None
    against: str
    unit: str = ""
    by_amount: bool = False

    @property
    def change(self) -> float | None:
        """The change in percent, or None where it means nothing (no previous figure, or a previous 0)."""
        if self.previous is None or self.previous == 0:
            return None
        return (self.current - self.previous) * 100 / self.previous

    def text(self) -> str:
        if self.previous is None:
            return ""
        if self.current == self.previous:
            return _("bằng %(against)s") % {"against": self.against}
        verb = _("tăng") if self.current > self.previous else _("giảm")
        if self.by_amount or self.previous == 0:
            amount = quantity(abs(self.current - self.previous), self.unit)
        else:
            amount = percent_text(abs(self.change))
        return _("%(verb)s %(amount)s so với %(against)s") % {"verb": verb, "amount": amount, "against": self.against}

    def short(self) -> str:
        """The change alone, for a table cell: "+12%", "-5%", "+3" (by amount or against 0), "=" or ""."""
        if self.previous is None:
            return ""
        if self.current == self.previous:
            return "="
        sign = "+" if self.current > self.previous else "-"
        if self.by_amount or self.previous == 0:
            return sign + number(abs(self.current - self.previous))
        return sign + percent_text(abs(self.change))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def figure_sentence(head: str, *, share: Share | None = None, comparisons: tuple[Comparison, ...] = ()) -> str:
    """One sentence of the paper: `head` (built with quantity(), e.g. "tổ chức 56 hội nghị với 2.340 lượt người
    tham dự"), then its share and its comparisons, each only where it has something to say."""
    parts = [head.strip()]
    if share is not None and share.text():
        parts.append(share.text())
    parts += [text for text in (c.text() for c in comparisons) if text]
    return sentence_case(", ".join(parts))
