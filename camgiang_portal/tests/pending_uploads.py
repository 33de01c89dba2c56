"""Where "preview, then confirm" keeps its files in tests: a fresh MEDIA_ROOT, and the files waiting in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from camgiang_portal import uploads


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """A fresh MEDIA_ROOT for the test; returns the folder of files waiting for their confirm."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / uploads.PENDING_DIR


def pending_files(media: Path) -> list[Path]:
    return [p for p in media.glob("*/*") if p.is_file()] if media.exists() else []
