"""Bulk update of figures from the export's own XLSX: preview, confirm, all or nothing."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from consolidation import exports as consolidation_exports
from consolidation import gather, imports
from consolidation import selectors as consolidation_selectors
from reports import selectors, workflow
from reports.models import FigureValue, ItemProgress, ItemStatus, ProgressReport, ReviewEvent
from reports.rows import ItemData

pytestmark = pytest.mark.django_db


TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DUE = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=TZ)  # the 6-month report is due 05/06/2026
AFTER_DUE = datetime.datetime(2026, 6, 8, 9, 0, tzinfo=TZ)


def edited(
    period, changes: dict[tuple[str, str, str], object], statuses: dict[tuple[str, str], object] | None = None
) -> bytes:
    """The exported workbook with some cells changed: {(body code, item code, indicator code): value} and
    {(body code, item code or "*" for every item of the body): status cell}."""
    book = load_workbook(io.BytesIO(consolidation_exports.consolidated_xlsx(period)))
    sheet = book["Số liệu"]
    codes = [c.value for c in sheet[1]]  # the hidden row naming each column
    for (body, item, code), value in changes.items():
        column = codes.index(code)
        for row in sheet.iter_rows(min_row=3):
            if row[0].value == body and row[2].value == item:
                row[column].value = value
    status_column = [c.value for c in sheet[2]].index("Tình hình thực hiện")
    for (body, item), value in (statuses or {}).items():
        for row in sheet.iter_rows(min_row=3):
            if row[0].value == body and item in ("*", row[2].value):
                row[status_column].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, period, content, name="so-lieu.xlsx"):
    return client.post(reverse("consolidation:import", args=[period.pk]), {"file": SimpleUploadedFile(name, content)})


def test_preview_then_confirm(client_for, own_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    period = own_report.period
    content = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7, ("thon-001", "2.c", "don-giai-quyet"): 4})
    client = client_for("vanhoaxahoi")
    preview = upload(client, period, content)
    assert preview.status_code == 200 and "import-preview" in preview.content.decode()
    assert not FigureValue.objects.exists()  # a preview writes nothing
    token = preview.context["token"]
    confirmed = client.post(reverse("consolidation:import", args=[period.pk]), {"confirm": "1", "token": token})
    assert confirmed.status_code == 302
    assert sorted(FigureValue.objects.values_list("indicator__code", "value")) == [
        ("don-giai-quyet", 4),
        ("don-tiep-nhan", 7),
    ]
    own_report.refresh_from_db()
    assert own_report.version == 2  # an open copy of the form now gets the conflict message


@pytest.mark.parametrize(
    "changes",
    [
        {("thon-001", "2.c", "don-tiep-nhan"): 2, ("thon-001", "2.c", "don-giai-quyet"): 5},  # resolved > received
        {("thon-001", "2.c", "don-tiep-nhan"): "nhiều"},
        {("thon-001", "2.c", "don-tiep-nhan"): -4},
        {("thon-001", "2.c", "don-tiep-nhan"): 3, ("thon-002", "2.c", "don-tiep-nhan"): 10**9},
    ],
)
def test_row_errors_apply_nothing(client_for, own_report, changes):
    response = upload(client_for("vanhoaxahoi"), own_report.period, edited(own_report.period, changes))
    assert response.status_code == 400 and "import-errors" in response.content.decode()
    assert not FigureValue.objects.exists()


def test_apply_is_all_or_nothing(own_report, user_named):
    content = edited(
        own_report.period, {("thon-001", "2.c", "don-tiep-nhan"): 3, ("thon-002", "2.c", "don-tiep-nhan"): "x"}
    )
    result = imports.figures_import_apply(period=own_report.period, content=content, by=user_named("vanhoaxahoi"))
    assert not result.ok and len(result.errors) == 1 and len(result.changes) == 1
    assert not FigureValue.objects.exists()


def test_malformed_and_foreign_files(client_for, plan, own_report):
    client = client_for("vanhoaxahoi")
    assert upload(client, own_report.period, b"PK\x03\x04 not really a workbook").status_code == 400
    other_period = plan.periods.get(code="9thang")
    assert upload(client, own_report.period, consolidation_exports.consolidated_xlsx(other_period)).status_code == 400


def test_forged_confirm_token(client_for, own_report):
    response = client_for("vanhoaxahoi").post(
        reverse("consolidation:import", args=[own_report.period_id]), {"confirm": "1", "token": "forged"}
    )
    assert response.status_code == 302 and not FigureValue.objects.exists()


@pytest.mark.parametrize("username", ["lanhdao", "mttq", "truongthon1"])
def test_only_the_coordinator_imports(client_for, own_report, username):
    assert client_for(username).get(reverse("consolidation:import", args=[own_report.period_id])).status_code == 403


# --- bodies that report only by Excel, statuses, accepted forms --------------------------------------------


def accepted(report, head, coordinator, received=3):
    """A form the body filled, submitted on time and the coordinator accepted (through the services)."""
    indicator = next(i for i in selectors.plan_indicators(report.period.plan) if i.code == "don-tiep-nhan")
    with time_machine.travel(BEFORE_DUE, tick=False):
        items = {
            p.pk: ItemData(
                status=ItemStatus.IN_PROGRESS,
                figures={indicator.pk: received} if indicator.applies_to(p.item) else {},
            )
            for p in report.items.select_related("item")
        }
        report = workflow.transition(report, "save", head, version=report.version, summary="", items=items)
        report = workflow.transition(report, "submit", head)
        return workflow.transition(report, "accept", coordinator)


def test_body_reporting_only_by_excel_is_consolidated(own_report, user_named, django_capture_on_commit_callbacks):
    """The audit's case: a draft form, figures and statuses come by Excel, the body counts as reported."""
    period, coordinator = own_report.period, user_named("vanhoaxahoi")
    before = gather.consolidated(period)
    assert own_report.pk in {r.pk for r in before.missing}
    content = edited(
        period,
        {("thon-001", "2.c", "don-tiep-nhan"): 7, ("thon-001", "2.c", "don-giai-quyet"): 4},
        {("thon-001", "*"): "Đã hoàn thành"},
    )
    generation = selectors.cache_generation()
    with django_capture_on_commit_callbacks(execute=True):
        result = imports.figures_import_apply(period=period, content=content, by=coordinator, at=BEFORE_DUE)
    assert result.ok and [o.action for o in result.outcomes] == [imports.ImportAction.SUBMIT]
    assert selectors.cache_generation() != generation  # the dashboard's and consolidated fragments refresh

    report = ProgressReport.objects.get(pk=own_report.pk)
    assert report.state == ProgressReport.State.SUBMITTED
    assert report.first_submitted_at == BEFORE_DUE and report.submitted_at == BEFORE_DUE and not report.is_late
    assert set(report.items.values_list("status", flat=True)) == {ItemStatus.DONE}
    event = report.events.get()
    assert event.kind == ReviewEvent.Kind.IMPORTED and event.by == coordinator and event.comment

    after = gather.consolidated(period)
    assert own_report.pk in {r.pk for r in after.reported}
    assert own_report.pk not in {r.pk for r in after.missing}
    item = next(p.item for p in report.items.select_related("item__area") if p.item.code == "2.c")
    received = next(i for i in after.indicators if i.code == "don-tiep-nhan")
    assert after.totals[(item.pk, received.pk)] == 7
    dashboard_cell = next(
        row["cells"][0]
        for row in consolidation_selectors.dashboard(period.plan)["history"]
        if row["name"] == report.body.name
    )
    assert dashboard_cell["reported"] and not dashboard_cell["late"]


def test_lateness_is_judged_as_for_a_submission(own_report, report_of, user_named):
    coordinator = user_named("vanhoaxahoi")
    period = own_report.period
    content = edited(period, {("thon-001", "1.a", "hoi-nghi"): 2}, {("thon-001", "*"): "Đang thực hiện"})
    imports.figures_import_apply(period=period, content=content, by=coordinator, at=AFTER_DUE)
    report = ProgressReport.objects.get(pk=own_report.pk)
    assert report.state == ProgressReport.State.SUBMITTED and report.is_late
    # A returned form keeps the lateness of its first submission: a correction is not lateness.
    returned = report_of("thon-002")
    workflow.transition(returned, "submit", None, at=BEFORE_DUE, replay=True)
    workflow.transition(returned, "return", coordinator, comment="Bổ sung số liệu.")
    content = edited(period, {("thon-002", "1.a", "hoi-nghi"): 1}, {("thon-002", "*"): "done"})
    imports.figures_import_apply(period=period, content=content, by=coordinator, at=AFTER_DUE)
    returned.refresh_from_db()
    assert returned.state == ProgressReport.State.SUBMITTED and returned.first_submitted_at == BEFORE_DUE
    assert not returned.is_late and returned.submitted_at == AFTER_DUE


def test_figures_only_still_report_and_warn_of_missing_statuses(own_report, user_named):
    period = own_report.period
    content = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 5})
    preview = imports.figures_import_read(period=period, content=content)
    assert preview.ok and [o.action for o in preview.outcomes] == [imports.ImportAction.SUBMIT]
    assert len(preview.warnings) == 1 and "chưa có tình hình thực hiện" in preview.warnings[0][1]
    imports.figures_import_apply(period=period, content=content, by=user_named("vanhoaxahoi"))
    assert ProgressReport.objects.get(pk=own_report.pk).state == ProgressReport.State.SUBMITTED


def test_statuses_read_by_label_or_code_whatever_the_typing(own_report, user_named):
    period = own_report.period
    rows = list(own_report.items.select_related("item__area").order_by("item__area__order", "item__order"))
    codes = [p.item.code for p in rows]
    typed = [
        "  đã HOÀN thành ",
        unicodedata.normalize("NFD", "Thực hiện thường xuyên"),  # a "Unicode tổ hợp" keyboard
        "in_progress",
        "Chưa triển khai",
    ]
    content = edited(period, {}, {("thon-001", code): value for code, value in zip(codes, typed, strict=False)})
    result = imports.figures_import_apply(period=period, content=content, by=user_named("vanhoaxahoi"))
    assert result.ok and len(result.status_changes) == len(typed)
    statuses = {p.item.code: p.status for p in own_report.items.select_related("item__area")}
    assert [statuses[c] for c in codes[: len(typed)]] == [
        ItemStatus.DONE,
        ItemStatus.ONGOING,
        ItemStatus.IN_PROGRESS,
        ItemStatus.NOT_STARTED,
    ]
    assert statuses[codes[-1]] == ""  # a blank cell leaves the row as it was
    # Who changed each row is in the rows' history, as for a body's own save.
    history = ItemProgress.history.filter(report_id=own_report.pk, status=ItemStatus.DONE).latest("history_date")
    assert history.history_user == user_named("vanhoaxahoi")


def test_unknown_status_label_is_a_row_error_and_nothing_is_written(client_for, own_report):
    period = own_report.period
    content = edited(
        period,
        {("thon-001", "2.c", "don-tiep-nhan"): 7},
        {("thon-001", "1.a"): "Xong rồi", ("thon-001", "1.b"): "done"},
    )
    response = upload(client_for("vanhoaxahoi"), period, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert "import-errors" in page and "Xong rồi" in page and "không hợp lệ" in page
    result = response.context["result"]
    assert len(result.errors) == 1 and result.errors[0][0] >= 2  # the row is named
    assert not FigureValue.objects.exists()
    own_report.refresh_from_db()
    assert own_report.state == ProgressReport.State.DRAFT and own_report.version == 1
    assert not own_report.items.exclude(status="").exists() and not own_report.events.exists()


def test_unknown_status_fails_the_confirm_too(own_report, user_named):
    content = edited(own_report.period, {}, {("thon-001", "*"): "???"})
    result = imports.figures_import_apply(period=own_report.period, content=content, by=user_named("vanhoaxahoi"))
    assert not result.ok
    assert not own_report.items.exclude(status="").exists() and not ReviewEvent.objects.exists()


def test_accepted_form_changed_leaves_a_trace(own_report, report_of, user_named):
    head, coordinator = user_named("truongthon2"), user_named("vanhoaxahoi")
    report = accepted(report_of("thon-002"), head, coordinator)
    version = report.version
    content = edited(report.period, {("thon-002", "2.c", "don-tiep-nhan"): 9}, {("thon-002", "2.c"): "Đã hoàn thành"})
    result = imports.figures_import_apply(period=report.period, content=content, by=coordinator)
    assert [o.action for o in result.outcomes] == [imports.ImportAction.UPDATE_ACCEPTED]
    report.refresh_from_db()
    assert report.state == ProgressReport.State.ACCEPTED and report.version == version + 1
    assert report.first_submitted_at.astimezone(TZ) == BEFORE_DUE  # its timeliness is history, not re-judged
    event = report.events.get(kind=ReviewEvent.Kind.IMPORTED)
    assert event.by == coordinator
    assert "3 → 9" in event.comment and "Đang thực hiện → Đã hoàn thành" in event.comment
    assert FigureValue.objects.get(progress__report=report, indicator__code="don-tiep-nhan").value == 9


def test_unchanged_accepted_form_is_left_alone(report_of, user_named):
    head, coordinator = user_named("truongthon2"), user_named("vanhoaxahoi")
    report = accepted(report_of("thon-002"), head, coordinator)
    # The export shows accepted forms' own values: reading it back unchanged changes nothing.
    result = imports.figures_import_apply(
        period=report.period, content=consolidation_exports.consolidated_xlsx(report.period), by=coordinator
    )
    assert result.ok and not result.outcomes and not result.changes and not result.status_changes
    assert ProgressReport.objects.get(pk=report.pk).version == report.version
    assert not report.events.filter(kind=ReviewEvent.Kind.IMPORTED).exists()


def test_open_editor_gets_the_conflict_after_an_import(own_report, user_named):
    """A body's copy loaded before the import is stale: its save is refused rather than overwriting."""
    stale_version = own_report.version
    content = edited(own_report.period, {("thon-001", "2.c", "don-tiep-nhan"): 7})
    imports.figures_import_apply(period=own_report.period, content=content, by=user_named("vanhoaxahoi"))
    with pytest.raises(workflow.ReportConflict):
        workflow.transition(own_report, "save", user_named("truongthon1"), version=stale_version, summary="", items={})


def test_round_trip_keeps_the_imported_statuses(own_report, user_named):
    period = own_report.period
    content = edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7}, {("thon-001", "*"): "Đã hoàn thành"})
    imports.figures_import_apply(period=period, content=content, by=user_named("vanhoaxahoi"))
    sheet = load_workbook(io.BytesIO(consolidation_exports.consolidated_xlsx(period)))["Số liệu"]
    header = [c.value for c in sheet[2]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3) if row[0].value == "thon-001"]
    assert {row[header.index("Tình hình thực hiện")] for row in rows} == {"Đã hoàn thành"}
    assert sheet.data_validations.dataValidation  # the status column offers the labels as a drop-down
    again = imports.figures_import_read(period=period, content=consolidation_exports.consolidated_xlsx(period))
    assert again.ok and not again.outcomes


def test_forged_body_code_and_bound_write_nothing(client_for, own_report):
    period = own_report.period
    book = load_workbook(io.BytesIO(edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7})))
    sheet = book["Số liệu"]
    next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "thon-002")[0].value = "khong-co"
    out = io.BytesIO()
    book.save(out)
    response = upload(client_for("vanhoaxahoi"), period, out.getvalue())
    assert response.status_code == 400 and "khong-co" in response.content.decode()
    content = edited(period, {("thon-001", "2.c", "tiep-cong-dan"): 1_001}, {("thon-001", "*"): "done"})
    assert upload(client_for("vanhoaxahoi"), period, content).status_code == 400
    assert not FigureValue.objects.exists() and not ReviewEvent.objects.exists()
    assert not ItemProgress.objects.exclude(status="").exists()


def test_preview_says_what_happens_to_each_body(client_for, own_report, report_of, user_named, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = user_named("vanhoaxahoi")
    report = accepted(report_of("thon-002"), user_named("truongthon2"), coordinator)
    period = own_report.period
    content = edited(
        period,
        {("thon-001", "2.c", "don-tiep-nhan"): 7, ("thon-002", "2.c", "don-tiep-nhan"): 8},
        {("thon-001", "*"): "Đang thực hiện"},
    )
    client = client_for("vanhoaxahoi")
    preview = upload(client, period, content)
    page = preview.content.decode()
    assert preview.status_code == 200 and "import-outcomes" in page
    assert "Sẽ ghi nhận là đã nộp thay đơn vị" in page and own_report.body.name in page
    assert "Cập nhật số liệu báo cáo đã duyệt" in page and report.body.name in page
    assert "import-statuses" in page and "Đang thực hiện" in page
    assert not ReviewEvent.objects.filter(kind=ReviewEvent.Kind.IMPORTED).exists()  # a preview writes nothing
    confirmed = client.post(
        reverse("consolidation:import", args=[period.pk]),
        {"confirm": "1", "token": preview.context["token"]},
        follow=True,
    )
    assert confirmed.status_code == 200
    assert "1 đơn vị được ghi nhận đã nộp" in confirmed.content.decode()
    assert ReviewEvent.objects.filter(kind=ReviewEvent.Kind.IMPORTED).count() == 2
    form = client.get(reverse("reports:form", args=[own_report.pk])).content.decode()
    assert "Cập nhật từ tệp XLSX" in form  # the form's history names the import


def test_the_workbook_reads_in_words_with_its_codes_hidden(own_report):
    """An official opening the file sees sheets and headers in Vietnamese; the codes the import needs are in
    a hidden row and hidden columns."""
    book = load_workbook(io.BytesIO(consolidation_exports.consolidated_xlsx(own_report.period)))
    assert book.sheetnames == ["Số liệu", "Tổng cộng", "Thông tin"]
    figures, totals, info = book["Số liệu"], book["Tổng cộng"], book["Thông tin"]
    assert figures.row_dimensions[1].hidden and figures.column_dimensions["A"].hidden
    header = [c.value for c in figures[2]]
    assert header[1:6] == ["Cơ quan, đơn vị", "Mục", "Nhiệm vụ", "Tình trạng báo cáo", "Tình hình thực hiện"]
    assert "Số lượt người tham dự" in header
    visible_headers = header[1:] + [c.value for c in totals[1]]
    assert not [h for h in visible_headers if h and re.search(r"\[[a-z0-9-]+\]|#|^[a-z0-9-]+$", str(h))]
    rows = list(figures.iter_rows(min_row=3, values_only=True))
    assert {r[1] for r in rows} >= {"Thôn Đông Giao"} and not any(r[1] == "thon-001" for r in rows)
    assert info.column_dimensions["C"].hidden and info.column_dimensions["D"].hidden
    shown = {row[0]: row[1] for row in info.iter_rows(max_col=2, values_only=True) if row[0]}
    assert shown["Năm"] == 2026 and shown["Kỳ báo cáo"] == own_report.period.label
    assert shown["Kế hoạch"] == str(own_report.period.plan) and "Hướng dẫn" in shown
    assert not {"plan", "year", "period", "6thang"} & ({str(v) for v in shown} | {str(v) for v in shown.values()})


def _old_layout(content: bytes) -> bytes:
    """The same workbook as exported before the codes row: codes in brackets, keys in the info sheet's column A."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Số liệu"]
    codes = [c.value for c in sheet[1]]
    for cell, code in zip(sheet[2], codes, strict=True):
        if not code.startswith("#"):
            cell.value = f"{cell.value} [{code}]"
    sheet.delete_rows(1)
    info = book["Thông tin"]
    for row in info.iter_rows():
        if row[2].value:
            row[0].value, row[1].value = row[2].value, row[3].value
        row[2].value = row[3].value = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_in_the_old_layout_still_reads(own_report, user_named):
    period = own_report.period
    content = _old_layout(edited(period, {("thon-001", "2.c", "don-tiep-nhan"): 7}, {("thon-001", "*"): "done"}))
    result = imports.figures_import_apply(period=period, content=content, by=user_named("vanhoaxahoi"))
    assert result.ok, result.errors
    assert FigureValue.objects.get(progress__report=own_report, indicator__code="don-tiep-nhan").value == 7
    assert set(ItemProgress.objects.filter(report=own_report).values_list("status", flat=True)) == {"done"}


def test_a_hidden_code_that_is_no_indicator_names_the_column_in_words(own_report):
    book = load_workbook(io.BytesIO(consolidation_exports.consolidated_xlsx(own_report.period)))
    sheet = book["Số liệu"]
    column = [c.value for c in sheet[1]].index("don-tiep-nhan")
    sheet.cell(row=1, column=column + 1).value = "khong-co"
    out = io.BytesIO()
    book.save(out)
    result = imports.figures_import_read(period=own_report.period, content=out.getvalue())
    assert [e[1] for e in result.errors] == [
        "Cột “Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã tiếp nhận” không phải chỉ tiêu của kế hoạch."
    ]
