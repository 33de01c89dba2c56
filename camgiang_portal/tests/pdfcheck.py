"""Reading PDFs back in tests with poppler (pdftotext, pdffonts, pdfinfo): text, words with positions, fonts."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
A4 = (595.28, 841.89)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def _with_file(pdf: bytes, *command: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        output = ["-"] if command[0] == "pdftotext" else []
        result = subprocess.run([*command, str(path), *output], capture_output=True, text=True, check=True, timeout=60)
        return result.stdout


def text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """pdftotext in reading order (no -layout), so justified lines keep single spaces."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _with_file(pdf, "pdftotext", "-enc", "UTF-8", *pages)


def flat(value: str) -> str:
    """Text with every run of whitespace made one space and Unicode in NFC, to compare whole sentences."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def words(pdf: bytes) -> list[Word]:
    """Every word with its page and box, in points from the top-left corner of its page."""
    html = _with_file(pdf, "pdftotext", "-bbox", "-enc", "UTF-8")
    found: list[Word] = []
    for page_no, page in enumerate(re.split(r"<page [^>]*>", html)[1:], start=1):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
        ):
            x0, y0, x1, y1, word = match.groups()
            found.append(Word(page_no, unescape(word), float(x0), float(y0), float(x1), float(y1)))
    return found


def info(pdf: bytes) -> dict[str, str]:
    lines = _with_file(pdf, "pdfinfo").splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name without subset prefix, embedded?) for every font of the PDF."""
    rows = _with_file(pdf, "pdffonts").splitlines()[2:]
    found = []
    for row in rows:
        parts = row.split()
        # "NAME  TYPE…  ENCODING  emb sub uni  object gen": emb is the fifth field from the end.
        name = parts[0].split("+", 1)[-1]
        found.append((name, parts[-5] == "yes"))
    return found


def body_text(pdf: bytes, *, top_margin: float = 20 * MM) -> str:
    """The flat text of every page without what is printed in the top margin (the page numbers)."""
    return flat(" ".join(word.text for word in words(pdf) if word.y_max >= top_margin))
