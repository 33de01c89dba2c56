"""The fonts the stamp and the seal are drawn with, vendored under static/fonts/ first."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import SigningError

# Noto Serif has 1000 units per em: pyHanko 0.38 writes glyph widths unscaled, so a 2048-unit font
# (Liberation, DejaVu) would come out letter-spaced twice too wide.
STAMP_FONT_CANDIDATES = (
    Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSerif-Regular.ttf",
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
)
SEAL_FONT_CANDIDATES = (
    Path(settings.BASE_DIR) / "static" / "fonts" / "NotoSerif-Bold.ttf",
    Path("/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"),
    Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Bold.ttf",
)


def first_existing(candidates) -> Path:
    for path in candidates:
        if Path(path).is_file():
            return Path(path)
    raise SigningError(_("Thiếu phông chữ Noto Serif (gói fonts-noto-core) để vẽ con dấu và chữ ký."))
