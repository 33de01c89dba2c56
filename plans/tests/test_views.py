"""Officials' plan pages: who sees what, the browser import, the matrix, copying, and query counts."""

import pytest
from django.urls import reverse

from plans.demo import SEED_PLAN
from plans.models import Assignment, Body, Plan
from plans.tests.factories import BodyFactory, small_plan

OFFICIALS = ["admin", "lanhdao", "vanhoaxahoi", "phongkinhte", "mttq", "truongthon1"]


@pytest.fixture
def plan(demo):
    return demo.demo_plan()


@pytest.mark.parametrize("username", OFFICIALS)
def test_every_official_reads_the_plan(client_for, plan, username):
    client = client_for(username)
    assert client.get(reverse("plans:list")).status_code == 200
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vũ Mạnh Huy" in html
    assert "Thôn Đông Giao" in html  # who implements
    assert "05/06/2026" in html  # deadlines as dd/mm/yyyy


@pytest.mark.parametrize("url_name", ["plans:list", "start"])
def test_anonymous_is_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_cannot_open_a_plan_detail(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 302


def test_forged_plan_id_is_404(client_for, plan):
    assert client_for("vanhoaxahoi").get(reverse("plans:detail", args=[plan.pk + 999])).status_code == 404


def test_village_head_sees_only_own_body_page(client_for, plan):
    client = client_for("truongthon1")
    own = Body.objects.get(code="thon-001")
    other = Body.objects.get(code="thon-002")
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("username", ["vanhoaxahoi", "lanhdao", "admin"])
def test_coordinator_leadership_and_admin_see_every_body_page(client_for, plan, username):
    other = Body.objects.get(code="thon-002")
    assert client_for(username).get(other.get_absolute_url()).status_code == 200


def test_body_page_lists_assigned_items(client_for, plan):
    body = Body.objects.get(code="thon-001")
    html = client_for("truongthon1").get(body.get_absolute_url()).content.decode()
    assert "3.đ" in html


@pytest.mark.parametrize("username", ["lanhdao", "phongkinhte", "mttq", "truongthon1"])
def test_only_the_coordinator_imports(client_for, db, demo, username):
    assert client_for(username).get(reverse("plans:import")).status_code == 403


def test_browser_import_preview_then_confirm(client_for, demo):
    client = client_for("vanhoaxahoi")
    with SEED_PLAN.open("rb") as fh:
        preview = client.post(reverse("plans:import"), {"file": fh})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Xác nhận nhập kế hoạch" in html
    assert not Plan.objects.exists()  # the preview writes nothing
    data = {"token": preview.context["confirm"].initial["token"]}
    done = client.post(reverse("plans:import_confirm"), data)
    plan = Plan.objects.get()
    assert done.status_code == 302 and done.url == plan.get_absolute_url()
    # A second click on "confirm" refuses clearly and duplicates nothing.
    again = client.post(reverse("plans:import_confirm"), data, follow=True)
    assert "Đã có kế hoạch năm 2026" in again.content.decode()
    assert Plan.objects.count() == 1


def test_browser_import_rejects_bad_files_with_a_message(client_for, demo, tmp_path):
    client = client_for("vanhoaxahoi")
    bad = tmp_path / "anh.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with bad.open("rb") as fh:
        response = client.post(reverse("plans:import"), {"file": fh})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not Plan.objects.exists()


def test_tampered_confirmation_is_refused(client_for, demo):
    response = client_for("vanhoaxahoi").post(
        reverse("plans:import_confirm"), {"source": "!!!not-base64", "filename": "x.md"}, follow=True
    )
    assert "xin tải tệp lên lại" in response.content.decode()
    assert not Plan.objects.exists()


def test_html_in_an_imported_plan_is_escaped(client_for, demo):
    text = (
        SEED_PLAN.read_text()
        .replace("Phát huy", "Phát huy")
        .replace(
            "a) Các cơ quan, đơn vị, thôn tiếp tục", 'a) <script>alert("x")</script> Các cơ quan, đơn vị, thôn tiếp tục'
        )
    )
    from camgiang_portal.actors import SYSTEM
    from plans import services

    plan = services.plan_import(source=text.encode(), filename="x.md", by=SYSTEM).plan
    html = client_for("vanhoaxahoi").get(plan.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_coordinator_edits_the_matrix(client_for, plan):
    client = client_for("vanhoaxahoi")
    page = client.get(reverse("plans:matrix", args=[plan.pk]))
    assert page.status_code == 200
    item = plan.areas.get(number="1").items.get(label="a")
    mttq = Body.objects.get(code="ubmttq")
    data = {f"a-{a.item_id}-{a.body_id}": a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    data[f"a-{item.pk}-{mttq.pk}"] = "supervise"
    response = client.post(reverse("plans:matrix", args=[plan.pk]), data)
    assert response.status_code == 302
    assert Assignment.objects.get(item=item, body=mttq).role == "supervise"


def test_matrix_rejects_malformed_keys(client_for, plan):
    response = client_for("vanhoaxahoi").post(reverse("plans:matrix", args=[plan.pk]), {"a-x-y": "lead"})
    assert response.status_code == 400


@pytest.mark.parametrize("username", ["lanhdao", "truongthon1", "mttq"])
def test_others_read_but_cannot_change_the_matrix(client_for, plan, username):
    client = client_for(username)
    assert client.get(reverse("plans:matrix", args=[plan.pk])).status_code == 200
    count = Assignment.objects.count()
    assert client.post(reverse("plans:matrix", args=[plan.pk]), {}).status_code == 403
    assert Assignment.objects.count() == count


def test_copy_to_next_year_from_the_page(client_for, plan):
    client = client_for("vanhoaxahoi")
    response = client.post(reverse("plans:copy", args=[plan.pk]), {"year": 2027})
    copy = Plan.objects.get(year=2027)
    assert response.url == copy.get_absolute_url()
    again = client.post(reverse("plans:copy", args=[plan.pk]), {"year": 2027}, follow=True)
    assert "Đã có kế hoạch năm 2027" in again.content.decode()
    assert client_for("truongthon1").post(reverse("plans:copy", args=[plan.pk]), {"year": 2028}).status_code == 403


def test_confirming_a_flagged_body(client_for, demo):
    body = BodyFactory(
        name="Ban Thanh tra nhân dân", code="ban-ttnd", kind=Body.Kind.ORGANISATION, needs_confirmation=True
    )
    client = client_for("vanhoaxahoi")
    assert "Ban Thanh tra nhân dân" in client.get(reverse("plans:bodies_pending")).content.decode()
    client.post(reverse("plans:bodies_pending"), {"body": body.pk})
    body.refresh_from_db()
    assert not body.needs_confirmation
    assert client.post(reverse("plans:bodies_pending"), {"body": "abc"}).status_code == 302


def _page_queries(client, url, django_assert_max_num_queries, captured):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    captured.append(len(ctx.captured_queries))


@pytest.mark.parametrize("url_name", ["plans:detail", "plans:matrix"])
def test_plan_page_queries_do_not_grow_with_bodies(client_for, demo, url_name, django_assert_max_num_queries):
    counts = []
    client = client_for("vanhoaxahoi")
    for size in (3, 30):
        bodies = [BodyFactory() for _ in range(size)]
        plan = small_plan(bodies)
        _page_queries(client, reverse(url_name, args=[plan.pk]), django_assert_max_num_queries, counts)
        Plan.objects.filter(pk=plan.pk).delete()
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_body_page_queries_are_bounded(client_for, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("vanhoaxahoi")
    with CaptureQueriesContext(connection) as ctx:
        client.get(Body.objects.get(code="thon-001").get_absolute_url())
    assert len(ctx.captured_queries) <= 12


@pytest.mark.django_db
def test_start_page_shows_what_section_iii_asks_of_the_body(client_for, demo):
    demo.demo_plan()
    mttq = client_for("mttq").get("/start/").content.decode()
    assert 'data-testid="duties"' in mttq and "giám sát quá trình giải quyết phản ánh" in mttq
    department = client_for("phongkinhte").get("/start/").content.decode()
    assert "Theo chức năng, nhiệm vụ tổ chức triển khai" in department
    assert "giám sát quá trình giải quyết phản ánh" not in department
