"""Django-client tests of the reports pages: a test per role, bad input, conflicts, double submit."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from reports import workflow
from reports.models import FigureValue, Indicator, ItemStatus, ProgressReport
from reports.rows import ItemData

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=TZ)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _before_due_date():
    with time_machine.travel(EARLY, tick=False):
        yield


def form_data(report, *, status=ItemStatus.ONGOING, action="save", **extra):
    data = {"version": report.version, "summary": "", "action": action}
    for row in report.items.all():
        data[f"p{row.pk}-status"] = status
        data[f"p{row.pk}-done"] = "Đã họp thôn"
        data[f"p{row.pk}-difficulties"] = ""
        data[f"p{row.pk}-proposals"] = ""
    data.update(extra)
    return data


def submitted(report, user):
    items = {p.pk: ItemData(status=ItemStatus.ONGOING) for p in report.items.all()}
    report = workflow.transition(report, "save", user, version=report.version, summary="", items=items)
    return workflow.transition(report, "submit", user)


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("truongthon1", 200),
        ("vanhoaxahoi", 200),
        ("lanhdao", 200),
        ("truongthon2", 404),
        ("mttq", 404),
        ("phongkinhte", 404),
    ],
)
def test_who_may_open_a_village_form(client_for, own_report, username, status):
    assert client_for(username).get(own_report.get_absolute_url()).status_code == status


def test_anonymous_is_sent_to_login(client, own_report):
    response = client.get(own_report.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_forged_ids_get_404(client_for):
    client = client_for("truongthon1")
    assert client.get("/reports/999999/").status_code == 404
    assert client.get("/reports/attachments/999999/").status_code == 404
    assert client.get("/reports/exports/999999/").status_code == 404


def test_village_head_saves_a_draft(client_for, own_report):
    response = client_for("truongthon1").post(own_report.get_absolute_url(), form_data(own_report))
    assert response.status_code == 302
    own_report.refresh_from_db()
    assert own_report.version == 2 and own_report.state == ProgressReport.State.DRAFT
    assert own_report.items.filter(done="Đã họp thôn").count() == 5


def test_others_cannot_post_to_a_form(client_for, own_report):
    for name in ("truongthon2", "mttq"):
        assert client_for(name).post(own_report.get_absolute_url(), form_data(own_report)).status_code == 404
    for name in ("vanhoaxahoi", "lanhdao"):
        assert client_for(name).post(own_report.get_absolute_url(), form_data(own_report)).status_code == 403
    own_report.refresh_from_db()
    assert own_report.version == 1


def test_validation_error_keeps_text_and_saves_the_valid_part(client_for, own_report, plan):
    indicator = Indicator.objects.get(code="don-tiep-nhan", item__area__plan=plan)
    row = own_report.items.get(item=indicator.item)
    other = own_report.items.exclude(pk=row.pk).first()
    data = form_data(
        own_report,
        **{
            f"p{row.pk}-fig-{indicator.pk}": "-3",
            f"p{row.pk}-done": "Nội dung dài đã gõ",
            f"p{other.pk}-difficulties": "<script>alert(1)</script>",
        },
    )
    response = client_for("truongthon1").post(own_report.get_absolute_url(), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nội dung dài đã gõ" in body and "&lt;script&gt;" in body and "<script>alert" not in body
    own_report.refresh_from_db()
    row.refresh_from_db()
    other.refresh_from_db()
    assert row.done == "Nội dung dài đã gõ"  # the valid text is kept as a draft
    assert other.difficulties == ""  # the HTML is not stored
    assert not FigureValue.objects.filter(progress=row).exists()
    # The page carries the new version: saving again is not a conflict.
    assert f'value="{own_report.version}"' in body


def test_second_save_from_a_stale_copy_is_a_conflict(client_for, own_report):
    stale = form_data(own_report)
    client = client_for("truongthon1")
    assert client.post(own_report.get_absolute_url(), form_data(own_report)).status_code == 302
    stale[f"p{own_report.items.first().pk}-done"] = "Văn bản của người thứ hai"
    response = client.post(own_report.get_absolute_url(), stale)
    assert response.status_code == 409
    assert "Văn bản của người thứ hai" in response.content.decode()
    assert not own_report.items.filter(done="Văn bản của người thứ hai").exists()


def test_submit_and_double_submit(client_for, own_report):
    client = client_for("truongthon1")
    data = form_data(own_report, action="submit")
    assert client.post(own_report.get_absolute_url(), data).status_code == 302
    response = client.post(own_report.get_absolute_url(), data)
    assert response.status_code == 302
    own_report.refresh_from_db()
    assert own_report.state == ProgressReport.State.SUBMITTED
    assert own_report.events.count() == 1


def test_submit_without_statuses_is_kept_as_draft(client_for, own_report):
    response = client_for("truongthon1").post(
        own_report.get_absolute_url(), form_data(own_report, status="", action="submit")
    )
    assert response.status_code == 400
    own_report.refresh_from_db()
    assert own_report.state == ProgressReport.State.DRAFT and own_report.items.filter(done="Đã họp thôn").count() == 5


def test_review_by_role(client_for, own_report, user_named):
    report = submitted(own_report, user_named("truongthon1"))
    url = reverse("reports:review", args=[report.pk])
    assert client_for("truongthon1").post(url, {"action": "accept"}).status_code == 403
    assert client_for("lanhdao").post(url, {"action": "accept"}).status_code == 403
    assert client_for("truongthon2").post(url, {"action": "accept"}).status_code == 404
    client = client_for("vanhoaxahoi")
    assert client.post(url, {"action": "return", "comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.state == ProgressReport.State.SUBMITTED
    client.post(url, {"action": "return", "comment": "Bổ sung số liệu"})
    report.refresh_from_db()
    assert report.state == ProgressReport.State.RETURNED
    page = client_for("truongthon1").get(report.get_absolute_url()).content.decode()
    assert "Bổ sung số liệu" in page and 'id="report-form"' in page


def test_accepted_form_is_read_only(client_for, own_report, user_named):
    report = workflow.transition(submitted(own_report, user_named("truongthon1")), "accept", user_named("vanhoaxahoi"))
    client = client_for("truongthon1")
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="report-form"' not in page
    assert client.post(report.get_absolute_url(), form_data(report)).status_code == 403


def test_attachment_upload_and_permission_checked_download(client_for, own_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("truongthon1")
    url = reverse("reports:attachment_add", args=[own_report.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"MZ" + b"\x00" * 300)})
    assert bad.status_code == 400 and not own_report.attachments.exists()
    ok = client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert ok.status_code == 302
    attachment = own_report.attachments.get()
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert client_for("truongthon2").get(attachment.get_absolute_url()).status_code == 404
    assert client_for("truongthon2").post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.4\n")}).status_code == 404


@pytest.mark.parametrize(
    ("username", "status"),
    [("vanhoaxahoi", 200), ("lanhdao", 200), ("mttq", 200), ("truongthon1", 403), ("phongkinhte", 403)],
)
def test_consolidated_by_role(client_for, own_report, username, status):
    assert (
        client_for(username).get(reverse("consolidation:consolidated", args=[own_report.period_id])).status_code
        == status
    )


@pytest.mark.parametrize(
    ("username", "status"), [("vanhoaxahoi", 200), ("lanhdao", 200), ("mttq", 403), ("truongthon1", 403)]
)
def test_dashboard_by_role(client_for, plan, username, status):
    assert client_for(username).get(reverse("consolidation:dashboard")).status_code == status


def test_start_pages(client_for, plan, own_report):
    page = client_for("truongthon1").get("/start/").content.decode()
    assert own_report.get_absolute_url() in page
    assert "Theo dõi báo cáo" in client_for("vanhoaxahoi").get("/start/").content.decode()
    leadership = client_for("lanhdao").get("/start/").content.decode()
    assert "Theo dõi báo cáo" in leadership and "Nhắc nộp" not in leadership


def test_start_page_without_reports_work_is_the_plans_one(client_for, demo):
    response = client_for("truongthon1").get("/start/")
    assert response.status_code == 200
    assert "plans/_start_panel.html" in [t.name for t in response.templates]


def test_exports_pdf_and_xlsx(
    celery_eager, client_for, own_report, user_named, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    submitted(own_report, user_named("truongthon1"))
    client = client_for("vanhoaxahoi")
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("consolidation:export_start", args=[own_report.period_id]), {"format": fmt})
        assert response.status_code == 302
        page = client.get(response["Location"])
        assert "export-download" in page.content.decode()
        job_url = response["Location"] + "file/"
        file = client.get(job_url)
        assert file.status_code == 200 and b"".join(file.streaming_content).startswith(magic)
        other = Client()
        other.force_login(user_named("lanhdao"))
        assert other.get(job_url).status_code == 404  # another user's job
    assert (
        client.post(reverse("consolidation:export_start", args=[own_report.period_id]), {"format": "exe"}).status_code
        == 400
    )


def test_remind_from_dashboard(celery_eager, client_for, own_report, mailoutbox, django_capture_on_commit_callbacks):
    url = reverse("reports:remind", args=[own_report.pk])
    assert client_for("lanhdao").post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for("vanhoaxahoi").post(url).status_code == 302
    assert len(mailoutbox) == 1
    assert own_report.events.filter(kind="reminded").count() == 1


def test_grace_by_coordinator_only(client_for, own_report):
    url = reverse("consolidation:grace", args=[own_report.period_id])
    assert client_for("lanhdao").post(url, {"grace_days": 5}).status_code == 403
    client_for("vanhoaxahoi").post(url, {"grace_days": 5})
    own_report.period.refresh_from_db()
    assert own_report.period.grace_days == 5
    client_for("vanhoaxahoi").post(url, {"grace_days": 500})
    own_report.period.refresh_from_db()
    assert own_report.period.grace_days == 5


@pytest.mark.parametrize(
    ("username", "status"), [("mttq", 200), ("lanhdao", 200), ("vanhoaxahoi", 200), ("truongthon1", 403)]
)
def test_period_list_by_role(client_for, plan, username, status):
    response = client_for(username).get(reverse("consolidation:periods"))
    assert response.status_code == status
    if status == 200:
        assert (
            reverse("consolidation:consolidated", args=[plan.periods.get(code="6thang").pk])
            in response.content.decode()
        )


def test_department_edits_its_own_form_only(client_for, report_of):
    own, other = report_of("phong-kinh-te"), report_of("vp-hdnd-ubnd")
    client = client_for("phongkinhte")
    assert client.post(own.get_absolute_url(), form_data(own)).status_code == 302
    assert client.get(other.get_absolute_url()).status_code == 404
    page = client.get("/start/").content.decode()
    assert own.get_absolute_url() in page and other.get_absolute_url() not in page


def test_mttq_reads_and_edits_its_own_form(client_for, report_of):
    own = report_of("ubmttq")
    client = client_for("mttq")
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.post(own.get_absolute_url(), form_data(own)).status_code == 302


def test_coordinator_reopens_a_closed_period_for_one_body(client_for, own_report, report_of):
    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, 0, tzinfo=TZ), tick=False):
        head = client_for("truongthon1")
        assert head.post(own_report.get_absolute_url(), form_data(own_report)).status_code == 403
        client_for("vanhoaxahoi").post(reverse("reports:review", args=[own_report.pk]), {"action": "reopen"})
        head = client_for("truongthon1")
        own_report.refresh_from_db()  # reopening is a change: a copy loaded before it would be a conflict
        assert head.post(own_report.get_absolute_url(), form_data(own_report)).status_code == 302
        other = report_of("thon-002")
        assert client_for("truongthon2").post(other.get_absolute_url(), form_data(other)).status_code == 403


def test_coordinator_generates_expected_reports(client_for, demo):
    plan = demo.demo_plan()
    url = reverse("reports:generate")
    assert client_for("lanhdao").post(url).status_code == 403
    assert client_for("vanhoaxahoi").post(url).status_code == 302
    assert ProgressReport.objects.filter(period__plan=plan).count() == 48
    assert client_for("vanhoaxahoi").post(url).status_code == 302  # again: nothing more
    assert ProgressReport.objects.filter(period__plan=plan).count() == 48


@time_machine.travel(EARLY)
def test_consolidated_links_each_item_to_every_bodys_words(client_for, own_report, user_named):
    row = own_report.items.select_related("item").first()
    report = workflow.transition(
        own_report,
        "save",
        user_named("truongthon1"),
        version=own_report.version,
        summary="",
        items={p.pk: ItemData(status=ItemStatus.ONGOING, done="Họp thôn 3 lần") for p in own_report.items.all()},
    )
    workflow.transition(report, "submit", user_named("truongthon1"))
    coordinator = client_for("vanhoaxahoi")
    item_url = reverse("consolidation:consolidated_item", args=[own_report.period_id, row.item_id])
    assert (
        item_url in coordinator.get(reverse("consolidation:consolidated", args=[own_report.period_id])).content.decode()
    )
    response = coordinator.get(item_url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thôn Đông Giao" in page and "Họp thôn 3 lần" in page
    assert "Thôn Hoàng Xá" in page and "chưa báo cáo" in page


def test_consolidated_item_of_another_plan_is_not_found(client_for, own_report):
    from camgiang_portal.actors import SYSTEM
    from plans.services import plan_copy_to_year

    next_year = plan_copy_to_year(plan=own_report.period.plan, by=SYSTEM)
    other_plan_item = next_year.areas.first().items.first()
    coordinator = client_for("vanhoaxahoi")
    assert (
        coordinator.get(
            reverse("consolidation:consolidated_item", args=[own_report.period_id, other_plan_item.pk])
        ).status_code
        == 404
    )
    assert (
        coordinator.get(reverse("consolidation:consolidated_item", args=[own_report.period_id, 999999])).status_code
        == 404
    )
    assert (
        client_for("truongthon1")
        .get(reverse("consolidation:consolidated_item", args=[own_report.period_id, 999999]))
        .status_code
        == 403
    )


@pytest.mark.parametrize(
    ("username", "dashboard", "consolidated"),
    [("vanhoaxahoi", True, True), ("mttq", False, True), ("truongthon1", False, False)],
)
def test_nav_links_follow_the_reports_permissions(client_for, plan, username, dashboard, consolidated):
    page = client_for(username).get(reverse("plans:list")).content.decode()
    assert (f'href="{reverse("consolidation:dashboard")}"' in page) is dashboard
    assert (f'href="{reverse("consolidation:periods")}"' in page) is consolidated


def test_period_list_shows_span_state_and_reopened_bodies(client_for, own_report, user_named):
    with time_machine.travel(datetime.datetime(2026, 6, 20, 9, 0, tzinfo=TZ)):
        workflow.transition(own_report, "reopen", user_named("vanhoaxahoi"))
        page = client_for("vanhoaxahoi").get(reverse("consolidation:periods")).content.decode()
    six = page[page.index('data-testid="period-6thang"') :].split("</li>")[0]
    assert "Số liệu từ 01/01/2026 đến 30/06/2026" in six
    assert "Đã khóa" in six and "Mở lại cho 1 đơn vị" in six
    nine = page[page.index('data-testid="period-9thang"') :].split("</li>")[0]
    assert "Đang nhận báo cáo" in nine
