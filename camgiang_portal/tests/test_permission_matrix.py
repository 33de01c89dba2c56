"""Every URL that takes an object id, requested by every demo role with another body's objects.

The URL patterns are read from the URLconf: a new view with an id in its URL fails this test until it
is given its expected answers below, so nobody has to remember to cover it.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from camgiang_portal.actors import SYSTEM

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ["anonymous", "admin", "lanhdao", "vanhoaxahoi", "phongkinhte", "mttq", "truongthon1"]
ALLOW, DENY, LOGIN = "allow", "deny", "login"
EVERY_OFFICIAL = {role: ALLOW for role in ROLES[1:]}
MANAGERS_ONLY = {
    "admin": ALLOW,
    "vanhoaxahoi": ALLOW,
    "lanhdao": DENY,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
READ_ALL = {
    "admin": ALLOW,
    "lanhdao": ALLOW,
    "vanhoaxahoi": ALLOW,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
REVIEWERS = {
    "admin": ALLOW,
    "vanhoaxahoi": ALLOW,
    "lanhdao": DENY,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
CONSOLIDATED = {
    "admin": ALLOW,
    "lanhdao": ALLOW,
    "vanhoaxahoi": ALLOW,
    "mttq": ALLOW,
    "phongkinhte": DENY,
    "truongthon1": DENY,
}
LEADERSHIP = {
    "admin": ALLOW,
    "lanhdao": ALLOW,
    "vanhoaxahoi": DENY,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
# The administrator is a superuser: Django grants it every permission, by design.
PUBLIC = {"anonymous": ALLOW, **{role: ALLOW for role in ROLES[1:]}}
DISCLOSURE_MANAGERS = {
    "admin": ALLOW,
    "lanhdao": ALLOW,
    "vanhoaxahoi": ALLOW,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
FEEDBACK_MODERATORS = {
    "admin": ALLOW,
    "mttq": ALLOW,
    "lanhdao": DENY,
    "vanhoaxahoi": DENY,
    "phongkinhte": DENY,
    "truongthon1": DENY,
}
RECEPTION_OFFICE = {
    "admin": ALLOW,
    "lanhdao": ALLOW,
    "vanhoaxahoi": ALLOW,
    "phongkinhte": DENY,
    "mttq": DENY,
    "truongthon1": DENY,
}
NOBODY_BUT_OWNER = {**{role: DENY for role in ROLES[1:]}, "admin": ALLOW}

# url name → (method, object key in the world fixture, {role: expected}); anonymous always gets the login page.
MATRIX: dict[str, tuple[str, str, dict[str, str]]] = {
    "plans:detail": ("get", "plan", EVERY_OFFICIAL),
    "plans:pdf": ("get", "plan", EVERY_OFFICIAL),
    "plans:matrix": ("get", "plan", EVERY_OFFICIAL),
    "plans:matrix_remove_kind": ("post", "plan", MANAGERS_ONLY),
    "plans:copy": ("post", "plan", MANAGERS_ONLY),
    "plans:new_version": ("post", "plan", MANAGERS_ONLY),
    "plans:body": ("get", "other_body", READ_ALL),
    # GET is the confirmation page; POST issues and signs (issuance/tests/test_views.py covers it per role).
    "issuance:plan_issue": ("get", "plan", LEADERSHIP),
    # The world's plan was never issued, so it has no signed file: 404 for everyone (issued, every official
    # who sees the plan gets it: issuance/tests/test_views.py).
    "issuance:plan_document": ("get", "plan", {role: DENY for role in ROLES[1:]}),
    "reports:form": ("get", "other_report", READ_ALL),
    "consolidation:report_pdf": ("get", "other_report", READ_ALL),
    "reports:review": ("post", "other_report", REVIEWERS),
    "reports:remind": ("post", "other_report", REVIEWERS),
    "reports:attachment_add": ("post", "other_report", NOBODY_BUT_OWNER),
    "reports:attachment": ("get", "other_attachment", READ_ALL),
    "reports:attachment_delete": ("post", "other_attachment", NOBODY_BUT_OWNER),
    "consolidation:consolidated": ("get", "period", CONSOLIDATED),
    "consolidation:consolidated_item": ("get", "period_item", CONSOLIDATED),
    # GET is the confirmation page; POST issues and signs the period's Báo cáo (reports/tests/test_issue.py).
    "consolidation:consolidated_issue": ("get", "period", LEADERSHIP),
    "consolidation:export_start": ("post", "period", CONSOLIDATED),
    "consolidation:grace": ("post", "period", REVIEWERS),
    "consolidation:import": ("get", "period", REVIEWERS),
    # The Báo cáo's outline: whoever reads the consolidated report reads it; the coordinator changes it.
    "consolidation:outline": ("get", "period", CONSOLIDATED),
    "consolidation:outline_sections": ("post", "period", REVIEWERS),
    "consolidation:outline_import": ("get", "period", REVIEWERS),
    # The Báo cáo's draft: whoever reads the consolidated report reads it, previews it and downloads it; the
    # coordinator saves it and restores a version (leadership and the MTTQ get 403 on POST).
    "consolidation:draft": ("get", "period", CONSOLIDATED),
    "consolidation:draft_preview": ("get", "period", CONSOLIDATED),
    "consolidation:draft_docx": ("get", "period", CONSOLIDATED),
    "consolidation:draft_restore": ("post", "period", REVIEWERS),
    # Public pages: everyone, signed in or not.
    "publicity:disclosure": ("get", "disclosure", PUBLIC),
    "publicity:disclosure_attachment": ("get", "disclosure_attachment", PUBLIC),
    "publicity:quarterly_list": ("get", "quarter", PUBLIC),
    "publicity:quarterly_list_pdf": ("get", "quarter", PUBLIC),
    # Disclosures are managed by the coordinator, leadership and administrator for every body.
    "publicity:officials_disclosure": ("get", "disclosure", DISCLOSURE_MANAGERS),
    "publicity:officials_disclosure_edit": ("get", "disclosure", DISCLOSURE_MANAGERS),
    "publicity:officials_disclosure_publish": ("post", "disclosure", DISCLOSURE_MANAGERS),
    "publicity:officials_disclosure_archive": ("post", "disclosure", DISCLOSURE_MANAGERS),
    "publicity:officials_disclosure_loudspeaker": ("post", "disclosure", DISCLOSURE_MANAGERS),
    # A citizen's case: the MTTQ and the body it was forwarded to (here another village) only.
    "publicity:officials_feedback": ("get", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_attachment": ("get", "feedback_attachment", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_classify": ("post", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_forward": ("post", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_return": ("post", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_close": ("post", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_publish": ("post", "feedback", FEEDBACK_MODERATORS),
    "publicity:officials_feedback_answer": ("post", "feedback", NOBODY_BUT_OWNER),
    "publicity:officials_reception_edit": ("get", "reception", RECEPTION_OFFICE),
    # An export job belongs to whoever asked for it, the administrator included.
    "consolidation:export": ("get", "other_export", {role: DENY for role in ROLES[1:]}),
    "consolidation:export_file": ("get", "other_export", {role: DENY for role in ROLES[1:]}),
    # POST only (the period list's form): the coordinator sets the period's data span.
    "consolidation:period_span": ("post", "period", REVIEWERS),
}
# A URL answering both methods gets its second row here: the draft's page saves on POST (the button, the autosave).
ALSO: list[tuple[str, str, str, dict[str, str]]] = [
    ("consolidation:draft", "post", "period", REVIEWERS),
]


def _draft_version(world) -> int:
    from consolidation.models import ReportDraft

    return ReportDraft.objects.get(period=world["period"]).version


# What a POST sends, read when it is sent (the version the editor's page was made from, so a permitted save is
# a save, not the conflict); without a row, a POST sends nothing.
POSTED = {
    "consolidation:draft": lambda world: {"version": _draft_version(world), "basis": "Căn cứ Kế hoạch."},
    "consolidation:draft_restore": lambda world: {
        "history": world["draft"].history.filter(version=1).get().history_id,
        "version": _draft_version(world),
    },
}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def urls_with_ids() -> list[str]:
    names = []
    for name, pattern in _patterns():
        converters = getattr(pattern.pattern, "converters", {})
        takes_an_id = any(isinstance(c, IntConverter) for c in converters.values())
        if takes_an_id and not name.startswith("admin:"):
            names.append(name)
    return sorted(set(names))


def test_every_url_with_an_id_is_in_the_matrix():
    missing = [name for name in urls_with_ids() if name not in MATRIX]
    assert missing == [], f"give these URLs their expected answers in MATRIX: {missing}"


@pytest.fixture
def world(demo, django_user_model, frozen_in_may):
    """Objects that belong to Thôn Hoàng Xá (truongthon2's village), seen by everyone else."""
    from plans.models import Body
    from reports import services as report_services
    from reports.models import ExportJob, ProgressReport

    plan = demo.demo_plan()
    report_services.report_expected_generate(plan=plan, by=SYSTEM)
    other_body = Body.objects.get(code="thon-002")
    other_report = ProgressReport.objects.get(body=other_body, period__code="6thang")
    owner = django_user_model.objects.get(username="truongthon2")
    pdf = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    attachment = report_services.attachment_add(report=other_report, by=owner, upload=pdf)
    export = ExportJob.objects.create(period=other_report.period, format="xlsx", requested_by=owner)
    mttq = django_user_model.objects.get(username="mttq")
    coordinator = django_user_model.objects.get(username="vanhoaxahoi")
    rows = public_side_and_draft(body=other_body, coordinator=coordinator, report=other_report, word="xã")
    from publicity import services as publicity_services

    publicity_services.feedback_classify(feedback=rows["feedback"], by=mttq, kind="phan_anh")
    rows["feedback"] = publicity_services.feedback_forward(feedback=rows["feedback"], by=mttq, body=other_body)
    return {**rows, "plan": plan, "other_body": other_body, "other_attachment": attachment, "other_export": export}


def public_side_and_draft(*, body, coordinator, report, word: str) -> dict:
    """The rows every world has besides its plan: a published disclosure of `body` and a citizen's case from it
    (each with a file), a reception session, the period's draft Báo cáo saved twice; keyed as MATRIX names them."""
    from datetime import date

    from consolidation import drafts
    from publicity import services as publicity_services

    disclosure = publicity_services.disclosure_save(
        by=coordinator,
        data={
            "category": 7,
            "title": "Danh sách hộ nghèo",
            "text": "Kết quả bình xét.",
            "body": body,
            "forms": ["a", "b"],
            "decision_date": date(2026, 5, 18),
        },
        files=[SimpleUploadedFile("danh-sach.pdf", PDF, content_type="application/pdf")],
    )
    disclosure = publicity_services.disclosure_publish(item=disclosure, by=coordinator, start_date=date(2026, 5, 19))
    feedback = publicity_services.feedback_submit(
        kind="phan_anh",
        subject="Đèn đường hỏng",
        content="Đèn hỏng hai tuần.",
        village=body,
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
            "place": f"Trụ sở UBND {word}",
            "receiver": f"Chủ tịch UBND {word}",
        },
    )
    period = report.period
    drafts.draft_save(period=period, basis="Căn cứ.", texts={}, version=0, by=SYSTEM)
    draft = drafts.draft_save(period=period, basis="Căn cứ, lần hai.", texts={}, version=1, by=SYSTEM)
    return {
        "draft": draft,
        "disclosure": disclosure,
        "disclosure_attachment": {"pk": disclosure.pk, "attachment_pk": disclosure.attachments.get().pk},
        "feedback": feedback,
        "feedback_attachment": {"pk": feedback.pk, "attachment_pk": feedback.attachments.get().pk},
        "reception": session,
        "quarter": {"year": 2026, "quarter": 2},
        "other_report": report,
        "period": period,
        "period_item": {"period_pk": period.pk, "item_pk": report.items.first().item_id},
    }


def _kwargs(pattern, obj) -> dict:
    if isinstance(obj, dict):  # several ids, or a year and a quarter
        return obj
    return {name: obj.pk for name in pattern.pattern.converters}


PATTERNS = dict(_patterns())


@pytest.mark.parametrize("role", ROLES)
def test_answers_match_the_matrix(client, world, role, django_user_model):
    if role != "anonymous":
        client.force_login(django_user_model.objects.get(username=role))
    wrong = []
    rows = [(name, *row) for name, row in sorted(MATRIX.items())] + ALSO
    for url_name, method, key, expected_by_role in rows:
        url = reverse(url_name, kwargs=_kwargs(PATTERNS[url_name], world[key]))
        data = POSTED[url_name](world) if method == "post" and url_name in POSTED else None
        response = getattr(client, method)(url, data)
        status = response.status_code
        expected = expected_by_role.get("anonymous", LOGIN) if role == "anonymous" else expected_by_role[role]
        location = response.get("Location", "")
        if expected == LOGIN:
            ok = status == 302 and "/accounts/login/" in location
        elif expected == DENY:
            ok = status in (403, 404)
        else:
            ok = status in (200, 302, 400) and "/accounts/login/" not in location
        if not ok:
            wrong.append(f"{method.upper()} {url_name} {url}: {status}, expected {expected}")
    assert wrong == []
