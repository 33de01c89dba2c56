"""The agency's round red seal, drawn as a transparent PNG (or the one made with the development identity)."""

from __future__ import annotations

import functools
import io
import math

from django.conf import settings

from .fonts import SEAL_FONT_CANDIDATES, first_existing
from .identity import DEV_SEAL, signing_dir

SEAL_RED = (218, 37, 29)


def seal_png(agency_name: str, *, size: int = 480) -> bytes:
    """The agency's round red seal, transparent around it: the name around the rim, a star in the middle."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2  # draw large, shrink once: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (*SEAL_RED, 255)
    centre = big / 2
    outer = big / 2 - 4 * scale
    draw.ellipse([centre - outer, centre - outer, centre + outer, centre + outer], outline=red, width=9 * scale)
    inner = outer * 0.68
    draw.ellipse([centre - inner, centre - inner, centre + inner, centre + inner], outline=red, width=4 * scale)
    # Five-pointed star in the middle, as on a Vietnamese state seal.
    star_r, star_in = inner * 0.62, inner * 0.25
    points = []
    for index in range(10):
        radius = star_r if index % 2 == 0 else star_in
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    draw.polygon(points, fill=red)
    # The name around the rim, clockwise from the left, each letter turned to face outwards.
    font = ImageFont.truetype(str(first_existing(SEAL_FONT_CANDIDATES)), int(big * 0.072))
    text = " ".join(agency_name.upper().split())
    ring = (outer + inner) / 2
    span = math.radians(300)
    start = -math.pi / 2 - span / 2
    step = span / max(len(text) - 1, 1)
    for index, char in enumerate(text):
        if char == " ":
            continue
        angle = start + index * step
        box = font.getbbox(char)
        glyph = Image.new("RGBA", (box[2] + 8 * scale, int(big * 0.16)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((4 * scale, glyph.height * 0.62), char, font=font, fill=red, anchor="ms")
        rotated = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC, expand=True)
        x = centre + ring * math.cos(angle) - rotated.width / 2
        y = centre + ring * math.sin(angle) - rotated.height / 2
        image.alpha_composite(rotated, (int(x), int(y)))
    out = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(out, format="PNG")
    return out.getvalue()


def agency_seal_png(agency_name: str) -> bytes:
    """The seal of `agency_name`: for the configured agency (SIGNING_AGENCY_NAME) the one made with the identity,
    if any; for any other (another commune's People's Committee) one drawn with its own name."""
    path = signing_dir() / DEV_SEAL
    if agency_name == settings.SIGNING_AGENCY_NAME and path.is_file():
        return path.read_bytes()
    return _drawn_seal(agency_name)


@functools.lru_cache(maxsize=64)
def _drawn_seal(agency_name: str) -> bytes:
    # Drawing takes a fraction of a second; a commune's seal does not change between its papers.
    return seal_png(agency_name)
