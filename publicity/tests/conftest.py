"""Fixtures of the publicity tests: the demo cast, cases at each step, small valid files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Body

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch):
    """Each test counts from zero without flushing a shared Redis (which may also be the Celery broker)."""
    import uuid

    from publicity.services import limits

    monkeypatch.setattr(limits, "RATE_LIMIT_PREFIX", f"publicity:rl:test-{uuid.uuid4().hex}")


def png(name="anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="don.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _tasks_in_process(monkeypatch):
    """Queued tasks run in-process through task.apply, on both passes (SQLite and PostgreSQL + Redis).

    Celery 5.7 acquires a broker producer even for an eager apply_async and caches the pool on the app,
    which would leak into later tests that point the app at another broker; task.apply never does.
    """
    from camgiang_portal import resilience

    monkeypatch.setattr(resilience, "enqueue", lambda task, *args, **kwargs: task.apply(args=args, kwargs=kwargs))


@pytest.fixture
def village1(demo):
    return Body.objects.get(code="thon-001")


@pytest.fixture
def village2(demo):
    return Body.objects.get(code="thon-002")


@pytest.fixture
def make_feedback(demo, village1):
    from publicity import services

    def make(**kwargs):
        data = {
            "kind": "phan_anh",
            "subject": "Đèn đường hỏng",
            "content": "Đèn đường ở ngõ 3 hỏng đã hai tuần.",
            "village": village1,
            "name": "Nguyễn Văn Dân",
            "phone": "0912345678",
            "email": "dan@example.com",
            "consent": True,
        }
        data.update(kwargs)
        return services.feedback_submit(**data)

    return make


@pytest.fixture
def forwarded(make_feedback, user_named, village1):
    """A case the MTTQ classified and forwarded to Thôn Đông Giao (truongthon1)."""
    from publicity import services

    mttq = user_named("mttq")
    feedback = make_feedback()
    services.feedback_classify(feedback=feedback, by=mttq, kind="phan_anh")
    return services.feedback_forward(feedback=feedback, by=mttq, body=village1)
