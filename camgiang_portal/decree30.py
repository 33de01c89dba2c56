"""Decree 30/2020's rules for the words on an official paper: the number and symbol, the place-and-date line.

Plain text, no rendering: models use these too (camgiang_portal.documents, which renders the papers, imports
WeasyPrint and is kept out of model imports).
"""

from __future__ import annotations

import datetime

NBSP = "\u00a0"


def number_symbol(number: str | int | None, symbol: str) -> str:
    """ "12/KH-UBND", or the number left blank ("      /KH-UBND") while the paper is a draft."""
    number = str(number).strip() if number not in (None, "") else ""
    return f"{number or NBSP * 6}/{symbol}"


def date_line(
    place: str,
    day: int | None = None,
    month: int | None = None,
    year: int | None = None,
) -> str:
    """ "Cẩm Giang, ngày 05 tháng 01 năm 2026"; a part not yet known stays blank for the hand to fill.

    Decree 30 zero-pads days below 10 and the months January and February (so "tháng 01", "tháng 02",
    but "tháng 3" … "tháng 12").
    """
    day_text = f"{day:02d}" if day else NBSP * 4
    if not month:
        month_text = NBSP * 4
    else:
        month_text = f"{month:02d}" if month <= 2 else str(month)
    year_text = str(year) if year else NBSP * 6
    return f"{place}, ngày {day_text} tháng {month_text} năm {year_text}"


def date_line_for(place: str, date: datetime.date | None) -> str:
    if date is None:
        return date_line(place)
    return date_line(place, date.day, date.month, date.year)
