"""A body's own Báo cáo follows the period's outline: the same sections in the same order, numbered without
gaps, with only this body's words and figures; its items go where the coordinator placed them; its
difficulties, unfinished items and proposals go to the sections the coordinator writes; the PDF at the form's
old address, for whoever may read the form."""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal import documents
from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests import pdfcheck
from communes.tests.factories import CommuneFactory
from consolidation import body_paper
from consolidation import outline as outline_services
from consolidation.models import OutlineSection
from plans.models import Body, Plan
from plans.tests.factories import small_plan
from reports import selectors, services, workflow
from reports.exports import report_paper
from reports.models import ItemStatus, ProgressReport
from reports.rows import ItemData
from reports.tests.conftest import build_plan

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def fill(report: ProgressReport, rows: dict[str, ItemData], *, summary: str = "") -> ProgressReport:
    """Write the form's rows by item code ("1.a") as a replayed past (openness is not what these tests test)."""
    by_code = {row.item.code: row for row in report.items.select_related("item__area")}
    items = {by_code[code].pk: data for code, data in rows.items()}
    at = datetime.datetime.combine(report.period.due_date, datetime.time(9), tzinfo=TZ)
    coordinator = get_user_model().objects.get(username="vanhoaxahoi")
    return workflow.transition(
        report, "save", coordinator, version=report.version, summary=summary, items=items, at=at, replay=True
    )


def figure_ids(plan: Plan) -> dict[str, int]:
    return {i.code: i.pk for i in selectors.plan_indicators(plan)}


def section(period, key: str) -> OutlineSection:
    return outline_services.outline_for(period).sections.get(key=key)


def place(period, **where: str) -> None:
    """Place the items (by code, "1.a") in sections (by key), as the coordinator does on the outline page."""
    outline = outline_services.outline_for(period)
    items = {p.item_id: section(period, key).pk for code, key in where.items() for p in _placements(outline, code)}
    outline_services.placements_set(outline=outline, items=items, figures={}, version=outline.version, by=SYSTEM)


def place_figure(period, code: str, key: str) -> None:
    outline = outline_services.outline_for(period)
    figures = {p.indicator_id: section(period, key).pk for p in outline.figure_placements.filter(indicator__code=code)}
    outline_services.placements_set(outline=outline, items={}, figures=figures, version=outline.version, by=SYSTEM)


def _placements(outline, code: str):
    area, label = code.split(".")
    return outline.item_placements.filter(item__area__number=area, item__label=label)


@pytest.fixture
def plan(demo):
    return build_plan()


@pytest.fixture
def reports(plan):
    """The 6-month forms of Thôn Đông Giao (truongthon1's) and of another village."""
    period = plan.periods.get(code="6thang")
    get = ProgressReport.objects.select_related("body", "period__plan").get
    return get(period=period, body__code="thon-001"), get(period=period, body__code="thon-002")


def headings(content) -> list[str]:
    return [s.heading for s in content.sections]


def text_of(content) -> str:
    return " ".join([*content.intro, *(p for s in content.sections for p in (s.heading, *s.paragraphs))])


def test_the_body_paper_follows_the_outline_with_its_own_words(plan, reports):
    own, other = reports
    period = own.period
    place(period, **{"1.a": "lanh-dao", "1.b": "cong-khai", "2.a": "tiep-cong-dan"})
    place_figure(period, "hoi-nghi", "lanh-dao")
    ids = figure_ids(plan)
    fill(
        own,
        {
            "1.a": ItemData(status=ItemStatus.ONGOING, done="Họp thôn phổ biến quy chế.", figures={ids["hoi-nghi"]: 4}),
            "1.b": ItemData(status=ItemStatus.DONE, done="Niêm yết công khai tại nhà văn hóa thôn."),
            "2.a": ItemData(status=ItemStatus.IN_PROGRESS, done="Tiếp 3 lượt công dân."),
        },
    )
    fill(other, {"1.b": ItemData(status=ItemStatus.DONE, done="Lời của thôn khác.")})
    content = body_paper.body_content(own)
    # The outline's order (lãnh đạo first, then the results part and its sub-sections), numbered without gaps:
    # only the printed sections count, so "Tiếp công dân" (the 6th default sub-section) is 2 here.
    assert headings(content) == [
        "I. Công tác lãnh đạo, chỉ đạo, tuyên truyền, phổ biến",
        "II. Kết quả thực hiện dân chủ ở cơ sở",
        "1. Thực hiện công khai thông tin",
        "2. Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
        "III. Nhiệm vụ trọng tâm kỳ tới",
    ]
    assert [s.level for s in content.sections] == [1, 1, 2, 2, 1]
    by_heading = {s.heading: s.paragraphs for s in content.sections}
    first = by_heading["1. Thực hiện công khai thông tin"]
    assert first[0].startswith("1.b) ") and first[1] == (
        "Tình hình thực hiện: đã hoàn thành. Niêm yết công khai tại nhà văn hóa thôn."
    )
    said = text_of(content)
    assert "Lời của thôn khác" not in said and own.body.name in content.intro[0]
    assert "6 tháng" in content.intro[0] and "2026" in content.intro[0]
    lead = by_heading["I. Công tác lãnh đạo, chỉ đạo, tuyên truyền, phổ biến"]
    assert "Tình hình thực hiện: thực hiện thường xuyên. Họp thôn phổ biến quy chế." in lead
    assert "- Tổ chức 4 hội nghị, buổi tuyên truyền, quán triệt." in lead  # its figure, where it is placed
    # Not finished: next period's tasks (in progress, ongoing), not the one done.
    tasks = by_heading["III. Nhiệm vụ trọng tâm kỳ tới"]
    assert tasks[0] == "Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành:"
    assert [t.split(")")[0] for t in tasks[1:]] == ["- 1.a", "- 2.a"]
    assert tasks[2].endswith("(đang thực hiện).")
    other_text = text_of(body_paper.body_content(other))
    assert "Lời của thôn khác" in other_text and "Niêm yết công khai" not in other_text


def test_moving_an_item_in_the_outline_moves_it_in_the_body_paper(plan, reports):
    own, _other = reports
    period = own.period
    place(period, **{"1.a": "cong-khai"})
    fill(own, {"1.a": ItemData(status=ItemStatus.DONE, done="Đã niêm yết.")})
    assert headings(body_paper.body_content(own)) == [
        "I. Kết quả thực hiện dân chủ ở cơ sở",
        "1. Thực hiện công khai thông tin",
    ]
    place(period, **{"1.a": "huong-uoc"})
    content = body_paper.body_content(own)
    assert headings(content) == ["I. Kết quả thực hiện dân chủ ở cơ sở", "1. Xây dựng và thực hiện hương ước, quy ước"]
    assert "Đã niêm yết." in content.sections[1].paragraphs[1]


def test_difficulties_summary_and_proposals_go_to_the_written_sections(plan, reports):
    own, _other = reports
    own = fill(
        own,
        {
            "1.a": ItemData(status=ItemStatus.DONE, done="Xong.", difficulties="Thiếu kinh phí.", proposals="Cấp loa."),
            "1.b": ItemData(status=ItemStatus.NOT_APPLICABLE, proposals="Tập huấn cán bộ thôn."),
            "2.a": ItemData(status=ItemStatus.DONE, proposals="Tập huấn  cán bộ thôn."),
        },
        summary="Thôn thực hiện tốt.\nNhân dân đồng tình.",
    )
    content = body_paper.body_content(own)
    by_key = {s.title: s for s in content.sections}
    assessment, proposals = by_key["Đánh giá chung"], by_key["Kiến nghị, đề xuất"]
    assert assessment.paragraphs == (
        "Thôn thực hiện tốt.",
        "Nhân dân đồng tình.",
        "Khó khăn, vướng mắc:",
        "- 1.a: Thiếu kinh phí.",
    )
    # The same words on two items are said once, naming both.
    assert proposals.paragraphs == ("- 1.a: Cấp loa.", "- 1.b, 2.a: Tập huấn cán bộ thôn.")
    # Done, and "không phát sinh": no task for the next period, and 1.b says nothing under the results.
    assert "Nhiệm vụ trọng tâm kỳ tới" not in by_key
    assert "1.b)" not in text_of(content)
    assert [s.number for s in content.sections] == ["I", "1", "II", "III"]


def test_an_added_section_with_nothing_stays_out_and_a_lost_written_section_is_kept(plan, reports):
    own, _other = reports
    period = own.period
    outline = outline_services.outline_for(period)
    headings_sent = [
        outline_services_heading("Kết quả thực hiện", 1, "computed"),
        outline_services_heading("Công khai", 2, "computed", key="cong-khai"),
        outline_services_heading("Phương hướng của cấp trên", 1, "written"),
    ]
    outline_services.outline_replace(
        outline=outline, headings=headings_sent, source_name="de-cuong.docx", version=outline.version, by=SYSTEM
    )
    place(period, **{"1.a": "cong-khai"})
    fill(own, {"1.a": ItemData(status=ItemStatus.DONE, done="Xong.", proposals="Cấp loa.")})
    content = body_paper.body_content(own)
    # The superior's own written section has nothing of the body's: out. The proposals have no section in the
    # loaded outline: they are said at the end, under the default title, not lost.
    assert headings(content) == ["I. Kết quả thực hiện", "1. Công khai", "II. Kiến nghị, đề xuất"]


def outline_services_heading(title: str, level: int, kind: str, key: str = ""):
    from consolidation.outline_read import Heading

    return Heading(title=title, level=level, kind=kind, key=key, line=0)


def test_the_body_figures_appendix_and_share(plan, reports):
    own, _other = reports
    ids = figure_ids(plan)
    place_figure(own.period, "ho-tham-du", "ban-quyet-dinh")
    place_figure(own.period, "tong-so-ho", "ban-quyet-dinh")
    households = {ids["tong-so-ho"]: 400, ids["ho-tham-du"]: 340}
    fill(
        own,
        {
            "2.b": ItemData(status=ItemStatus.ONGOING, figures=households),
            "2.c": ItemData(status=ItemStatus.ONGOING, figures={ids["don-tiep-nhan"]: 0}),
        },
    )
    content = body_paper.body_content(own)
    said = text_of(content)
    assert "Số hộ tham dự" in said or "hộ tham dự" in said
    assert "đạt 85%" in said  # its own share of its own households
    assert "đơn tiếp nhận: 0" not in said.lower()  # a 0 says nothing in the text …
    (table,) = content.appendix
    names = [row[1] for row in table.rows]
    assert table.headers[1:] == ("Chỉ tiêu", "Đơn vị tính", "Số liệu")
    assert len(names) == 3 and [row[0] for row in table.rows] == ["1", "2", "3"]  # … but stands in the appendix
    assert ("400" in [row[3] for row in table.rows]) and all(row[2] for row in table.rows)


def test_no_figures_no_appendix(plan, reports):
    own, _other = reports
    fill(own, {"1.a": ItemData(status=ItemStatus.DONE, done="Xong.")})
    assert body_paper.body_content(own).appendix == ()


def _plan_of(bodies: list[Body], commune_name: str, items: tuple[int, ...]) -> ProgressReport:
    plan = small_plan(bodies, items_per_area=items)
    plan.commune, plan.status = CommuneFactory(name=f"Xã {commune_name}"), Plan.Status.ISSUED
    plan.save(update_fields=["commune", "status"])
    services.indicators_seed(plan=plan)
    services.report_expected_generate(plan=plan, by=SYSTEM)
    period = plan.periods.get(code="6thang")
    outline_services.outline_for(period)  # made once, on first use: not what is counted
    report = ProgressReport.objects.select_related("body", "period__plan").filter(period=period).first()
    indicators = selectors.plan_indicators(plan)
    rows = {}
    for row in report.items.select_related("item__area"):
        values = {i.pk: 7 for i in indicators if i.applies_to(row.item)}
        rows[row.item.code] = ItemData(
            status=ItemStatus.IN_PROGRESS, done="Đã làm.", difficulties="Khó.", proposals="Đề nghị.", figures=values
        )
    return fill(report, rows, summary="Tốt.")


def test_a_fixed_number_of_queries_whatever_the_size(demo):
    bodies = list(Body.objects.filter(kind__in=[Body.Kind.DEPARTMENT, Body.Kind.VILLAGE]))
    counts, sizes = [], []
    for chosen, commune, items in ((bodies[:2], "Nhỏ", (1, 1)), (bodies, "Lớn", (3, 4, 5, 6))):
        report = _plan_of(chosen, commune, items)
        report = ProgressReport.objects.select_related("body", "period__plan").get(pk=report.pk)
        with CaptureQueriesContext(connection) as captured:
            content = body_paper.body_content(report)
        counts.append(len(captured))
        sizes.append((report.items.count(), len(content.appendix[0].rows)))
    assert sizes[1][0] >= 9 * sizes[0][0] and sizes[0][1] > 0, sizes  # 9× the items, figures on both
    assert counts[0] == counts[1], counts


def test_the_pdf_prints_the_sections(plan, reports):
    own, _other = reports
    ids = figure_ids(plan)
    place(own.period, **{"1.a": "cong-khai", "2.c": "tiep-cong-dan"})
    own = fill(
        own,
        {
            "1.a": ItemData(status=ItemStatus.DONE, done="Niêm yết công khai tại nhà văn hóa thôn."),
            "2.c": ItemData(
                status=ItemStatus.IN_PROGRESS,
                done="Tiếp công dân định kỳ.",
                difficulties="Thiếu phòng tiếp.",
                figures={ids["don-tiep-nhan"]: 5, ids["luot-tiep-cong-dan"]: 12},
            ),
        },
        summary="Thôn thực hiện nghiêm túc.",
    )
    pdf = body_paper.body_pdf(own)
    if os.environ.get("BODY_PDF_OUT"):  # to look at it: pdftoppm -r 60 -png
        with open(os.environ["BODY_PDF_OUT"], "wb") as out:
            out.write(pdf)
    text = pdfcheck.flat(pdfcheck.text(pdf))
    for expected in (
        "THÔN ĐÔNG GIAO",
        "BÁO CÁO",
        "I. KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CƠ SỞ",
        "1. Thực hiện công khai thông tin",
        "2. Tiếp công dân",
        "II. ĐÁNH GIÁ CHUNG",
        "- 2.c: Thiếu phòng tiếp.",
        "- Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã tiếp nhận: 5 đơn.",
        "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "PHỤ LỤC: SỐ LIỆU",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    ("username", "status"),
    [("truongthon1", 200), ("vanhoaxahoi", 200), ("lanhdao", 200), ("truongthon2", 404), ("phongkinhte", 404)],
)
def test_who_gets_the_body_pdf(plan, reports, client_for, username, status):
    own, _other = reports
    url = reverse("consolidation:report_pdf", args=[own.pk])
    assert url == f"/reports/{own.pk}/pdf/"  # the address it always had
    response = client_for(username).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
        assert 'filename="bao-cao-thon-001-6thang.pdf"' in response["Content-Disposition"]


def test_a_department_gets_its_own_paper(plan, client_for):
    own = ProgressReport.objects.get(period__plan=plan, period__code="6thang", body__code="phong-kinh-te")
    response = client_for("phongkinhte").get(reverse("consolidation:report_pdf", args=[own.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_for("truongthon1").get(reverse("consolidation:report_pdf", args=[own.pk])).status_code == 404


def test_anonymous_and_forged_ids(plan, reports, client):
    own, _other = reports
    response = client.get(reverse("consolidation:report_pdf", args=[own.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(get_user_model().objects.get(username="vanhoaxahoi"))
    assert client.get(reverse("consolidation:report_pdf", args=[999999])).status_code == 404


def test_what_the_body_typed_is_printed_as_text_not_markup(plan, reports):
    own, _other = reports
    own = fill(own, {"1.a": ItemData(status=ItemStatus.DONE, done="<b>Xong</b> theo Quyết định số 05/QĐ-UBND.")})
    html = documents.render_html(
        body_paper.BODY_TEMPLATE, {"paper": report_paper(own), "content": body_paper.body_content(own)}
    )
    assert "<b>Xong</b>" not in html and "&lt;b&gt;Xong&lt;/b&gt;" in html
    assert '<span class="nobr">05/QĐ-UBND.</span>' in html  # a document's number never breaks at its slash
