"""A throwaway Django on SQLite for the in-process benchmarks: never the development database."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def throwaway_django(prefix: str) -> Iterator[str]:
    """Django set up on a fresh, migrated SQLite file in a temporary folder (yielded), removed afterwards."""
    folder = tempfile.mkdtemp(prefix=prefix)
    try:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camgiang_portal.settings_test")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
