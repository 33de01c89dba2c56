"""The permission matrix across two communes: every URL with an id, with an object of commune B, asked for by
every role of commune A under A's address, is the 404 — whatever that role may do with A's own objects.

It reuses the one-commune matrix's list of URLs (read from the URLconf, so a new page is covered here too) and
builds, in a second commune (Phường An Hải), the same objects the one-commune matrix builds in Cẩm Giang.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests.test_permission_matrix import MATRIX, PATTERNS, PDF, ROLES, _kwargs
from communes.current import use_commune

AN_HAI = "11617"
PASSWORD = "camgiang2026"
SEED_NAME = "Cẩm Giang"


def _an_hai_plan(an_hai):
    """The seed plan, as An Hải's own: the same text with its name (the importer reads the commune from it)."""
    from plans import demo as plans_demo
    from plans import services

    name = an_hai.name.split(" ", 1)[1]  # "Phường An Hải" → "An Hải"
    text = plans_demo.SEED_PLAN.read_text(encoding="utf-8")
    text = text.replace(SEED_NAME.upper(), name.upper()).replace(SEED_NAME, name)
    text = text.replace("XÃ ", "PHƯỜNG ").replace("UBND xã", "UBND phường")
    return services.plan_import(source=text.encode(), filename="ke-hoach-an-hai.md", by=SYSTEM).plan


@pytest.fixture
def world_b(demo, django_user_model, settings):
    """Commune B (An Hải) with a plan, forms, a file, an export, a disclosure, a case, a session and a draft."""
    from consolidation import drafts
    from plans import services as plan_services
    from plans.models import Body, Role
    from plans.onboarding import commune_onboard
    from publicity import services as publicity_services
    from reports import services as report_services
    from reports.models import ExportJob, ProgressReport

    settings.PLATFORM_COMMUNES = "many"
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM, password=PASSWORD).commune
    with use_commune(an_hai):
        village = plan_services.body_ensure(
            commune=an_hai, code="an-hai--thon-001", name="Tổ dân phố 1", kind=Body.Kind.VILLAGE, order=1
        )
        owner = plan_services.account_ensure(
            username="an-hai.truongthon1", password=PASSWORD, role=Role.VILLAGE_HEAD, body=village, email=""
        )
        plan = _an_hai_plan(an_hai)
        report_services.report_expected_generate(plan=plan, by=SYSTEM)
        report = ProgressReport.objects.filter(body=village).select_related("period").first()
        assert report is not None, "the seed plan gives An Hải's village a form"
        upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
        attachment = report_services.attachment_add(report=report, by=owner, upload=upload)
        export = ExportJob.objects.create(period=report.period, format="xlsx", requested_by=owner)
        disclosure = publicity_services.disclosure_save(
            by=SYSTEM,
            data={
                "category": 7,
                "title": "Danh sách hộ nghèo",
                "text": "Kết quả bình xét.",
                "body": village,
                "forms": ["a", "b"],
                "decision_date": date(2026, 5, 18),
            },
            files=[SimpleUploadedFile("danh-sach.pdf", PDF, content_type="application/pdf")],
        )
        disclosure = publicity_services.disclosure_publish(item=disclosure, by=SYSTEM, start_date=date(2026, 5, 19))
        feedback = publicity_services.feedback_submit(
            kind="phan_anh",
            subject="Đèn đường hỏng",
            content="Đèn hỏng hai tuần.",
            village=village,
            name="Nguyễn Văn Dân",
            phone="0912345678",
            consent=True,
            files=[SimpleUploadedFile("don.pdf", PDF, content_type="application/pdf")],
        )
        session = publicity_services.reception_session_save(
            by=SYSTEM,
            data={
                "date": date(2026, 5, 25),
                "start_time": "07:30",
                "end_time": "11:00",
                "place": "Trụ sở UBND phường",
                "receiver": "Chủ tịch UBND phường",
            },
        )
        draft = drafts.draft_save(period=report.period, basis="Căn cứ.", texts={}, version=0, by=SYSTEM)
        item = report.items.first()
    return {
        "draft": draft,
        "disclosure": disclosure,
        "disclosure_attachment": {"pk": disclosure.pk, "attachment_pk": disclosure.attachments.get().pk},
        "feedback": feedback,
        "feedback_attachment": {"pk": feedback.pk, "attachment_pk": feedback.attachments.get().pk},
        "reception": session,
        "quarter": {"year": 2026, "quarter": 2},
        "plan": plan,
        "other_body": village,
        "other_report": report,
        "other_attachment": attachment,
        "period": report.period,
        "period_item": {"period_pk": report.period_id, "item_pk": item.item_id},
        "other_export": export,
    }


# Pages of a year and a quarter carry no id of B: they are A's own list, not B's object.
NOT_AN_ID = {"publicity:quarterly_list", "publicity:quarterly_list_pdf"}


@pytest.mark.parametrize("role", ROLES)
def test_every_id_of_another_commune_is_a_404_for_every_role(client, world_b, role, django_user_model):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=role))
    wrong = []
    for url_name, (method, key, expected_by_role) in sorted(MATRIX.items()):
        if url_name in NOT_AN_ID:
            continue
        url = "/xa/cam-giang" + reverse(url_name, kwargs=_kwargs(PATTERNS[url_name], world_b[key]))
        response = getattr(client, method)(url)
        status = response.status_code
        # Signed out, a staff page asks for the login before anything is looked up; that is no answer about B.
        signed_out = role == "anonymous" and expected_by_role.get("anonymous") is None
        if signed_out:
            ok = status == 302 and "/accounts/login/" in response.get("Location", "")
        else:
            ok = status == 404
        if not ok:
            wrong.append(f"{method.upper()} {url_name} {url}: {status}")
    assert wrong == []


@pytest.mark.parametrize("username", ["vanhoaxahoi", "lanhdao", "truongthon1"])
def test_under_bs_address_as_officials_of_a_see_only_the_public_site(client, world_b, username, django_user_model):
    client.force_login(django_user_model.objects.get(username=username))
    for url_name in ("plans:detail", "reports:form", "consolidation:consolidated", "consolidation:draft"):
        key = MATRIX[url_name][1]
        url = "/xa/an-hai" + reverse(url_name, kwargs=_kwargs(PATTERNS[url_name], world_b[key]))
        response = client.get(url)
        assert response.status_code == 302 and "/xa/an-hai/accounts/login/" in response["Location"], url
    disclosure = world_b["disclosure"]
    assert client.get(f"/xa/an-hai/cong-khai/{disclosure.pk}/").status_code == 200


def test_bs_officials_work_on_bs_objects_under_bs_address(client, world_b, django_user_model):
    client.force_login(django_user_model.objects.get(username="an-hai.vanhoaxahoi"))
    plan = world_b["plan"]
    assert client.get(f"/xa/an-hai/plans/{plan.pk}/").status_code == 200
    assert client.get(f"/xa/cam-giang/plans/{plan.pk}/").status_code == 302  # nobody in Cẩm Giang: the login
