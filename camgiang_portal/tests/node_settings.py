"""The production settings as each gunicorn node of the two-node test runs them, less two waits a test cannot afford.

Everything the nodes share (DATABASE_URL, REDIS_URL, SECRET_KEY, MEDIA_ROOT, MEDIA_STORAGE) still comes from the
environment exactly as on a real node.
"""

from camgiang_portal.settings import *  # noqa: F403

# Production serves collectstatic's hashed manifest, which takes ~15 s to build: the nodes name the files plainly.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# The test process made the users with the test suite's fast hasher; the nodes must be able to check them.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
