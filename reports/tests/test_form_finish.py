"""A form a village head can finish: "Không phát sinh", one summary of what is missing, whole task texts,
why a late form is still open, and what taking an item from every village does to the forms."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests import pdfcheck
from consolidation import body_paper, gather, papers
from consolidation import selectors as consolidation_selectors
from plans import services as plans_services
from plans.models import Assignment, Body, Item
from reports import permissions, selectors, services, workflow
from reports.models import ItemProgress, ItemStatus, ProgressReport
from reports.rows import ItemData

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLY = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=TZ)
pytestmark = pytest.mark.django_db

# Longer than any cut the pages used to make (40 words on the form, 30 in the PDFs); its last words are the test.
LONG_TEXT = (
    "Tổ chức hội nghị cán bộ, công chức, viên chức của cơ quan, đơn vị để thảo luận, góp ý vào dự thảo quy chế "
    "thực hiện dân chủ trong hoạt động của cơ quan, quy chế chi tiêu nội bộ, quy chế quản lý tài sản công, "
    "kế hoạch công tác năm và các nội dung khác theo quy định của pháp luật về thực hiện dân chủ ở cơ sở, "
    "bảo đảm công khai, minh bạch trong hệ thống chính trị cấp xã và kết thúc bằng cụm từ kiểm tra cuối cùng"
)


@pytest.fixture(autouse=True)
def _before_due_date():
    with time_machine.travel(EARLY, tick=False):
        yield


def answer(report, by, statuses: dict[str, str] | None = None, default=ItemStatus.ONGOING):
    """Save the form with a status per item code (others `default`) and submit it."""
    statuses = statuses or {}
    items = {
        p.pk: ItemData(status=statuses.get(p.item.code, default), done="Đã họp thôn")
        for p in report.items.select_related("item", "item__area")
    }
    report = workflow.transition(report, "save", by, version=report.version, summary="", items=items)
    return workflow.transition(report, "submit", by)


def first_items(plan, count=2) -> list[Item]:
    return list(Item.objects.filter(area__plan=plan).order_by("area__order", "order")[:count])


# --- "Không phát sinh": reported, not done -------------------------------------------------------------


def test_not_applicable_counts_as_reported_not_done(plan, report_of, user_named):
    coordinator = user_named("vanhoaxahoi")
    one, two = first_items(plan)
    # thon-001 says both items did not arise for it; thon-002 did them.
    first = answer(
        report_of("thon-001"), user_named("truongthon1"), {one.code: "not_applicable", two.code: "not_applicable"}
    )
    assert first.state == ProgressReport.State.SUBMITTED and first.is_reported
    second = answer(report_of("thon-002"), user_named("truongthon2"))
    for report in (first, second):
        workflow.transition(report, "accept", coordinator)
    period = first.period

    progress = consolidation_selectors.plan_progress(plan, period)
    rows = {row["item"].pk: row for area in progress["areas"] for row in area["items"]}
    assert rows[one.pk]["percent"] == 100  # thon-002's "ongoing" only: thon-001 is neither 0 nor 100
    assert rows[one.pk]["bodies"] == 1
    assert rows[one.pk]["not_applicable"] == 1
    assert "Không phát sinh" not in [str(label) for label, _count in rows[one.pk]["statuses"]]

    data = gather.consolidated(period)
    summary = next(s for _area, summaries in data.areas for s in summaries if s.item.pk == one.pk)
    assert summary.not_applicable == 1
    assert [(str(label), count) for label, count in summary.status_counts] == [("Thực hiện thường xuyên", 1)]
    # Completeness reads forms: both villages reported.
    dashboard = consolidation_selectors._dashboard_compute(plan)
    six = next(s for s in dashboard["summary"] if s["period"].pk == period.pk)
    assert six["reported"] == 2


def test_an_item_no_body_had_has_no_percentage(plan, report_of, user_named):
    one, _two = first_items(plan)
    report = answer(report_of("thon-001"), user_named("truongthon1"), {one.code: "not_applicable"})
    workflow.transition(report, "accept", user_named("vanhoaxahoi"))
    progress = consolidation_selectors.plan_progress(plan, report.period)
    row = next(row for area in progress["areas"] for row in area["items"] if row["item"].pk == one.pk)
    assert row["percent"] is None and row["not_applicable"] == 1


def test_not_applicable_is_accepted_by_the_xlsx_import_labels():
    from consolidation.imports.reading import _status_lookup

    assert _status_lookup()[re.sub(r"\s+", " ", "không phát sinh")] == ItemStatus.NOT_APPLICABLE


def test_consolidated_page_and_pdf_count_not_applicable_apart(plan, report_of, user_named, client_for):
    one, _two = first_items(plan)
    report = answer(report_of("thon-001"), user_named("truongthon1"), {one.code: "not_applicable"})
    workflow.transition(report, "accept", user_named("vanhoaxahoi"))
    html = (
        client_for("vanhoaxahoi").get(reverse("consolidation:consolidated", args=[report.period_id])).content.decode()
    )
    assert "Không phát sinh: <strong>1</strong> đơn vị (đã báo cáo, không tính vào tỉ lệ hoàn thành)" in html
    # The paper counts the form as reported (its figures and words by section; no item-by-item statuses).
    text = pdfcheck.flat(pdfcheck.text(papers.consolidated_pdf(report.period)))
    assert "1/" in text and "đơn vị đã báo cáo" in text


# --- nothing cut ------------------------------------------------------------------------------------


@pytest.fixture
def long_item(plan):
    item = first_items(plan, 1)[0]
    item.text = LONG_TEXT
    item.save(update_fields=["text"])
    return item


def test_the_form_shows_the_whole_task_text(long_item, own_report, client_for, user_named):
    client = client_for("truongthon1")
    html = client.get(own_report.get_absolute_url()).content.decode()
    assert escape(LONG_TEXT) in html
    assert "Xem đầy đủ" in html  # folded on a phone, never cut
    assert "…" not in html
    answer(own_report, user_named("truongthon1"))
    read_only = client.get(own_report.get_absolute_url()).content.decode()
    assert escape(LONG_TEXT) in read_only


def test_the_consolidated_page_and_pdfs_show_the_whole_task_text(long_item, own_report, client_for, user_named):
    # Unfinished, the task is one of the next period's tasks the Báo cáo's draft says: whole, never cut.
    report = answer(own_report, user_named("truongthon1"), {long_item.code: ItemStatus.IN_PROGRESS})
    workflow.transition(report, "accept", user_named("vanhoaxahoi"))
    html = (
        client_for("vanhoaxahoi").get(reverse("consolidation:consolidated", args=[report.period_id])).content.decode()
    )
    assert escape(LONG_TEXT) in html
    consolidated = pdfcheck.flat(pdfcheck.text(papers.consolidated_pdf(report.period)))
    assert f"- {LONG_TEXT}." in re.sub(r" \d{1,2} ", " ", consolidated)  # the page number where it breaks
    body = pdfcheck.flat(pdfcheck.text(body_paper.body_pdf(report)))
    assert f"{long_item.code}) {LONG_TEXT}" in body


def test_the_import_preview_shows_every_task_text_whole(client_for, demo):
    from plans.demo import SEED_PLAN

    with SEED_PLAN.open("rb") as fh:
        preview = client_for("vanhoaxahoi").post(reverse("plans:import"), {"file": fh})
    html = preview.content.decode()
    texts = [item.text for area in preview.context["parsed"].areas for item in area.items]
    assert max(len(text.split()) for text in texts) > 30  # the seed plan has texts the preview used to cut
    for text in texts:
        assert escape(text) in html


# --- one summary of what is missing ------------------------------------------------------------------


def test_submitting_with_items_missing_shows_one_summary_with_links(own_report, client_for):
    rows = list(own_report.items.select_related("item", "item__area"))
    data = {"version": own_report.version, "summary": "", "action": "submit"}
    for index, row in enumerate(rows):
        data[f"p{row.pk}-status"] = ItemStatus.ONGOING if index == 0 else ""
    response = client_for("truongthon1").post(own_report.get_absolute_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    own_report.refresh_from_db()
    assert own_report.state == ProgressReport.State.DRAFT
    assert html.count(' id="form-problems"') == 1
    summary = html[html.index('id="form-problems"') : html.index("</div>", html.index('id="form-problems"'))]
    assert 'role="alert"' in html[html.index("<div", html.index("<main")) : html.index('id="form-problems"')]
    assert 'tabindex="-1"' in html[html.index("<div", html.index("<main")) : html.index('id="form-problems"')]
    assert f"còn {len(rows) - 1} nhiệm vụ chưa chọn tình hình thực hiện" in summary
    for row in rows[1:]:
        assert f'href="#card-{row.pk}"' in summary
        assert f'id="card-{row.pk}"' in html
    assert f'href="#card-{rows[0].pk}"' not in summary
    # The summary is the first thing on the page: no separate error message above it, before every card.
    assert html.index('id="form-problems"') < html.index('class="card mb-3 item-card')
    assert 'class="messages"' not in html


def test_an_invalid_figure_is_in_the_summary_too(own_report, client_for):
    rows = selectors.report_items(own_report)
    target = next(r for r in rows if r.indicator_values)
    indicator = target.indicator_values[0][0]
    data = {"version": own_report.version, "summary": "", "action": "save", f"p{target.pk}-fig-{indicator.pk}": "-3"}
    for r in rows:
        data[f"p{r.pk}-status"] = ItemStatus.ONGOING
    response = client_for("truongthon1").post(own_report.get_absolute_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#card-{target.pk}"' in html
    summary = html[html.index('id="form-problems"') : html.index('id="report-form"')]
    assert f"{indicator.name}: Phải là số nguyên không âm." in summary


def test_attachments_are_visibly_optional(own_report, client_for):
    html = client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
    assert "Tệp đính kèm (PDF, ảnh, DOCX, XLSX) – không bắt buộc" in html
    assert "(không bắt buộc)" in html


# --- why a late form is still open -------------------------------------------------------------------


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=TZ), tick=False)


def test_before_the_due_date_no_reason_is_needed(own_report, client_for):
    assert permissions.report_openness(own_report) == permissions.Openness(True, "")
    assert (
        'data-testid="open-reason"' not in client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
    )


def test_within_the_grace_days_the_page_says_until_when(own_report, client_for):
    own_report.period.grace_days = 7
    own_report.period.save(update_fields=["grace_days"])
    with at(datetime.date(2026, 6, 8)):
        html = client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
        assert permissions.is_open_for(own_report)
    assert "Đã quá hạn nộp 05/06/2026; kỳ báo cáo được gia hạn, đơn vị còn nộp được đến hết ngày 12/06/2026" in html


def test_a_reopened_form_says_it_was_reopened_and_when(own_report, client_for, user_named):
    with at(datetime.date(2026, 7, 1)):
        assert not permissions.is_open_for(own_report)
        closed = client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
        assert "Kỳ báo cáo đã khóa sau ngày 05/06/2026" in closed
        workflow.transition(own_report, "reopen", user_named("vanhoaxahoi"))
    with at(datetime.date(2026, 7, 3)):
        own_report.refresh_from_db()
        html = client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
        assert workflow.allows(user_named("truongthon1"), own_report, "save")
    assert "Đã mở lại cho đơn vị ngày 01/07/2026" in html
    assert 'data-testid="open-reason"' in html


def test_a_returned_form_says_it_was_returned_for_correction(own_report, client_for, user_named):
    report = answer(own_report, user_named("truongthon1"))
    with at(datetime.date(2026, 7, 1)):
        workflow.transition(report, "return", user_named("vanhoaxahoi"), comment="Bổ sung số liệu.")
        html = client_for("truongthon1").get(own_report.get_absolute_url()).content.decode()
        reason = permissions.report_openness(ProgressReport.objects.get(pk=own_report.pk)).reason
    assert reason.startswith("Đã trả lại để chỉnh sửa")
    assert escape(reason) in html


# --- taking an item from every village -----------------------------------------------------------------


def test_removing_an_item_from_every_village_follows_through_the_forms(plan, report_of, user_named):
    item = first_items(plan, 1)[0]
    sent = answer(report_of("thon-002"), user_named("truongthon2"))
    villages = Body.objects.filter(kind=Body.Kind.VILLAGE, assignments__item=item).count()
    counts = plans_services.assignments_remove_kind(
        plan=plan, item=item, kind=Body.Kind.VILLAGE, by=user_named("vanhoaxahoi")
    )
    assert counts["removed"] == villages
    assert not Assignment.objects.filter(item=item, body__kind=Body.Kind.VILLAGE).exists()
    assert Assignment.objects.filter(item=item, body__kind=Body.Kind.DEPARTMENT).exists()
    # Each removal is in the assignments' history, with who did it.
    removed = Assignment.history.filter(item_id=item.pk, history_type="-")
    assert removed.count() == villages
    assert set(removed.values_list("history_user__username", flat=True)) == {"vanhoaxahoi"}
    # Unsent village drafts lose the item (all three periods); the submitted form keeps what it sent.
    draft = report_of("thon-001")
    assert not draft.items.filter(item=item).exists()
    assert sent.items.filter(item=item).exists()
    assert counts["forms"] == villages * plan.periods.count() - 1
    assert report_of("phong-kinh-te").items.filter(item=item).exists()
    # The village head can now submit without a word on it.
    assert answer(draft, user_named("truongthon1")).state == ProgressReport.State.SUBMITTED
    # Generating the expected forms again does not bring it back.
    services.report_expected_generate(plan=plan, by=SYSTEM)
    assert not report_of("thon-003").items.filter(item=item).exists()


def test_the_matrix_save_drops_removed_items_from_drafts_too(plan, report_of):
    item = first_items(plan, 1)[0]
    village = Body.objects.get(code="thon-001")
    matrix = {(a.item_id, a.body_id): a.role for a in Assignment.objects.filter(item__area__plan=plan)}
    del matrix[(item.pk, village.pk)]
    plans_services.assignments_set(plan=plan, matrix=matrix, by=SYSTEM)
    assert not ItemProgress.objects.filter(report__body=village, item=item).exists()
    assert report_of("thon-002").items.filter(item=item).exists()


def test_the_public_plan_page_counts_not_applicable_apart(plan, report_of, user_named, client):
    one, _two = first_items(plan)
    first = answer(report_of("thon-001"), user_named("truongthon1"), {one.code: "not_applicable"})
    second = answer(report_of("thon-002"), user_named("truongthon2"))
    for report in (first, second):
        workflow.transition(report, "accept", user_named("vanhoaxahoi"))
    html = client.get("/ke-hoach/").content.decode()
    assert "Không phát sinh: 1 đơn vị (không tính vào tiến độ)" in html
    assert "Thực hiện thường xuyên: 1 đơn vị" in html
