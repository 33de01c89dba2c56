"""Tracking codes and citizens' keys: random, short, read aloud on the phone and typed at the desk.

A code tells a stranger nothing (not how many cases came before, not when); a key is what the citizen
keeps to rate the answer. Both use an alphabet without look-alikes (no 0/O, 1/I/L) and are read
without regard to case, spaces or dashes.

A code carries its commune's official code (PA-10888-2026-7KQ4-M9XD), so that codes stay unique across the
platform and a desk can tell at a glance whose case a citizen reads out. The random part is drawn per commune
and year like any other: the unique index, not a counter, keeps two communes' codes apart. Codes handed out
before (PA-2026-7KQ4-M9XD, PA-2026-000123) are still read as they were given.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_CHARS = 8  # 31**8 ≈ 8.5e11 codes a year: guessing one at 30 lookups an hour is hopeless
KEY_CHARS = 8

_SEPARATORS = re.compile(r"[\s\-_.]+")
_COMMUNE_CODE = re.compile(rf"PA(\d{{5}})(\d{{4}})([{ALPHABET}]{{{CODE_CHARS}}})")
_NEW_CODE = re.compile(rf"PA(\d{{4}})([{ALPHABET}]{{{CODE_CHARS}}})")  # before the commune's code was added
_OLD_CODE = re.compile(r"PA(\d{4})(\d{6})")  # PA-2026-000123, handed out before the random codes
_NEW_KEY = re.compile(rf"[{ALPHABET}]{{{KEY_CHARS}}}")

CODE_EXAMPLE = "PA-10888-2026-7KQ4-M9XD"


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_code(year: int, commune_code: str) -> str:
    """PA-10888-2026-7KQ4-M9XD: the commune's official code, the year, two groups of four random characters."""
    body = _random(CODE_CHARS)
    return f"PA-{commune_code}-{year}-{body[:4]}-{body[4:]}"


def normalise_code(raw: str) -> str | None:
    """The stored form of what a citizen typed ("pa 10888 2026 7kq4m9xd" → "PA-10888-2026-7KQ4-M9XD"); None if
    no code. The three forms differ in length, so a compact one is never read as another."""
    compact = _SEPARATORS.sub("", str(raw or "")).upper()
    if match := _COMMUNE_CODE.fullmatch(compact):
        commune, year, body = match.groups()
        return f"PA-{commune}-{year}-{body[:4]}-{body[4:]}"
    if match := _NEW_CODE.fullmatch(compact):
        year, body = match.groups()
        return f"PA-{year}-{body[:4]}-{body[4:]}"
    if match := _OLD_CODE.fullmatch(compact):
        return "PA-{}-{}".format(*match.groups())
    return None


def new_key() -> str:
    return _random(KEY_CHARS)


def normalise_key(raw: str) -> str:
    return _SEPARATORS.sub("", str(raw or "")).upper()


def key_display(key: str) -> str:
    """A new key printed in two groups ("7KQ4 M9XD"); an old 16-character key exactly as it was given."""
    if _NEW_KEY.fullmatch(key or ""):
        return f"{key[:4]} {key[4:]}"
    return key or ""


def key_matches(stored: str, given: str) -> bool:
    """Whether the citizen's key is right; new keys ignore case, spaces and dashes, old ones are exact."""
    if not stored:
        return False
    if _NEW_KEY.fullmatch(stored):
        return secrets.compare_digest(normalise_key(given), stored)
    # Keys handed out before (16 mixed-case characters) stay valid as they were sent.
    return secrets.compare_digest(str(given or "").strip(), stored)
