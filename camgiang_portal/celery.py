"""The Celery application; eager (no broker) when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camgiang_portal.settings")

app = Celery("camgiang_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
