"""Domain rules of the reports app: expected reports, saving, submitting, lateness, review, figures, files."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from camgiang_portal.actors import SYSTEM
from consolidation import gather
from consolidation import selectors as consolidation_selectors
from plans.models import Body
from reports import permissions, selectors, services, workflow
from reports.models import FigureValue, Indicator, ItemProgress, ItemStatus, ProgressReport, ReviewEvent
from reports.rows import ItemData

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=TZ)


def fill(report, by, status=ItemStatus.ONGOING, figures=None):
    items = {p.pk: ItemData(status=status, done="Đã họp thôn", figures=figures or {}) for p in report.items.all()}
    return workflow.transition(report, "save", by, version=report.version, summary="", items=items)


@pytest.mark.django_db
def test_expected_reports_for_every_assigned_body_and_period(plan):
    reporting = Body.objects.filter(assignments__item__area__plan=plan).distinct().count()
    assert ProgressReport.objects.filter(period__plan=plan).count() == reporting * 3
    # Five items in the small plan: one row per assigned item.
    assert ItemProgress.objects.filter(report__period__plan=plan).count() == reporting * 3 * 5
    assert not ProgressReport.objects.filter(body__code="lanh-dao").exists()


@pytest.mark.django_db
def test_expected_generation_is_idempotent(plan):
    before = ProgressReport.objects.count(), ItemProgress.objects.count()
    assert services.report_expected_generate(plan=plan, by=SYSTEM) == 0
    assert (ProgressReport.objects.count(), ItemProgress.objects.count()) == before


@pytest.mark.django_db
def test_body_group_gets_object_permissions(plan, user_named, own_report, report_of):
    head = user_named("truongthon1")
    assert head.has_perm("reports.change_progressreport", own_report)
    assert not head.has_perm("reports.change_progressreport", report_of("thon-002"))
    assert set(permissions.reports_for_user(head).values_list("body__code", flat=True)) == {"thon-001"}
    assert permissions.reports_for_user(user_named("vanhoaxahoi")).count() == ProgressReport.objects.count()
    assert permissions.reports_for_user(user_named("lanhdao")).count() == ProgressReport.objects.count()
    assert set(permissions.reports_for_user(user_named("mttq")).values_list("body__code", flat=True)) == {"ubmttq"}


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_save_then_submit_on_time(own_report, user_named):
    head = user_named("truongthon1")
    report = fill(own_report, head)
    assert report.version == 2
    report = workflow.transition(report, "submit", head)
    assert report.state == ProgressReport.State.SUBMITTED and not report.is_late
    assert report.events.get().kind == ReviewEvent.Kind.SUBMITTED


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_conflicting_save_is_refused(own_report, user_named):
    head = user_named("truongthon1")
    stale_version = own_report.version
    fill(own_report, head)
    with pytest.raises(workflow.ReportConflict):
        workflow.transition(own_report, "save", head, version=stale_version, summary="x", items={})
    own_report.refresh_from_db()
    assert own_report.summary == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (datetime.datetime(2026, 6, 5, 23, 59, tzinfo=TZ), False),  # any time on the due date is on time
        (datetime.datetime(2026, 6, 5, 17, 30, tzinfo=datetime.UTC), True),  # 00:30 on 06/06 in Việt Nam
        (datetime.datetime(2026, 6, 4, 20, 0, tzinfo=datetime.UTC), False),  # 03:00 on 05/06 in Việt Nam
    ],
)
def test_lateness_is_judged_on_the_local_calendar_day(own_report, user_named, moment, late):
    head = user_named("truongthon1")
    # A late form can only come in during the grace the coordinator gives after the due date.
    own_report.period.grace_days = 5
    own_report.period.save()
    with time_machine.travel(EARLY):
        report = fill(own_report, head)
    with time_machine.travel(moment):
        report = workflow.transition(report, "submit", head, at=moment)
    assert report.is_late is late


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_double_submit_changes_nothing(own_report, user_named):
    head = user_named("truongthon1")
    report = workflow.transition(fill(own_report, head), "submit", head)
    again = workflow.transition(report, "submit", head)
    assert again.version == report.version
    assert report.events.filter(kind=ReviewEvent.Kind.SUBMITTED).count() == 1


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_submit_needs_every_status(own_report, user_named):
    head = user_named("truongthon1")
    with pytest.raises(ValidationError):
        workflow.transition(own_report, "submit", head)
    own_report.refresh_from_db()
    assert own_report.state == ProgressReport.State.DRAFT


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_return_resubmit_accept(own_report, user_named):
    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    report = workflow.transition(fill(own_report, head), "submit", head)
    with pytest.raises(ValidationError):
        workflow.transition(report, "return", coordinator, comment="  ")
    report = workflow.transition(report, "return", coordinator, comment="Bổ sung số liệu")
    assert report.state == ProgressReport.State.RETURNED
    assert workflow.allows(head, report, "save")
    report = workflow.transition(fill(report, head), "submit", head)
    report = workflow.transition(report, "accept", coordinator)
    assert report.state == ProgressReport.State.ACCEPTED
    assert not workflow.allows(head, report, "save")
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "submitted", "accepted"]
    assert report.history.count() >= 5


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_only_the_coordinator_reviews(own_report, user_named):
    head = user_named("truongthon1")
    report = workflow.transition(fill(own_report, head), "submit", head)
    for name in ("truongthon1", "lanhdao", "mttq", "phongkinhte"):
        with pytest.raises(workflow.ReportNotEditable):
            workflow.transition(report, "accept", user_named(name))


@pytest.mark.django_db
def test_closed_period_blocks_editing_until_reopened(own_report, user_named):
    head, coordinator = user_named("truongthon1"), user_named("vanhoaxahoi")
    with time_machine.travel(datetime.datetime(2026, 6, 6, 8, 0, tzinfo=TZ)):
        assert not workflow.allows(head, own_report, "save")
        services.period_grace_set(period=own_report.period, grace_days=3, by=coordinator)
        own_report.period.refresh_from_db()
        assert workflow.allows(head, own_report, "save")
    with time_machine.travel(datetime.datetime(2026, 6, 9, 8, 0, tzinfo=TZ)):
        assert not workflow.allows(head, own_report, "save")
        report = workflow.transition(own_report, "reopen", coordinator)
        assert workflow.allows(head, report, "save")
        assert report.events.filter(kind=ReviewEvent.Kind.REOPENED, by=coordinator).exists()


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_figures_are_validated(plan, own_report, user_named):
    head = user_named("truongthon1")
    received = Indicator.objects.get(code="don-tiep-nhan", item__area__plan=plan)
    resolved = Indicator.objects.get(code="don-giai-quyet", item__area__plan=plan)
    row = own_report.items.get(item=received.item)
    for figures in ({received.pk: 3, resolved.pk: 5}, {received.pk: -1}, {received.pk: received.max_value + 1}):
        with pytest.raises(ValidationError):
            workflow.transition(
                own_report,
                "save",
                head,
                version=own_report.version,
                summary="",
                items={row.pk: ItemData(figures=figures)},
            )
    assert not FigureValue.objects.exists()
    workflow.transition(
        own_report,
        "save",
        head,
        version=own_report.version,
        summary="",
        items={row.pk: ItemData(figures={received.pk: 5, resolved.pk: 5})},
    )
    assert FigureValue.objects.count() == 2


def test_seeded_indicators_cover_the_issue_list(plan):
    codes = set(Indicator.objects.filter(item__area__plan=plan).values_list("code", flat=True)) | set(
        Indicator.objects.filter(area__plan=plan).values_list("code", flat=True)
    )
    assert len(codes) == len(services.SEED_INDICATORS)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 32


@pytest.mark.django_db
@time_machine.travel(EARLY)
@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bien-ban.pdf", PDF, True),
        ("anh.png", PNG, True),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100, False),  # an executable named .pdf
        ("ghi-chu.txt", b"chi la van ban", False),
        ("rong.pdf", b"", False),
    ],
)
def test_attachment_type_by_content(own_report, user_named, name, content, ok, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    head = user_named("truongthon1")
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if ok:
        attachment = services.attachment_add(report=own_report, by=head, upload=upload)
        assert attachment.file.name.startswith("reports/") and (tmp_path / attachment.file.name).exists()
    else:
        with pytest.raises(ValidationError):
            services.attachment_add(report=own_report, by=head, upload=upload)
        assert not own_report.attachments.exists()


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_oversized_attachment_is_refused(own_report, user_named, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError):
        services.attachment_add(report=own_report, by=user_named("truongthon1"), upload=upload)


@pytest.mark.django_db(transaction=True)
def test_remind_mails_the_body_and_its_people(celery_eager, demo, user_named, settings):
    from reports.tests.conftest import build_plan

    plan = build_plan()
    report = ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="thon-001")
    services.report_remind(report=report, by=user_named("vanhoaxahoi"))
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"thon-001@camgiang.gov.vn", "truongthon1@camgiang.gov.vn"}
    assert report.events.filter(kind=ReviewEvent.Kind.REMINDED).count() == 1
    # One commune: signed, sent and linked as the deployment always was.
    assert mail.outbox[0].body.endswith("Phòng Văn hóa – Xã hội, UBND xã Cẩm Giang.")
    assert f"{settings.SITE_URL}/reports/{report.pk}/" in mail.outbox[0].body
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


@pytest.mark.django_db
def test_remind_mail_of_another_commune_names_it_and_links_to_its_host(demo, settings):
    from communes.models import Commune
    from communes.tests.factories import CommuneFactory
    from plans.models import Plan
    from plans.tests.factories import BodyFactory, small_plan

    settings.PLATFORM_COMMUNES = "many"
    an_hai = CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, host="anhai.haiphong.gov.vn")
    village = BodyFactory(commune=an_hai, code="an-hai-thon-1", name="Thôn 1 An Hải", email="thon1@anhai.test")
    plan = small_plan([village])
    Plan.objects.filter(pk=plan.pk).update(commune=an_hai)
    report = ProgressReport.objects.create(body=village, period=plan.periods.get(code="6thang"))
    event = ReviewEvent.objects.create(report=report, kind=ReviewEvent.Kind.REMINDED)
    assert services.report_remind_send(event=event) == 1
    (message,) = mail.outbox
    scheme = settings.SITE_URL.split("://")[0]
    assert f"{scheme}://anhai.haiphong.gov.vn/reports/{report.pk}/" in message.body
    assert message.body.endswith("Phòng Văn hóa – Xã hội, UBND phường An Hải.") and "Cẩm Giang" not in message.body
    assert message.from_email == "UBND phường An Hải <no-reply@camgiang.gov.vn>"


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_plan_progress_rolls_up_accepted_statuses(plan, report_of, user_named):
    coordinator = user_named("vanhoaxahoi")
    for code, status in (
        ("thon-001", ItemStatus.DONE),
        ("thon-002", ItemStatus.IN_PROGRESS),
        ("thon-003", ItemStatus.NOT_STARTED),
    ):
        head = user_named(f"truongthon{code[-1]}")
        report = workflow.transition(fill(report_of(code), head, status=status), "submit", head)
        if code != "thon-003":
            workflow.transition(report, "accept", coordinator)
    period = report_of("thon-001").period
    progress = consolidation_selectors.plan_progress(plan, period)
    assert progress["percent"] == 75  # (100 + 50) / 2; the submitted-only form is not counted
    assert all(item["percent"] == 75 for area in progress["areas"] for item in area["items"])
    first_area = progress["areas"][0]["area"]
    first_area.items.update(weight=3)
    item = first_area.items.first()
    ItemProgress.objects.filter(item=item, report__body__code="thon-002").update(status=ItemStatus.DONE)
    progress = consolidation_selectors.plan_progress(plan, period)
    # area 1: item a at 100 (weight 3), item b at 75 (weight 3) → 88 (87.5 rounded)
    assert progress["areas"][0]["percent"] == 88


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_consolidated_sums_figures_and_gathers_words(plan, report_of, user_named):
    received = Indicator.objects.get(code="don-tiep-nhan", item__area__plan=plan)
    for code, value in (("thon-001", 4), ("thon-002", 6), ("thon-003", 100)):
        head = user_named(f"truongthon{code[-1]}")
        report = report_of(code)
        items = {
            p.pk: ItemData(
                status=ItemStatus.ONGOING,
                difficulties="Thiếu kinh phí",
                figures={received.pk: value} if p.item_id == received.item_id else {},
            )
            for p in report.items.all()
        }
        report = workflow.transition(report, "save", head, version=report.version, summary="", items=items)
        if code != "thon-003":  # a draft is not counted
            workflow.transition(report, "submit", head)
    data = gather.consolidated(report_of("thon-001").period)
    summary = next(s for _area, ss in data.areas for s in ss if s.item.pk == received.item_id)
    assert dict((i.code, total) for i, total in summary.figures)["don-tiep-nhan"] == 10
    assert summary.difficulties == [("Thiếu kinh phí", ["Thôn Đông Giao", "Thôn Hoàng Xá"])]
    assert {r.body.code for r in data.missing} >= {"thon-003"} and "thon-001" not in {r.body.code for r in data.missing}


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_consolidated_item_gives_every_body_its_words_and_figures(plan, report_of, user_named):
    received = Indicator.objects.get(code="don-tiep-nhan", item__area__plan=plan)
    for code, value in (("thon-001", 4), ("thon-002", 6)):
        head = user_named(f"truongthon{code[-1]}")
        report = report_of(code)
        items = {
            p.pk: ItemData(
                status=ItemStatus.ONGOING,
                done=f"Đã tiếp nhận {value} đơn",
                figures={received.pk: value} if p.item_id == received.item_id else {},
            )
            for p in report.items.all()
        }
        report = workflow.transition(report, "save", head, version=report.version, summary="", items=items)
        if code == "thon-001":  # thon-002 stays a draft
            workflow.transition(report, "submit", head)
    period = report_of("thon-001").period
    rows = {row.body.code: row for row in consolidation_selectors.consolidated_item(period, received.item)}
    assert len(rows) == period.progress_reports.count()
    assert rows["thon-001"].reported and rows["thon-001"].progress.done == "Đã tiếp nhận 4 đơn"
    assert dict((i.code, v) for i, v in rows["thon-001"].figures)["don-tiep-nhan"] == 4
    assert not rows["thon-002"].reported


@pytest.mark.django_db
def test_consolidated_page_shows_the_most_shared_texts_first():
    from consolidation.gather import TOP_TEXTS, ItemSummary

    summary = ItemSummary(item=None, difficulties=[(f"Ý kiến {n}", ["Thôn"] * n) for n in range(1, TOP_TEXTS + 3)])
    top = summary.top_difficulties
    assert len(top) == TOP_TEXTS
    assert top[0] == (f"Ý kiến {TOP_TEXTS + 2}", ["Thôn"] * (TOP_TEXTS + 2))


@pytest.mark.django_db
@time_machine.travel(EARLY)
def test_each_changed_row_is_kept_in_history_with_who_changed_it(own_report, user_named):
    head = user_named("truongthon1")
    rows = list(own_report.items.order_by("pk"))
    first, others = rows[0], rows[1:]
    items = {p.pk: ItemData(status=p.status, done=p.done) for p in rows}
    items[first.pk] = ItemData(status=ItemStatus.ONGOING, done="Đã họp thôn")
    report = workflow.transition(own_report, "save", head, version=own_report.version, summary="", items=items)
    record = first.history.latest()
    assert (record.done, record.history_user) == ("Đã họp thôn", head)
    # Rows saved unchanged leave no history behind (a draft is saved often).
    assert all(not p.history.exists() for p in others)
    workflow.transition(report, "save", head, version=report.version, summary="", items=items)
    assert first.history.count() == 1


@pytest.mark.django_db
def test_forms_of_a_fresh_plan_come_with_the_standard_figures(demo):
    plan = demo.demo_plan()  # as imported from its text: no indicators yet
    assert not Indicator.objects.filter(item__area__plan=plan).exists()
    services.report_expected_generate(plan=plan, by=SYSTEM)
    assert Indicator.objects.filter(code="don-tiep-nhan", item__area__plan=plan).exists()
    report = ProgressReport.objects.filter(period__plan=plan).first()
    assert any(row.indicator_values for row in selectors.report_items(report))


@pytest.mark.django_db
def test_a_plan_with_its_own_figures_keeps_them(demo):
    plan = demo.demo_plan()
    item = plan.areas.first().items.first()
    Indicator.objects.create(item=item, code="rieng", name="Số buổi tuyên truyền", unit="buổi", max_value=100, order=1)
    services.report_expected_generate(plan=plan, by=SYSTEM)
    assert list(Indicator.objects.filter(item__area__plan=plan).values_list("code", flat=True)) == ["rieng"]
