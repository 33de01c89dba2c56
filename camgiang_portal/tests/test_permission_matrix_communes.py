"""The permission matrix across two communes: every id of commune B is a 404 for every role of commune A.

The same URLs as test_permission_matrix (read from the URLconf there), with the ids of a world built in Phường
An Hải, requested under Cẩm Giang's address by each of Cẩm Giang's demo roles, its administrator included. The
rows being scoped by commune (communes.scoping), no view has to say so: the lookup itself finds nothing.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests.test_permission_matrix import (
    MATRIX,
    PATTERNS,
    PDF,
    POSTED,
    ROLES,
    _kwargs,
    public_side_and_draft,
)
from communes.current import use_commune

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
DEMO_PASSWORD = "camgiang2026"
# Rows whose URL takes no id of a row (a year and a quarter): the same for every commune, each its own list.
NOT_AN_ID = {"publicity:quarterly_list", "publicity:quarterly_list_pdf"}
# Not separated yet (issue 15, in progress): empty once publicity and issuance carry their commune.
NOT_YET: set[str] = set()


@pytest.fixture
def world_b(demo, settings, django_user_model, frozen_in_may):
    """Phường An Hải on the platform: its plan imported, a ward's form with an attachment, an export, and the
    public side and draft Báo cáo every world has."""
    from plans import services as plan_services
    from plans.demo import DemoSite, plan_text
    from plans.models import Body, Role
    from plans.onboarding import commune_onboard
    from reports import services as report_services
    from reports.models import ExportJob, ProgressReport

    settings.PLATFORM_COMMUNES = "many"
    demo.demo_plan()  # Cẩm Giang's own plan and forms, so that its roles have something of their own
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM, password=DEMO_PASSWORD).commune
    with use_commune(an_hai):
        ward = plan_services.body_create(
            commune=an_hai, code="an-hai--to-dan-pho-1", name="Tổ dân phố số 1", kind=Body.Kind.VILLAGE
        )
        head = plan_services.account_create(
            username="an-hai.truongthon1", password=DEMO_PASSWORD, role=Role.VILLAGE_HEAD, body=ward
        )
        coordinator = django_user_model.objects.get(username="an-hai.vanhoaxahoi")
        text = plan_text(DemoSite(an_hai, 2))  # the seed plan in An Hải's words
        plan = plan_services.plan_import(source=text, filename="ke-hoach.md", by=coordinator).plan
        report_services.report_expected_generate(plan=plan, by=SYSTEM)
        report = ProgressReport.objects.select_related("body", "period").get(body=ward, period__code="6thang")
        pdf = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
        attachment = report_services.attachment_add(report=report, by=head, upload=pdf)
        export = ExportJob.objects.create(period=report.period, format="xlsx", requested_by=head)
        rows = public_side_and_draft(body=ward, coordinator=coordinator, report=report, word="phường")
    return {**rows, "plan": plan, "other_body": ward, "other_attachment": attachment, "other_export": export}


def _url(commune_slug: str, url_name: str, world) -> str:
    return f"/xa/{commune_slug}{reverse(url_name, kwargs=_kwargs(PATTERNS[url_name], world[MATRIX[url_name][1]]))}"


@pytest.mark.parametrize("role", ROLES)
def test_every_id_of_another_commune_is_a_404(client, world_b, role, django_user_model):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=role))
    wrong = []
    for url_name, (method, _key, _expected) in sorted(MATRIX.items()):
        if url_name in NOT_AN_ID | NOT_YET:
            continue
        url = _url("cam-giang", url_name, world_b)
        data = POSTED[url_name](world_b) if method == "post" and url_name in POSTED else None
        response = getattr(client, method)(url, data)
        location = response.get("Location", "")
        # Not signed in, a staff page asks for the login before it looks anything up: that is no leak either.
        ok = response.status_code == 404 or (role == "anonymous" and "/accounts/login/" in location)
        if not ok:
            wrong.append(f"{method.upper()} {url_name} {url}: {response.status_code} {location}")
    assert wrong == [], "\n".join(wrong)


def test_the_ids_are_real_in_their_own_commune(client, world_b, django_user_model):
    """The control: the same ids answer in An Hải for An Hải's coordinator, so the 404s above mean something."""
    client.force_login(django_user_model.objects.get(username="an-hai.vanhoaxahoi"))
    for url_name in ("plans:detail", "reports:form", "consolidation:consolidated", "consolidation:draft"):
        response = client.get(_url("an-hai", url_name, world_b))
        assert response.status_code == 200, (url_name, response.status_code)
