"""Every text a user or citizen writes is rendered escaped, wherever it appears."""

from __future__ import annotations

import pytest
from django.urls import reverse

from camgiang_portal.actors import SYSTEM

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)//<svg onload=alert(1)>",
]
RAW_MARKERS = ["<script>alert('xss')", "<img src=x onerror", "<svg onload"]


def assert_escaped(html: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"unescaped user text in page: {marker}"


@pytest.fixture
def may(settings):
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=True):
        yield


@pytest.mark.parametrize("payload", PAYLOADS)
def test_progress_form_text_is_escaped_everywhere(client_for, demo, may, payload):
    from reports import services as report_services
    from reports import workflow
    from reports.models import ProgressReport

    plan = demo.demo_plan()
    report_services.report_expected_generate(plan=plan, by=SYSTEM)
    report = ProgressReport.objects.get(body__code="thon-001", period__code="6thang")
    client = client_for("truongthon1")
    page = client.get(report.get_absolute_url())
    form = page.context["form"]
    data = {name: "" for name in form.fields}
    data.update({"version": report.version, "summary": payload, "action": "save"})
    for name in form.fields:
        if name.endswith(("-done", "-difficulties", "-proposals")):
            data[name] = payload
        if name.endswith("-status"):
            data[name] = (
                "in_progress"
                if "in_progress" in dict(form.fields[name].choices)
                else list(dict(form.fields[name].choices))[-1]
            )
    response = client.post(report.get_absolute_url(), data)
    assert response.status_code in (302, 400)
    assert_escaped(response.content.decode())
    assert_escaped(client.get(report.get_absolute_url()).content.decode())
    # The form refuses tags; words that reach the database another way (an older form, an import) must still
    # come out escaped on the consolidated page and on each item's page of every body's words.
    report.items.update(status="in_progress", done=payload, difficulties=payload, proposals=payload)
    report.refresh_from_db()
    workflow.transition(report, "submit", response.wsgi_request.user)
    coordinator = client_for("vanhoaxahoi")
    urls = [
        reverse("consolidation:consolidated", args=[report.period_id]),
        reverse("consolidation:dashboard"),
        report.get_absolute_url(),
    ]
    urls += [
        reverse("consolidation:consolidated_item", args=[report.period_id, row.item_id]) for row in report.items.all()
    ]
    for url in urls:
        page = coordinator.get(url).content.decode()
        assert_escaped(page)
    assert "alert" in page  # the words are there, escaped


@pytest.mark.parametrize("payload", PAYLOADS)
def test_review_comment_is_escaped(client_for, demo, may, payload, django_user_model):
    from reports import services as report_services
    from reports import workflow
    from reports.models import ProgressReport

    plan = demo.demo_plan()
    report_services.report_expected_generate(plan=plan, by=SYSTEM)
    report = ProgressReport.objects.get(body__code="thon-001", period__code="6thang")
    owner = django_user_model.objects.get(username="truongthon1")
    for row in report.items.all():
        row.status = "in_progress"
        row.save()
    workflow.transition(report, "submit", owner)
    coordinator = client_for("vanhoaxahoi")
    coordinator.post(reverse("reports:review", args=[report.pk]), {"action": "return", "comment": payload})
    report.refresh_from_db()
    has_tags = "<" in payload
    # Markup is refused outright in a return comment; plain text with quotes is kept and shown escaped.
    assert report.state == ("submitted" if has_tags else "returned")
    html = client_for("truongthon1").get(report.get_absolute_url()).content.decode()
    assert_escaped(html)
    if not has_tags:
        assert "onmouseover=&#x27;alert(1)" in html
    # The reopen comment takes free text: whatever it holds is shown escaped.
    workflow.transition(report, "submit", owner) if report.state == "returned" else None
    coordinator.post(reverse("reports:review", args=[report.pk]), {"action": "accept"})
    coordinator.post(reverse("reports:review", args=[report.pk]), {"action": "reopen", "comment": payload})
    for viewer in ["truongthon1", "vanhoaxahoi"]:
        assert_escaped(client_for(viewer).get(report.get_absolute_url()).content.decode())
        assert_escaped(client_for(viewer).get(reverse("start")).content.decode())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_body_name_and_plan_text_are_escaped(client_for, demo, payload):
    from plans.models import Body, Item

    plan = demo.demo_plan()
    body = Body.objects.get(code="thon-002")
    body.name = f"Thôn {payload}"
    body.save()
    Item.objects.filter(area__plan=plan).update(text=payload)
    client = client_for("vanhoaxahoi")
    for url in [
        plan.get_absolute_url(),
        reverse("plans:matrix", args=[plan.pk]),
        body.get_absolute_url(),
        reverse("start"),
        reverse("plans:history"),
    ]:
        assert_escaped(client.get(url).content.decode())
