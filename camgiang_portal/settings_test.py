"""Settings for the test suite: the production settings with a throwaway secret and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")  # noqa: S105
os.environ.setdefault("DEMO_PASSWORD", "camgiang2026")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend" if not EMAIL_HOST else EMAIL_BACKEND  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns about a missing folder)

# Tests run on several xdist workers against one Redis: each worker's cache gets a database of its own,
# apart from the broker's, so one test's cache.clear() (a FLUSHDB) never empties another's keys or queues.
if REDIS_URL:  # noqa: F405
    import re as _re

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    _db = 10 + int(_worker.removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = _re.sub(r"(/\d*)?$", f"/{_db}", REDIS_URL.rstrip("/"), count=1)  # noqa: F405
