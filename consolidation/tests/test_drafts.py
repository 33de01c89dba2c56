# ruff: noqa: F811 - the fixtures imported from test_figures_paper are the test arguments
"""The Báo cáo's draft: what each section is pre-filled with, the bodies' words grouped once with who said them,
saves that are versioned, plain text, conflict-checked and done once on a second click, and the paper it prints
(the preview, the command and the issued paper, frozen)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests import pdfcheck
from consolidation import drafting, drafts, issuing, papers, wording
from consolidation.models import IssuedDraft, ReportDraft
from consolidation.outline import outline_for, placements_set
from reports.models import ItemStatus, ProgressReport
from reports.rows import ItemData

from .test_figures import file_form, forms
from .test_figures_paper import demo_year, plan  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(demo_year):
    return demo_year.periods.get(code="6thang")


@pytest.fixture
def coordinator(user_named):
    return user_named("vanhoaxahoi")


def _section(mat, key):
    return next(s for s in mat.sections if s.section.key == key)


# --- the bodies' words, grouped -----------------------------------------------------------------------------


def test_alike_texts_are_one_sentence_with_their_counts_added_and_the_plural_name():
    texts = [
        ("Duy trì 17 buổi phát thanh về dân chủ ở cơ sở qua nhóm Zalo của thôn Văn Thai", ["Thôn Văn Thai"]),
        ("Duy trì 21 buổi phát thanh về dân chủ ở cơ sở qua nhóm Zalo của thôn An Bình", ["Thôn An Bình"]),
        ("Họp thôn ngày 12/02/2026 bàn việc sửa nhà văn hóa", ["Thôn Văn Thai"]),
        ("Họp thôn ngày 15/03/2026 bàn việc sửa nhà văn hóa", ["Thôn An Bình"]),
    ]
    grouped = wording.group_alike(texts, "thôn")
    assert grouped[0][0] == "Duy trì 38 buổi phát thanh về dân chủ ở cơ sở qua nhóm Zalo của các thôn"
    assert grouped[0][1] == ["Thôn Văn Thai", "Thôn An Bình"] and len(grouped[0][2]) == 2
    # A date is not a count: two meetings on two days stay two texts, each in its own words.
    assert [g[0] for g in grouped[1:]] == [texts[2][0], texts[3][0]]


def test_thousands_and_document_numbers(settings):
    one = wording.shape("Vận động 1.200 hộ theo Quyết định số 05/QĐ-UBND", "", "thôn")
    assert one.values == (1200,) and "05/QĐ-UBND" in one.pattern


def test_each_section_gets_its_figures_and_its_items_words_grouped_once(period):
    mat = drafting.material(period)
    keys = [s.section.key for s in mat.sections]
    assert keys[:3] == ["lanh-dao", "ket-qua", "cong-khai"] and keys[-3:] == ["danh-gia", "nhiem-vu", "kien-nghi"]
    lead = _section(mat, "lanh-dao")
    assert any("hội nghị" in s and "lượt người tham dự" in s and "cùng kỳ năm 2025" in s for s in lead.sentences)
    said = [s for found in mat.sections for s in found.sentences]
    assert any(re.search(r"đạt \d+(,\d+)?%", s) for s in said)  # a percentage where a base exists
    for found in mat.sections:
        texts = [q.text for q in found.quotes]
        assert len(texts) == len(set(texts))  # each distinct text once
        counts = [q.count for q in found.quotes]
        assert counts == sorted(counts, reverse=True)  # most shared first
    # The difficulties are offered under the assessment, the proposals under Kiến nghị.
    assert _section(mat, "danh-gia").quotes and _section(mat, "danh-gia").quotes[0].kind == "difficulties"
    assert _section(mat, "kien-nghi").quotes and _section(mat, "kien-nghi").quotes[0].kind == "proposals"


def test_the_prefilled_paper_pastes_no_sentence_more_than_twice_and_names_no_missing_body(period):
    content, version = drafts.paper_content(period)
    assert version == 0
    said = [p for section in content.sections for p in section.paragraphs]
    sentences = [s.strip() for p in said for s in p.split(". ") if len(s.strip()) > 20]
    assert max(sentences.count(s) for s in sentences) <= 2
    missing = [r.body.name for r in ProgressReport.objects.filter(period=period).exclude(state="accepted")]
    text = " ".join(said)
    assert "đơn vị đã báo cáo" in text
    assert not any(f"({name})" in text for name in missing)


def test_material_reads_in_a_fixed_number_of_queries_whatever_the_number_of_bodies(plan):
    period = plan.periods.get(code="6thang")
    for report in forms(plan)[:2]:
        file_form(report, {"hoi-nghi": 2})
    drafting.material(period)  # the outline made on first use
    with CaptureQueriesContext(connection) as few:
        drafting.material(period)
    for report in forms(plan)[2:]:
        file_form(report, {"hoi-nghi": 3})
    with CaptureQueriesContext(connection) as many:
        drafting.material(period)
    assert len(many) == len(few)


# --- saving -------------------------------------------------------------------------------------------------


def test_a_save_keeps_every_section_and_is_a_version(period, coordinator):
    mat = drafting.material(period)
    assessment = _section(mat, "danh-gia").key
    draft = drafts.draft_save(
        period=period,
        basis="Căn cứ mới.",
        texts={assessment: "Ưu điểm: tốt.\nHạn chế: ít."},
        version=0,
        by=coordinator,
    )
    assert draft.version == 1 and draft.texts[assessment] == "Ưu điểm: tốt.\nHạn chế: ít."
    # The sections not typed in are kept as they were pre-filled: the saved draft is the whole paper.
    assert draft.texts[_section(mat, "lanh-dao").key] == _section(mat, "lanh-dao").prefill
    again = drafts.draft_save(
        period=period, basis="Căn cứ mới.", texts={assessment: "Khác."}, version=1, by=coordinator
    )
    assert again.version == 2 and len(drafts.versions(again)) == 2
    content, version = drafts.paper_content(period)
    assert version == 2 and content.intro == ("Căn cứ mới.",)
    assert any(s.paragraphs == ("Khác.",) for s in content.sections)


def test_a_second_click_is_saved_once_and_another_editor_gets_a_conflict(period, coordinator, user_named):
    key = _section(drafting.material(period), "danh-gia").key
    first = drafts.draft_save(period=period, basis="", texts={key: "Một."}, version=0, by=coordinator)
    twice = drafts.draft_save(period=period, basis="", texts={key: "Một."}, version=0, by=coordinator)
    assert first.version == twice.version == 1
    with pytest.raises(drafts.DraftError) as refused:
        drafts.draft_save(period=period, basis="", texts={key: "Của người khác."}, version=0, by=SYSTEM)
    assert refused.value.status == 409 and "lần lưu thứ 1" in refused.value.message
    assert ReportDraft.objects.get().texts[key] == "Một."  # nothing overwritten


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<script>alert(1)</script>", "HTML"),
        ("x" * (drafts.SECTION_MAX + 1), "dài quá"),
    ],
)
def test_markup_and_oversize_are_refused_with_nothing_written(period, coordinator, text, found):
    key = _section(drafting.material(period), "danh-gia").key
    with pytest.raises(drafts.DraftError) as refused:
        drafts.draft_save(period=period, basis="", texts={key: text}, version=0, by=coordinator)
    assert refused.value.status == 400
    assert not ReportDraft.objects.filter(version__gt=0).exists()


def test_formulas_stay_text(period, coordinator):
    key = _section(drafting.material(period), "kien-nghi").key
    drafts.draft_save(period=period, basis="", texts={key: '=HYPERLINK("x")'}, version=0, by=coordinator)
    content, _version = drafts.paper_content(period)
    assert any('=HYPERLINK("x")' in p for s in content.sections for p in s.paragraphs)


def test_a_forged_section_id_and_who_may_save(period, coordinator, user_named, plan):
    with pytest.raises(drafts.DraftError) as refused:
        drafts.draft_save(period=period, basis="", texts={"999999": "x"}, version=0, by=coordinator)
    assert refused.value.status == 404
    # A section of another period's outline is not this draft's.
    other = outline_for(plan.periods.get(code="9thang")).sections.first()
    with pytest.raises(drafts.DraftError):
        drafts.draft_save(period=period, basis="", texts={str(other.pk): "x"}, version=0, by=coordinator)
    for name in ("lanhdao", "truongthon1"):
        with pytest.raises(PermissionDenied):
            drafts.draft_save(period=period, basis="", texts={}, version=0, by=user_named(name))
    with pytest.raises(PermissionDenied):
        drafts.draft_save(period=period, basis="", texts={}, version=0, by=None)


def test_restoring_an_earlier_version_is_a_new_version(period, coordinator):
    key = _section(drafting.material(period), "danh-gia").key
    drafts.draft_save(period=period, basis="", texts={key: "Bản một."}, version=0, by=coordinator)
    draft = drafts.draft_save(period=period, basis="", texts={key: "Bản hai."}, version=1, by=coordinator)
    first = draft.history.get(version=1)
    restored = drafts.draft_restore(period=period, history_id=first.history_id, version=2, by=coordinator)
    assert restored.version == 3 and restored.texts[key] == "Bản một."
    with pytest.raises(drafts.DraftError) as refused:
        drafts.draft_restore(period=period, history_id="nope", version=3, by=coordinator)
    assert refused.value.status == 404


def test_moving_an_item_moves_its_words(period, coordinator):
    mat = drafting.material(period)
    lead = next(s for s in mat.sections if s.row.items and s.quotes and s.section.key != "mo-hinh")
    placement = lead.row.items[0]
    quotes_before = {q.text for q in lead.quotes}
    target = _section(mat, "mo-hinh")
    outline = outline_for(period)
    placements_set(
        outline=outline,
        items={placement.item_id: target.section.pk},
        figures={},
        version=outline.version,
        by=coordinator,
    )
    after = drafting.material(period)
    moved = {q.text for q in _section(after, "mo-hinh").quotes}
    assert moved - {q.text for q in target.quotes}  # the item's words are offered where it now is
    assert {q.text for q in _section(after, lead.section.key).quotes} != quotes_before


# --- the paper and its issue --------------------------------------------------------------------------------


def test_the_paper_prints_the_draft_the_superior_first(period, coordinator):
    key = _section(drafting.material(period), "danh-gia").key
    drafts.draft_save(
        period=period, basis="", texts={key: "Ưu điểm riêng của xã Cẩm Giang."}, version=0, by=coordinator
    )
    text = pdfcheck.flat(pdfcheck.text(papers.consolidated_pdf(period)))
    assert "III. ĐÁNH GIÁ CHUNG Ưu điểm riêng của xã Cẩm Giang." in text
    assert text.index("UBND thành phố Hải Phòng;") < text.index("Thường trực Đảng ủy, HĐND xã;")
    assert "PHỤ LỤC: SỐ LIỆU" in text


def test_issuing_freezes_the_saved_draft_and_a_new_draft_version_may_be_issued_again(
    plan, coordinator, user_named, signing_identity
):
    period = plan.periods.get(code="6thang")
    for report in forms(plan)[:2]:
        file_form(report, {"hoi-nghi": 2})
    key = _section(drafting.material(period), "danh-gia").key
    drafts.draft_save(period=period, basis="", texts={key: "Đánh giá lần một."}, version=0, by=coordinator)
    lanhdao = user_named("lanhdao")
    document = issuing.consolidated_issue(period=period, by=lanhdao)
    frozen = IssuedDraft.objects.get(document=document)
    assert frozen.draft_version == 1
    assert any(s["paragraphs"] == ["Đánh giá lần một."] for s in frozen.content["sections"])
    assert "Đánh giá lần một." in pdfcheck.flat(pdfcheck.text(document.file.read()))
    assert issuing.consolidated_issue_state(period).refusal  # nothing changed since
    drafts.draft_save(period=period, basis="", texts={key: "Đánh giá lần hai."}, version=1, by=coordinator)
    assert issuing.consolidated_issue_state(period).can_issue
    second = issuing.consolidated_issue(period=period, by=lanhdao)
    assert second.supersedes == document
    assert IssuedDraft.objects.get(document=document).content == frozen.content  # the first stays as printed


# --- the page -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("username", "status"), [("vanhoaxahoi", 200), ("lanhdao", 200), ("truongthon1", 403)])
def test_who_reads_the_draft(client_for, period, username, status):
    for name in ("draft", "draft_preview", "draft_docx"):
        response = client_for(username).get(reverse(f"consolidation:{name}", args=[period.pk]))
        assert response.status_code == status, name


def test_only_the_coordinator_saves_and_a_forged_period_is_404(client_for, period):
    url = reverse("consolidation:draft", args=[period.pk])
    assert client_for("lanhdao").post(url, {"version": 0}).status_code == 403
    assert client_for("vanhoaxahoi").get(reverse("consolidation:draft", args=[999999])).status_code == 404


def test_the_autosave_answers_json_and_a_stale_page_gets_409(client_for, period):
    client = client_for("vanhoaxahoi")
    url = reverse("consolidation:draft", args=[period.pk])
    key = _section(drafting.material(period), "danh-gia").key
    json = {"HTTP_ACCEPT": "application/json"}
    saved = client.post(url, {"version": 0, "basis": "", f"s-{key}": "Tự lưu."}, **json)
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = client.post(url, {"version": 0, "basis": "", f"s-{key}": "Cũ."}, **json)
    assert stale.status_code == 409 and "Người khác vừa lưu" in stale.json()["error"]
    bad = client.post(url, {"version": "x", "basis": ""}, **json)
    assert bad.status_code == 400
    markup = client.post(url, {"version": 1, "basis": "<b>x</b>"})
    assert markup.status_code == 400 and "<b>x</b>" in markup.content.decode().replace("&lt;", "<").replace(
        "&gt;", ">"
    )  # what was typed is kept on the page


def test_a_conflict_without_javascript_keeps_the_typed_text_and_stays_a_conflict(client_for, period):
    client = client_for("vanhoaxahoi")
    url = reverse("consolidation:draft", args=[period.pk])
    key = _section(drafting.material(period), "danh-gia").key
    client.post(url, {"version": 0, "basis": "", f"s-{key}": "Bản của người thứ nhất."})
    stale = client.post(url, {"version": 0, "basis": "", f"s-{key}": "Bản cũ của người thứ hai."})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Bản cũ của người thứ hai." in page and 'name="version" value="0"' in page
    again = client.post(url, {"version": 0, "basis": "", f"s-{key}": "Bản cũ của người thứ hai."})
    assert again.status_code == 409 and ReportDraft.objects.get().texts[key] == "Bản của người thứ nhất."


def test_quoting_without_javascript_appends_and_saves(client_for, period):
    client = client_for("vanhoaxahoi")
    mat = drafting.material(period)
    found = next(s for s in mat.sections if s.quotes)
    quote = found.quotes[0]
    url = reverse("consolidation:draft", args=[period.pk])
    response = client.post(
        url, {"version": 0, "basis": "", f"s-{found.key}": "Đầu.", "quote": f"{found.key}:{quote.key}"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#muc-{found.key}")
    text = ReportDraft.objects.get().texts[found.key]
    assert text.startswith("Đầu.\n- ") and quote.text.rstrip(" .;")[1:30] in text
    forged = client.post(url, {"version": 1, "basis": "", "quote": f"{found.key}:000000000000"})
    assert forged.status_code == 404


def test_the_page_keeps_its_query_count_whatever_the_number_of_bodies(client_for, plan, django_assert_max_num_queries):
    period = plan.periods.get(code="6thang")
    client = client_for("vanhoaxahoi")
    url = reverse("consolidation:draft", args=[period.pk])
    for report in forms(plan)[:2]:
        file_form(report, {"hoi-nghi": 2})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for report in forms(plan)[2:]:
        file_form(report, {"hoi-nghi": 3})
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_docx_holds_the_draft(client_for, period, coordinator):
    import io

    import docx

    key = _section(drafting.material(period), "kien-nghi").key
    drafts.draft_save(
        period=period, basis="", texts={key: "Đề nghị thành phố hỗ trợ kinh phí."}, version=0, by=coordinator
    )
    response = client_for("lanhdao").get(reverse("consolidation:draft_docx", args=[period.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Đề nghị thành phố hỗ trợ kinh phí." in text and "V. KIẾN NGHỊ, ĐỀ XUẤT" in text


def test_an_unfinished_item_is_a_task_for_the_next_period(plan, coordinator):
    import datetime

    from reports import workflow

    period = plan.periods.get(code="6thang")
    report = forms(plan)[0]
    rows = list(report.items.select_related("item").order_by("item__area__order", "item__order"))
    items = {r.pk: ItemData(status=ItemStatus.ONGOING, done="Đã làm") for r in rows}
    items[rows[0].pk] = ItemData(status=ItemStatus.IN_PROGRESS, done="Đang làm")
    at = datetime.datetime.combine(period.due_date, datetime.time(9), tzinfo=datetime.UTC)
    report = workflow.transition(
        report, "save", coordinator, version=report.version, summary="", items=items, at=at, replay=True
    )
    report = workflow.transition(report, "submit", coordinator, at=at, replay=True)
    workflow.transition(report, "accept", coordinator, at=at, replay=True)
    tasks = _section(drafting.material(period), "nhiem-vu")
    assert [q.bodies for q in tasks.quotes] == [[report.body.name]]
    assert tasks.quotes[0].text.endswith(rows[0].item.text.rstrip(" .;"))
    assert rows[0].item.text.rstrip(" .;") in tasks.prefill  # whole, never cut


def test_the_demo_drafts_the_6_month_report_once(period):
    import datetime

    from consolidation import demo as consolidation_demo

    assert not consolidation_demo.demo_draft(plan=period.plan, as_of=period.due_date - datetime.timedelta(days=1))
    assert consolidation_demo.demo_draft(plan=period.plan, as_of=period.due_date)
    assert not consolidation_demo.demo_draft(plan=period.plan, as_of=period.due_date)  # kept as saved
    content, version = drafts.paper_content(period)
    assert version == 1
    headings = [s.heading for s in content.sections if s.level == 1]
    assert headings[-3:] == ["III. Đánh giá chung", "IV. Nhiệm vụ trọng tâm kỳ tới", "V. Kiến nghị, đề xuất"]
    assessment = next(s for s in content.sections if s.title == "Đánh giá chung")
    assert assessment.paragraphs[0] == "1. Ưu điểm" and "3. Nguyên nhân" in assessment.paragraphs


def test_a_section_the_outline_loses_keeps_its_text_on_the_page(period, coordinator, client_for):
    from consolidation import outline as outline_services

    outline = outline_for(period)
    outline = outline_services.section_add(
        outline=outline,
        title="Mục thêm",
        level="2",
        kind="computed",
        after_id=None,
        version=outline.version,
        by=coordinator,
    )
    added = outline.sections.get(title="Mục thêm")
    drafts.draft_save(period=period, basis="", texts={str(added.pk): "Đoạn viết riêng."}, version=0, by=coordinator)
    outline_services.section_delete(outline=outline, section_id=added.pk, version=outline.version, by=coordinator)
    mat = drafting.material(period)
    assert drafts.orphans(mat, drafts.draft_of(period)) == [(str(added.pk), "Đoạn viết riêng.")]
    key = _section(mat, "danh-gia").key
    assert key == "danh-gia"  # a default section's text is kept under its stable key
    drafts.draft_save(period=period, basis="", texts={key: "Khác."}, version=1, by=coordinator)
    assert ReportDraft.objects.get().texts[str(added.pk)] == "Đoạn viết riêng."  # a later save keeps it
    html = client_for("vanhoaxahoi").get(reverse("consolidation:draft", args=[period.pk])).content.decode()
    assert "Đoạn viết riêng." in html
