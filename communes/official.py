"""The official list of commune-level units (xã, phường, đặc khu) after the reform of 1/7/2025.

Read from the `vietnam-provinces` package (pinned in requirements.txt: its version is the list's edition), so
codes and names are the General Statistics Office's, never typed by hand. Plain data, no database: the
`Commune` rows are loaded from here by `communes.services.official_sync`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.text import slugify
from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

# The package's division types, as `Commune.Kind` stores them (ASCII values).
KINDS = {
    VietNamDivisionType.XA: "xa",
    VietNamDivisionType.PHUONG: "phuong",
    VietNamDivisionType.DAC_KHU: "dac_khu",
}
UNIT_CODE_DIGITS = 5
PROVINCE_CODE_DIGITS = 2


@dataclass(frozen=True)
class OfficialProvince:
    code: str  # "31"
    name: str  # "Thành phố Hải Phòng"


@dataclass(frozen=True)
class OfficialUnit:
    code: str  # "10888", zero-padded as the official list writes it
    name: str  # "Xã Cẩm Giang"
    kind: str  # "xa", "phuong" or "dac_khu"
    slug: str  # "cam-giang": ASCII, unique within the province
    province_code: str
    province_name: str


def normalise_code(value: str | int, digits: int = UNIT_CODE_DIGITS) -> str | None:
    """ "10888", "010888" or 10888 → "10888"; anything that is not a number of that size → None."""
    text = str(value).strip()
    if not text.isdigit() or not text.isascii():
        return None
    number = int(text)
    return str(number).zfill(digits) if 0 < number < 10**digits else None


def province(code: str | int) -> OfficialProvince | None:
    normalised = normalise_code(code, PROVINCE_CODE_DIGITS)
    if normalised is None:
        return None
    try:
        found = Province.from_code(ProvinceCode(int(normalised)))
    except ValueError:
        return None
    return OfficialProvince(code=normalised, name=found.name)


def _base_slug(ward: Ward) -> str:
    # "xa_cam_giang" → "cam-giang": the kind is in the name already, and the URL reads /xa/cam-giang/.
    codename = ward.codename
    for prefix in ("xa_", "phuong_", "dac_khu_"):
        if codename.startswith(prefix):
            codename = codename[len(prefix) :]
            break
    return slugify(codename.replace("_", "-")) or f"don-vi-{ward.code.value}"


@cache
def units(province_code: str | int) -> tuple[OfficialUnit, ...]:
    """Every commune-level unit of the province, by code; () for a code that is no province.

    Two units may share an ASCII name (Xã Cẩm Giang 10888 and Xã Cẩm Giàng 10903 are both "cam-giang"): the
    one with the lower code keeps the plain slug and the others add their code, so the slugs are stable as
    long as the list is."""
    found = province(province_code)
    if found is None:
        return ()
    wards = sorted(Ward.iter_by_province(ProvinceCode(int(found.code))), key=lambda w: w.code.value)
    taken: set[str] = set()
    result = []
    for ward in wards:
        if ward.division_type not in KINDS:
            continue
        slug = _base_slug(ward)
        if slug in taken:
            slug = f"{slug}-{ward.code.value}"
        taken.add(slug)
        result.append(
            OfficialUnit(
                code=str(ward.code.value).zfill(UNIT_CODE_DIGITS),
                name=ward.name,
                kind=KINDS[ward.division_type],
                slug=slug,
                province_code=found.code,
                province_name=found.name,
            )
        )
    return tuple(result)


def unit(province_code: str | int, code: str | int) -> OfficialUnit | None:
    """The unit of that code in the province's list, or None (unknown, malformed or another province's)."""
    normalised = normalise_code(code)
    return next((u for u in units(province_code) if u.code == normalised), None)
