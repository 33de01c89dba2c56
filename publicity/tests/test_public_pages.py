"""Public pages: home, the plan and its progress, search without diacritics, open data, reception schedule."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from camgiang_portal.actors import SYSTEM
from plans.models import Body, Item
from plans.tests.factories import small_plan
from publicity import selectors, services
from publicity.models import ReceptionSession

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan(demo):
    plan = small_plan(list(Body.objects.filter(code__in=["thon-001", "phong-vhxh"])))
    item = Item.objects.filter(area__plan=plan).first()
    item.text = "Tổ chức hội nghị lấy ý kiến Nhân dân về thực hiện dân chủ ở cơ sở"
    item.save()
    return plan


@pytest.fixture
def published(demo, user_named):
    vhxh = Body.objects.get(code="phong-vhxh")
    item = services.disclosure_save(
        by=user_named("vanhoaxahoi"),
        data={
            "category": 4,
            "title": "Quy chế Dân Chủ ở cơ sở của xã",
            "text": "Toàn văn quy chế",
            "body": vhxh,
            "forms": ["a", "b"],
        },
    )
    return services.disclosure_publish(item=item, by=user_named("vanhoaxahoi"))


@pytest.fixture
def session(demo):
    return services.reception_session_save(
        by=SYSTEM,
        data={
            "date": timezone.localdate() + datetime.timedelta(days=3),
            "receiver": "Chủ tịch UBND xã Vũ Mạnh Huy",
            "place": "Phòng tiếp công dân",
        },
    )


def test_home_shows_plan_disclosures_schedule_and_how_to_send(client, plan, published, session):
    html = client.get("/").content.decode()
    assert plan.full_title in html
    assert published.title in html
    assert "Chủ tịch UBND xã Vũ Mạnh Huy" in html
    assert reverse("publicity:feedback") in html


def test_home_without_anything(client, db):
    assert client.get("/").status_code == 200


def test_home_query_count_is_bounded(client, plan, published, session, make_feedback, django_assert_max_num_queries):
    for _ in range(5):
        make_feedback()
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_plan_page_without_reports_app_progress(client, plan):
    html = client.get("/ke-hoach/").content.decode()
    assert "chưa có báo cáo được duyệt" in html
    assert "dân chủ ở cơ sở" in html


def test_plan_page_when_no_plan(client, db):
    assert "chưa được đăng tải" in client.get("/ke-hoach/").content.decode()


@pytest.mark.parametrize("query", ["dan chu", "DAN CHU", "Dân Chủ", "quy che dan chu"])
def test_search_ignores_diacritics_and_case(client, plan, published, query):
    results = selectors.search(query)
    assert published in results["disclosures"]
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert published.title in html


def test_search_finds_plan_items_and_published_answers(client, plan, forwarded, user_named):
    assert selectors.search("thuc hien dan chu")["items"]
    services.feedback_answer(feedback=forwarded, by=user_named("truongthon1"), answer="Đã lắp đèn chiếu sáng mới")
    services.feedback_close(feedback=forwarded, by=user_named("mttq"))
    assert not selectors.search("den chieu sang")["feedback"]  # not yet published
    services.feedback_publish(feedback=forwarded, by=user_named("mttq"), public_summary="Đèn đường hỏng")
    assert selectors.search("DEN CHIEU SANG")["feedback"] == [forwarded]
    assert client.get("/tim-kiem/", {"q": "<script>"}).status_code == 200


def test_open_data_csv_and_json_have_no_personal_data(client, plan, published, make_feedback):
    make_feedback()
    for name in ("ke-hoach", "cong-khai", "thong-ke-phan-anh"):
        csv_response = client.get(reverse("publicity:dataset", args=[name, "csv"]))
        json_response = client.get(reverse("publicity:dataset", args=[name, "json"]))
        assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
        data = json.loads(json_response.content)
        assert data["rows"]
        for body in (csv_response.content.decode(), json_response.content.decode()):
            assert "Nguyễn Văn Dân" not in body and "0912345678" not in body and "dan@example.com" not in body
    stats = json.loads(client.get(reverse("publicity:dataset", args=["thong-ke-phan-anh", "json"])).content)["rows"]
    assert {"dimension": "total", "key": "", "label": "Tổng số", "count": 1} in stats
    assert client.get("/du-lieu-mo/khac.csv").status_code == 404
    assert client.get("/du-lieu-mo/ke-hoach.xml").status_code == 404
    assert client.get("/du-lieu-mo/").status_code == 200


def test_reception_public_page_and_counts(client, session):
    past = services.reception_session_save(
        by=SYSTEM,
        data={
            "date": timezone.localdate() - datetime.timedelta(days=2),
            "receiver": "Chủ tịch",
            "held": True,
            "citizens_received": 4,
        },
    )
    html = client.get("/tiep-cong-dan/").content.decode()
    assert session.receiver in html
    stats = selectors.reception_stats(past.date.year)
    assert stats["held"] == 1 and stats["citizens"] == 4


@pytest.mark.parametrize(
    "username,status",
    [("vanhoaxahoi", 200), ("lanhdao", 200), ("truongthon1", 403), ("mttq", 403), ("phongkinhte", 403)],
)
def test_reception_editing_per_role(client_for, username, status):
    assert client_for(username).get(reverse("publicity:officials_reception")).status_code == status


def test_office_edits_the_schedule(client, demo, django_user_model):
    from plans.models import Role
    from plans.services import membership_set

    clerk = django_user_model.objects.create_user("vanphong")
    membership_set(user=clerk, body=Body.objects.get(code="vp-hdnd-ubnd"), role=Role.DEPARTMENT)
    client.force_login(clerk)
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(
        reverse("publicity:officials_reception"),
        {
            "date": day.isoformat(),
            "start_time": "07:30",
            "end_time": "11:00",
            "place": "Trụ sở UBND xã",
            "receiver": "Chủ tịch",
            "citizens_received": 0,
        },
    )
    assert response.status_code == 302
    assert ReceptionSession.objects.get().date == day


def test_reception_bad_input(client_for):
    client = client_for("vanhoaxahoi")
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        reverse("publicity:officials_reception"),
        {
            "date": day,
            "start_time": "11:00",
            "end_time": "07:00",
            "place": "x",
            "receiver": "y",
            "citizens_received": 0,
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("publicity:officials_reception"),
        {
            "date": day,
            "start_time": "07:00",
            "end_time": "11:00",
            "place": "x",
            "receiver": "y",
            "held": "on",
            "citizens_received": 3,
        },
    )
    assert response.status_code == 400
    assert not ReceptionSession.objects.exists()


def test_anonymous_reaches_no_reception_editing(client, session):
    for url in (
        reverse("publicity:officials_reception"),
        reverse("publicity:officials_reception_edit", args=[session.pk]),
    ):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("username", ["vanhoaxahoi", "mttq", "truongthon1", "phongkinhte", "lanhdao", "admin"])
def test_dashboard_per_role(client_for, username, forwarded):
    response = client_for(username).get(reverse("publicity:officials_dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "0912345678" not in html  # never personal data on the dashboard
    if username == "vanhoaxahoi":
        assert 'data-testid="overdue-count"' in html


def test_seed_demo_adds_publicity_data_idempotently(settings, client):
    from django.core.management import call_command

    from publicity.models import DisclosureItem, Feedback

    settings.DEMO_PASSWORD = "camgiang2026"
    call_command("seed_demo")
    counts = (DisclosureItem.objects.count(), ReceptionSession.objects.count(), Feedback.objects.count())
    call_command("seed_demo")
    assert (DisclosureItem.objects.count(), ReceptionSession.objects.count(), Feedback.objects.count()) == counts
    assert counts[0] >= 6 and counts[1] >= 10 and counts[2] >= 4
    assert Feedback.objects.filter(status="published").exists()
    assert client.get("/").status_code == 200


def test_plan_page_shows_each_items_status_and_what_was_done_from_accepted_reports(client, demo):
    from reports import workflow
    from reports.models import ItemStatus, ProgressReport
    from reports.tests.conftest import build_plan

    plan = build_plan()
    period = plan.periods.get(code="6thang")
    accepted, draft = ProgressReport.objects.filter(period=period).order_by("pk")[:2]
    accepted.items.update(status=ItemStatus.DONE, done="Đã họp thôn, niêm yết công khai")
    for step in ("submit", "accept"):
        workflow.transition(accepted, step, None, replay=True)
    draft.items.update(status=ItemStatus.ONGOING, done="Nội dung nháp chưa duyệt")
    html = client.get("/ke-hoach/").content.decode()
    assert "Tiến độ chung: 100%" in html
    assert 'data-testid="item-statuses"' in html and f"{ItemStatus.DONE.label}: 1" in html
    assert "Đã họp thôn, niêm yết công khai" in html
    assert "Nội dung nháp chưa duyệt" not in html  # only what the coordinator accepted reaches the public


def test_public_plan_pdf(client, plan):
    response = client.get(reverse("publicity:plan_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert reverse("publicity:plan_pdf") in client.get("/ke-hoach/").content.decode()


def test_public_plan_pdf_of_an_issued_plan_is_the_signed_file(client, plan, signing_identity):
    """A citizen who downloads the issued plan and checks it at /xac-thuc/ learns it is the portal's document."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from issuance import services as issuance_services

    document = issuance_services.plan_issue(plan=plan, by=SYSTEM)
    response = client.get(reverse("publicity:plan_pdf"))
    assert response.status_code == 200 and response.content == document.file.read()
    assert "ke-hoach-2026-so-01.pdf" in response["Content-Disposition"]
    upload = SimpleUploadedFile("ke-hoach.pdf", response.content, content_type="application/pdf")
    html = client.post("/xac-thuc/", {"file": upload}).content.decode()
    assert "Chữ ký số hợp lệ" in html and "Tệp trùng khớp với văn bản số 01/KH-UBND" in html


def test_public_plan_pdf_of_a_superseded_version_is_not_served(client, plan, signing_identity):
    """Once a new version is issued, the public PDF is its signed file, never the superseded one's."""
    from issuance import services as issuance_services
    from plans.tests.factories import PlanFactory

    first = issuance_services.plan_issue(plan=plan, by=SYSTEM)
    revised = PlanFactory(commune=plan.commune, year=plan.year)
    second = issuance_services.plan_issue(plan=revised, by=SYSTEM)
    content = client.get(reverse("publicity:plan_pdf")).content
    assert content == second.file.read() and content != first.file.read()


def test_public_plan_pdf_without_a_plan(client, db):
    assert client.get(reverse("publicity:plan_pdf")).status_code == 404


def test_html_in_reception_fields_is_escaped(client, demo):
    xss = "<script>alert(1)</script>"
    services.reception_session_save(
        by=SYSTEM,
        data={"date": timezone.localdate() + datetime.timedelta(days=1), "receiver": xss, "place": xss, "note": xss},
    )
    for path in ("/", "/tiep-cong-dan/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_forged_ids_on_officials_pages(client_for, demo):
    client = client_for("mttq")
    assert client.get("/can-bo/phan-anh/999999/").status_code == 404
    assert client.post("/can-bo/phan-anh/999999/phan-loai/", {"kind": "phan_anh"}).status_code == 404
    assert client.get("/can-bo/phan-anh/1/tep/1/").status_code == 404
    assert client_for("vanhoaxahoi").get("/can-bo/tiep-cong-dan/999999/").status_code == 404


def test_plan_page_with_real_accepted_reports(client, demo, django_assert_max_num_queries):
    """With the reports app's demo (some reports accepted), the public page shows percentages, never report text."""
    from reports import demo as reports_demo
    from reports.models import ProgressReport

    plan = demo.demo_plan()
    reports_demo.demo_reports(plan=plan)
    if not ProgressReport.objects.filter(state=ProgressReport.State.ACCEPTED).exists():
        pytest.skip("the reports demo accepted no report")
    html = client.get("/ke-hoach/").content.decode()
    assert "Tiến độ chung:" in html
    with django_assert_max_num_queries(20):
        client.get("/ke-hoach/")
