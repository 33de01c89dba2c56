"""What a stamp writes: the signer's position as a title and the signing time in the Vietnam time zone."""

from __future__ import annotations

import datetime
import zoneinfo

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def position_title(position: str) -> str:
    """ "Phó Chủ tịch" from "PHÓ CHỦ TỊCH": the stamp writes the position as a title, not in capitals."""
    text = " ".join(position.split())
    if not text.isupper():
        return text
    text = text.lower().replace("chủ tịch", "Chủ tịch")
    return text[:1].upper() + text[1:]


def iso_vietnam(moment: datetime.datetime) -> str:
    """ "2026-01-05T09:30:00+07:00": ISO 8601 in the Vietnam time zone, for machines (logs, data)."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def signing_time_text(moment: datetime.datetime) -> str:
    """ "05/01/2026 09:30:00 +07:00": the signing time as people read it (day first, local time).

    TT 01/2019/TT-BNV asks the stamp for the day, month, year, hour, minute and second with the Vietnam time
    zone as in ISO 8601, so the seconds and the offset stay; the rest reads as every Vietnamese stamp does."""
    local = moment.astimezone(VIETNAM)
    offset = local.strftime("%z")
    return f"{local:%d/%m/%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"
