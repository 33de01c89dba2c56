"""The plan's official PDF: Decree-30 layout, intact Vietnamese text, embedded fonts, the view, the command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from camgiang_portal import documents
from camgiang_portal.tests import pdfcheck
from camgiang_portal.tests.pdfcheck import A4, MM
from communes.services import home_commune
from plans.documents import plan_document_context, plan_pdf, plan_pdf_filename
from plans.models import Body, Plan
from plans.tests import seed_plan
from plans.tests.factories import BodyFactory, small_plan

pytestmark = pytest.mark.django_db

LIBERATION = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic", "Liberation-Serif-Bold-Italic"}
VIEWER_ROLES = ["admin", "lanhdao", "vanhoaxahoi", "phongkinhte", "mttq", "truongthon1"]


@pytest.fixture
def seed_pdf(db) -> tuple[Plan, bytes]:
    """The seed plan's real text, dated 05/12/2025, assigned to two bodies, rendered once."""
    bodies = BodyFactory.create_batch(2)
    plan = seed_plan.seed_like_plan(bodies, day=5)
    return plan, plan_pdf(plan).content


def test_seed_plan_text_comes_back_intact(seed_pdf):
    """Every sentence of the plan survives pdftotext whole: no lost diacritics, no broken words."""
    plan, pdf = seed_pdf
    text = pdfcheck.body_text(pdf)
    expected = [
        "ỦY BAN NHÂN DÂN",
        "XÃ CẨM GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cẩm Giang, ngày 05 tháng 12 năm 2025",
        "KẾ HOẠCH",
        "Thực hiện dân chủ ở cơ sở trên địa bàn xã năm 2026",
        *documents.paragraphs(seed_plan.PREAMBLE),
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        *documents.paragraphs(seed_plan.PURPOSES),
        "2. Yêu cầu",
        *documents.paragraphs(seed_plan.REQUIREMENTS),
        "II. NỘI DUNG THỰC HIỆN",
    ]
    for number, (title, items) in enumerate(seed_plan.AREAS, start=1):
        expected += [f"{number}. {title}", f"{number}.1. Nội dung"]
        expected += [f"{label}) {item}" for label, item in items]
        expected += [
            f"{number}.2. Cơ quan thực hiện: {seed_plan.AREA_BODIES}",
            f"{number}.3. Thời gian thực hiện: {seed_plan.AREA_TIMING}",
        ]
    expected.append("III. TỔ CHỨC THỰC HIỆN")
    for number, (heading, duty) in enumerate(seed_plan.DUTIES, start=1):
        expected += [f"{number}. {heading}", *documents.paragraphs(duty)]
    expected += ["4. Chế độ báo cáo", seed_plan.REPORTING, "Nơi nhận:"]
    expected += [f"- {line}" for line in seed_plan.RECIPIENTS]
    expected += ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Mạnh Huy"]
    position = 0
    for piece in expected:
        found = text.find(pdfcheck.flat(piece), position)
        assert found >= 0, f"missing or out of order in the PDF text: {piece[:80]!r}"
        position = found + len(pdfcheck.flat(piece))
    # "đ" sorts between "d" and "e" in the third area, as in the document.
    assert text.index("d) Người đứng đầu") < text.index("đ) Kịp thời sửa đổi") < text.index("e) Giữ vững đoàn kết")


def test_header_number_is_blank_while_a_draft(seed_pdf):
    page_one = [w for w in pdfcheck.words(seed_pdf[1]) if w.page == 1]
    number = next(w for w in page_one if w.text == "Số:")
    symbol = next(w for w in page_one if w.text == "/KH-UBND")
    assert abs(number.y_min - symbol.y_min) < 1  # one line, the number left blank between them
    assert symbol.x_min - number.x_max > 4 * MM


def test_issued_number_in_the_header(db):
    plan = seed_plan.seed_like_plan([], number="12", day=20)
    text = pdfcheck.flat(pdfcheck.text(plan_pdf(plan).content, first=1, last=1))
    assert "Số: 12/KH-UBND" in text
    assert "Cẩm Giang, ngày 20 tháng 12 năm 2025" in text


def test_seed_sized_plan_has_pages_numbered_from_page_2(seed_pdf):
    pdf = seed_pdf[1]
    info = pdfcheck.info(pdf)
    pages = int(info["Pages"])
    assert pages >= 2
    assert info["Page size"].endswith("(A4)")
    top_margin = 20 * MM
    words = pdfcheck.words(pdf)
    # Page 1: nothing printed in the top margin (no page number).
    assert not [w for w in words if w.page == 1 and w.y_max < top_margin]
    for page in range(2, pages + 1):
        in_margin = [w for w in words if w.page == page and w.y_max < top_margin]
        assert [w.text for w in in_margin] == [str(page)]
        centre = (in_margin[0].x_min + in_margin[0].x_max) / 2
        text_centre = (30 * MM + A4[0] - 15 * MM) / 2
        assert abs(centre - text_centre) < 3 * MM


def test_text_stays_inside_the_decree_30_margins(seed_pdf):
    words = pdfcheck.words(seed_pdf[1])
    assert min(w.x_min for w in words) >= 30 * MM - 1  # left 30 mm
    assert max(w.x_max for w in words) <= A4[0] - 15 * MM + 1  # right 15 mm
    assert max(w.y_max for w in words) <= A4[1] - 20 * MM + 1  # bottom 20 mm
    body = [w for w in words if not w.text.isdigit()]
    assert min(w.y_min for w in body) >= 20 * MM - 1  # top 20 mm, the page numbers aside


def test_header_columns_and_closing_block_positions(seed_pdf):
    words = pdfcheck.words(seed_pdf[1])
    middle = (30 * MM + A4[0] - 15 * MM) / 2
    first_page = [w for w in words if w.page == 1]
    agency = next(w for w in first_page if w.text == "GIANG")
    nation = next(w for w in first_page if w.text == "NGHĨA")
    assert agency.x_max < middle < nation.x_min  # agency left, national name right
    assert abs(agency.y_min - nation.y_min) < 20  # side by side
    last_page = max(w.page for w in words)
    closing = [w for w in words if w.page == last_page]
    recipients = next(w for w in closing if w.text == "nhận:")
    signer = next(w for w in closing if w.text == "Huy")
    assert recipients.x_max < middle < signer.x_min  # "Nơi nhận" left, signature right
    assert signer.y_min > recipients.y_min  # the name under the space for signature and seal


def test_fonts_are_embedded_liberation_serif(seed_pdf):
    fonts = pdfcheck.fonts(seed_pdf[1])
    # Only Liberation Serif: a glyph missing from it would show up as a fallback font here.
    assert {name for name, _ in fonts} == LIBERATION
    assert all(embedded for _, embedded in fonts)


def test_closing_block_is_never_split_across_pages(db):
    """Whatever the length of the body, "Nơi nhận" and the signature stay on one page."""
    plan = small_plan([], items_per_area=(2, 2))
    plan.recipients.create(text="Thường trực Đảng ủy;", order=1)
    plan.recipients.create(text="Lưu: VT.", order=2)
    plan.sign_authority, plan.sign_position = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    pages_seen = set()
    for extra in range(0, 36, 3):
        plan.reporting_text = "\n".join(["Báo cáo 6 tháng trước ngày 05/6/2026."] * (1 + extra))
        plan.save()
        words = pdfcheck.words(plan_pdf(plan).content)
        first = next(w for w in words if w.text == "nhận:")
        last = [w for w in words if w.text == "Huy"][-1]
        assert first.page == last.page == max(w.page for w in words)
        pages_seen.add(last.page)
    assert len(pages_seen) >= 2  # the loop did push the block over a page break


def test_reporting_sentence_built_from_periods_when_the_plan_has_none(db):
    plan = small_plan([], items_per_area=(1,))
    plan.reporting_via = Body.objects.create(
        commune=home_commune(), name="Phòng Văn hóa – Xã hội", code="phong-vhxh", kind=Body.Kind.DEPARTMENT
    )
    plan.save()
    text = pdfcheck.flat(pdfcheck.text(plan_pdf(plan).content))
    assert "1. Chế độ báo cáo" in text  # numbered after the duties (none here)
    assert "báo cáo 6 tháng trước ngày 05/06/2026; báo cáo 9 tháng trước ngày 10/09/2026" in text
    assert "(qua Phòng Văn hóa – Xã hội)./." in text


def test_area_bodies_fall_back_to_the_assigned_bodies(db):
    bodies = [BodyFactory(name="Thôn Đông Giao"), BodyFactory(name="Phòng Kinh tế")]
    plan = small_plan(bodies, items_per_area=(1,))
    context = plan_document_context(plan)
    run_in = {part.heading: part.text for part in context["areas"][0].parts}
    assert run_in["Cơ quan thực hiện"] == "Phòng Kinh tế; Thôn Đông Giao."  # in the bodies' order (kind, order, name)
    assert [part.number for part in context["areas"][0].parts] == ["1.1", "1.2", "1.3"]


def test_dash_bullets_print_as_dashes(db):
    plan = small_plan([], items_per_area=(2,))
    area = plan.areas.get()
    area.items.filter(label="a").update(label="-", text="Gạch đầu dòng thứ nhất.")
    text = pdfcheck.flat(pdfcheck.text(plan_pdf(plan).content))
    assert "- Gạch đầu dòng thứ nhất." in text and "-)" not in text


def test_a_bare_draft_still_renders(db):
    """A plan with nothing but its title (a draft being written) gives a one-page paper, not an error."""
    plan = Plan.objects.create(
        commune=home_commune(),
        commune_name="Cẩm Giang",
        organisation="",
        year=2027,
        place="Cẩm Giang",
        title="Thử nghiệm",
    )
    pdf = plan_pdf(plan).content
    text = pdfcheck.flat(pdfcheck.text(pdf))
    assert "XÃ CẨM GIANG" in text and "KẾ HOẠCH Thử nghiệm" in text and "III. TỔ CHỨC THỰC HIỆN" in text
    assert pdfcheck.info(pdf)["Pages"] == "1"


def test_html_in_plan_text_is_printed_not_interpreted(db):
    plan = small_plan([], items_per_area=(1,))
    item = plan.areas.get().items.get()
    item.text = '<b>Đậm</b> & <img src="file:///etc/hostname"> xong'
    item.save()
    text = pdfcheck.flat(pdfcheck.text(plan_pdf(plan).content))
    assert 'a) <b>Đậm</b> & <img src="file:///etc/hostname"> xong' in text


def test_date_line_matches_the_shared_helper(db):
    plan = small_plan([], items_per_area=(1,))
    for day, month, year in [(None, 12, 2025), (5, 1, 2026), (15, 2, 2026), (9, 10, 2026), (None, None, None)]:
        plan.date_day, plan.date_month, plan.date_year = day, month, year
        assert plan.date_line == documents.date_line(plan.place, day, month, year)
    assert plan.number_symbol == documents.number_symbol(plan.number, plan.symbol)


def test_render_query_count_does_not_grow_with_bodies(db):
    few = small_plan(BodyFactory.create_batch(3))
    many = small_plan(BodyFactory.create_batch(30))
    counts = []
    for plan in (few, many):
        plan = Plan.objects.get(pk=plan.pk)
        with CaptureQueriesContext(connection) as queries:
            plan_pdf(plan)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


def test_filename():
    assert plan_pdf_filename(Plan(year=2026)) == "ke-hoach-2026.pdf"
    assert plan_pdf_filename(Plan(year=2026, number="12")) == "ke-hoach-2026-so-12.pdf"


# The view ----------------------------------------------------------------------------------------


@pytest.fixture
def plan(demo):
    return small_plan(list(Body.objects.filter(code__in=["phong-kinh-te", "thon-001"])), items_per_area=(2, 1))


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("username", VIEWER_ROLES)
def test_every_official_gets_the_pdf_inline(client_for, plan, username):
    response = client_for(username).get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="ke-hoach-2026.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_forged_id_is_404(client_for, plan):
    response = client_for("vanhoaxahoi").get(reverse("plans:pdf", args=[plan.pk + 1000]))
    assert response.status_code == 404


def test_user_without_a_role_is_refused(client, plan, django_user_model):
    client.force_login(django_user_model.objects.create_user("nguoingoai", password="x"))
    assert client.get(reverse("plans:pdf", args=[plan.pk])).status_code == 403


def test_plan_page_links_to_the_pdf(client_for, plan):
    response = client_for("truongthon1").get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    assert f'href="{reverse("plans:pdf", args=[plan.pk])}"'.encode() in response.content
    assert "Tải PDF" in response.content.decode()


# The command -------------------------------------------------------------------------------------


def test_command_writes_the_pdf(tmp_path, capsys):
    plan = seed_plan.seed_like_plan([])
    out = tmp_path / "ke-hoach.pdf"
    call_command("render_plan_pdf", str(plan.pk), "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Thực hiện dân chủ ở cơ sở" in pdfcheck.flat(pdfcheck.text(out.read_bytes()))
    assert str(out) in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.pdf"]  # no temporary file left


@pytest.mark.parametrize("plan_id", ["999999", "abc", "-1"])
def test_command_unknown_id(tmp_path, plan_id):
    with pytest.raises(CommandError, match="Không tìm thấy kế hoạch"):
        call_command("render_plan_pdf", plan_id, "--out", str(tmp_path / "x.pdf"))
    assert not list(tmp_path.iterdir())


def test_command_unwritable_paths(tmp_path):
    plan = small_plan([], items_per_area=(1,))
    with pytest.raises(CommandError, match="Không ghi được tệp .*không tồn tại"):
        call_command("render_plan_pdf", str(plan.pk), "--out", str(tmp_path / "thieu" / "x.pdf"))
    with pytest.raises(CommandError, match="Không ghi được tệp .*thư mục"):
        call_command("render_plan_pdf", str(plan.pk), "--out", str(tmp_path))
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_imported_seed_states_each_areas_timing_once(demo):
    """The seed gives "Thời gian thực hiện" per area, not per item: the PDF must not add it to every item."""
    from plans.documents import plan_pdf

    plan = demo.demo_plan()
    text = pdfcheck.body_text(plan_pdf(plan).content)
    assert "(Thời gian:" not in text
    assert text.count("Thời gian thực hiện: Thường xuyên trong năm 2026") == 3
