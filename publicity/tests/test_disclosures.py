"""Disclosures: the R-D rules, the draft → published → archived workflow, public pages, feeds, the quarterly list."""

from __future__ import annotations

import datetime
import subprocess
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Body
from publicity import rules, selectors, services
from publicity.models import DisclosureItem, DisclosureStatus

from .conftest import pdf

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def vhxh(demo):
    return Body.objects.get(code="phong-vhxh")


@pytest.fixture
def make_item(vhxh, user_named):
    def make(publish_on=None, **data):
        values = {
            "category": 7,
            "title": "Danh sách hộ nghèo năm 2026",
            "text": "Kết quả bình xét hộ nghèo, hộ cận nghèo.",
            "body": vhxh,
            "forms": ["a", "b", "c"],
            "decision_date": D(2026, 3, 2),
        }
        values.update(data)
        item = services.disclosure_save(by=user_named("vanhoaxahoi"), data=values)
        if publish_on:
            item = services.disclosure_publish(item=item, by=user_named("vanhoaxahoi"), start_date=publish_on)
        return item

    return make


# --------------------------------------------------------------------------- rules


def test_rd1_five_working_days(make_item):
    on_time = make_item(publish_on=D(2026, 3, 9))  # 5 working days after Monday 02/03
    late = make_item(publish_on=D(2026, 3, 10))
    assert rules.check_rd1(on_time, D(2026, 3, 10)).ok is True
    assert rules.check_rd1(late, D(2026, 3, 10)).ok is False
    draft = make_item()
    assert rules.check_rd1(draft, D(2026, 3, 5)).ok is None
    assert rules.check_rd1(draft, D(2026, 3, 20)).ok is False


def test_rd1_counts_working_days_over_tet(make_item):
    item = make_item(decision_date=D(2026, 2, 13), publish_on=D(2026, 2, 27))
    assert rules.disclose_by(D(2026, 2, 13)) == D(2026, 2, 27)
    assert rules.check_rd1(item, D(2026, 3, 1)).ok is True


def test_rd3_thirty_consecutive_days(make_item, user_named):
    item = make_item(publish_on=D(2026, 3, 5))
    assert item.min_days == 30 and item.planned_end == D(2026, 4, 3)
    assert rules.check_rd3(item, D(2026, 3, 20)).ok is None
    assert rules.check_rd3(item, D(2026, 4, 3)).ok is True
    with pytest.raises(ValidationError):
        services.disclosure_archive(item=item, by=user_named("vanhoaxahoi"), on=D(2026, 3, 20))
    early = services.disclosure_archive(
        item=item, by=user_named("vanhoaxahoi"), on=D(2026, 3, 20), reason="Quyết định bị thu hồi"
    )
    assert rules.check_rd3(early, D(2026, 4, 30)).ok is False
    assert early.history.count() >= 3  # created, published, archived: kept in history


def test_rd3_requires_posting(make_item):
    item = make_item(forms=["b", "c"], publish_on=D(2026, 3, 5))
    assert rules.check_rd3(item, D(2026, 3, 6)).ok is False


def test_rd4_permanent_categories(make_item, user_named):
    item = make_item(category=13, title="Thủ tục hành chính", publish_on=D(2026, 3, 5))
    assert item.min_days is None and item.planned_end is None and item.is_permanent
    assert rules.check_rd4(item, D(2026, 12, 31)).ok is True
    assert rules.check_rd3(item, D(2026, 12, 31)) is None
    with pytest.raises(ValidationError):
        services.disclosure_archive(item=item, by=user_named("vanhoaxahoi"))
    archived = services.disclosure_archive(item=item, by=user_named("vanhoaxahoi"), reason="Thay bằng bộ thủ tục mới")
    assert rules.check_rd4(archived, D(2026, 12, 31)).ok is True


def test_rd5_loudspeaker_three_days(make_item, user_named):
    item = make_item(publish_on=D(2026, 3, 5))
    assert rules.check_rd5(item, D(2026, 3, 6)).ok is None
    item = services.disclosure_loudspeaker_record(item=item, by=user_named("vanhoaxahoi"), days=3)
    assert rules.check_rd5(item, D(2026, 3, 9)).ok is True
    no_radio = make_item(forms=["a"], publish_on=D(2026, 3, 5))
    assert rules.check_rd5(no_radio, D(2026, 3, 9)).ok is False
    assert rules.check_rd5(make_item(category=1), D(2026, 3, 9)) is None


def test_quarterly_list_covers_items_posted_during_the_quarter(make_item, user_named):
    q1 = make_item(publish_on=D(2026, 3, 5))
    spanning = make_item(publish_on=D(2025, 12, 20))
    make_item(publish_on=D(2026, 4, 2))
    make_item()  # a draft is never listed
    listed = set(selectors.disclosures_of_quarter(2026, 1).values_list("pk", flat=True))
    assert listed == {q1.pk, spanning.pk}
    assert selectors.quarter_bounds(2026, 4) == (D(2026, 10, 1), D(2026, 12, 31))


def test_due_and_expiring_for_the_coordinator(make_item):
    draft = make_item(decision_date=D(2026, 3, 2))
    expiring = make_item(publish_on=D(2026, 3, 1))
    due = selectors.disclosures_due(D(2026, 3, 27))
    assert [d.item for d in due["drafts"]] == [draft]
    assert [d.item for d in due["expiring"]] == [expiring]


# --------------------------------------------------------------------------- public pages


def test_public_list_filters_and_hides_drafts(client, make_item, demo):
    shown = make_item(publish_on=D(2026, 3, 5))
    other = make_item(
        category=12, title="Mức thu phí chợ", publish_on=D(2025, 6, 1), body=Body.objects.get(code="phong-kinh-te")
    )
    draft = make_item(title="Bản nháp bí mật")
    html = client.get("/cong-khai/").content.decode()
    assert shown.title in html and other.title in html and draft.title not in html
    html = client.get("/cong-khai/", {"category": 12}).content.decode()
    assert other.title in html and shown.title not in html
    html = client.get("/cong-khai/", {"year": 2026}).content.decode()
    assert shown.title in html and other.title not in html
    html = client.get("/cong-khai/", {"body": other.body_id}).content.decode()
    assert other.title in html and shown.title not in html
    assert client.get("/cong-khai/", {"category": "abc", "year": "x"}).status_code == 200


def test_detail_attachment_and_draft_404(client, make_item, user_named):
    item = make_item(publish_on=D(2026, 3, 5))
    services.disclosure_save(item=item, by=user_named("vanhoaxahoi"), data={}, files=[pdf("danh sách.pdf")])
    attachment = item.attachments.get()
    html = client.get(item.get_absolute_url()).content.decode()
    assert "danh sách.pdf" in html
    response = client.get(reverse("publicity:disclosure_attachment", args=[item.pk, attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    draft = make_item()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("publicity:disclosure_attachment", args=[item.pk, 999])).status_code == 404


def _feed_entries(content: bytes) -> list[tuple[str, str]]:
    """(title, description) of each item of an RSS or Atom feed, as a feed reader decodes them."""
    root = ElementTree.fromstring(content)  # nosec B314 - the portal's own feed, in a test
    atom = "{http://www.w3.org/2005/Atom}"
    if root.tag == "rss":
        return [(i.findtext("title"), i.findtext("description") or "") for i in root.iter("item")]
    return [(e.findtext(f"{atom}title"), e.findtext(f"{atom}summary") or "") for e in root.iter(f"{atom}entry")]


def test_feeds(client, make_item):
    item = make_item(publish_on=D(2026, 3, 5), title="Tin đậm")
    # A disclosure stored before markup was refused (issue 13): the feeds carry its text, not its tags.
    DisclosureItem.objects.filter(pk=item.pk).update(title="Tin <b>đậm</b>", text="Kết quả <i>bình xét</i> hộ nghèo.")
    rss = client.get(reverse("publicity:feed_rss"))
    atom = client.get(reverse("publicity:feed_atom"))
    assert rss.status_code == 200 and b"<rss" in rss.content and item.get_absolute_url().encode() in rss.content
    assert atom.status_code == 200 and b"http://www.w3.org/2005/Atom" in atom.content
    for response in (rss, atom):
        [(title, description)] = _feed_entries(response.content)
        assert title == "Tin đậm" and "<" not in title
        assert description == "Kết quả bình xét hộ nghèo." and "<" not in description


def test_feeds_escape_plain_text_exactly_once(client, make_item):
    make_item(publish_on=D(2026, 3, 5), title='Thu & chi: 5 < 7 "quỹ"', text="Quỹ A & B")
    for name in ("publicity:feed_rss", "publicity:feed_atom"):
        [(title, description)] = _feed_entries(client.get(reverse(name)).content)
        assert title == 'Thu & chi: 5 < 7 "quỹ"'  # not "&amp;" or "&lt;": escaped once, for XML only
        assert description == "Quỹ A &amp; B"  # HTML to feed readers: escaped once as HTML, shown as typed


def test_markup_in_a_disclosure_is_refused(make_item, client_for, vhxh):
    with pytest.raises(ValidationError) as refused:
        make_item(title="Tin <b>đậm</b>")
    assert "Không nhập mã HTML" in str(refused.value) and "title" in refused.value.message_dict
    with pytest.raises(ValidationError):
        make_item(text='Xem <a href="http://evil.example">tại đây</a>')
    client = client_for("vanhoaxahoi")
    response = client.post(reverse("publicity:officials_disclosure_new"), _form(vhxh, title="<script>x</script>Tin"))
    assert response.status_code == 400 and "Không nhập mã HTML" in response.content.decode()
    assert not DisclosureItem.objects.exists()
    # Plain text with a lone "<" is text, not markup.
    assert make_item(title="Hộ có thu nhập < 1,5 triệu đồng").pk


def test_quarterly_page_and_pdf(client, make_item):
    make_item(publish_on=D(2026, 3, 5), title="Danh sách hộ cận nghèo")
    page = client.get(reverse("publicity:quarterly_list", args=[2026, 1]))
    assert page.status_code == 200 and "Danh sách hộ cận nghèo" in page.content.decode()
    response = client.get(reverse("publicity:quarterly_list_pdf", args=[2026, 1]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=False
    ).stdout.decode()
    if text:  # poppler-utils installed
        assert "hộ cận" in text and "DANH MỤC" in text and "quý 1 năm 2026" in text.lower()
    assert client.get(reverse("publicity:quarterly_list", args=[2026, 5])).status_code == 404


def test_public_list_query_count_is_bounded(client, make_item, django_assert_max_num_queries):
    for index in range(25):
        make_item(publish_on=D(2026, 3, 5), title=f"Nội dung {index}")
    with django_assert_max_num_queries(8):
        assert client.get("/cong-khai/").status_code == 200


# --------------------------------------------------------------------------- officials


def _form(body, **extra):
    data = {
        "category": 7,
        "title": "Kết quả bình xét hỗ trợ",
        "text": "Nội dung",
        "body": body.pk,
        "forms": ["a", "b", "c"],
        "decision_date": "2026-03-02",
        "loudspeaker_days": 0,
    }
    data.update(extra)
    return data


def test_coordinator_creates_publishes_and_archives(client_for, vhxh):
    client = client_for("vanhoaxahoi")
    response = client.post(reverse("publicity:officials_disclosure_new"), _form(vhxh, attachments=[pdf()]))
    assert response.status_code == 302
    item = DisclosureItem.objects.get()
    assert item.status == DisclosureStatus.DRAFT and item.attachments.count() == 1
    html = client.get(reverse("publicity:officials_disclosure", args=[item.pk])).content.decode()
    assert "R-D1" in html and "R-D3" in html and "R-D5" in html
    assert client.post(reverse("publicity:officials_disclosure_publish", args=[item.pk])).status_code == 302
    assert client.post(reverse("publicity:officials_disclosure_publish", args=[item.pk])).status_code == 400
    refused = client.post(reverse("publicity:officials_disclosure_archive", args=[item.pk]), {"reason": ""})
    assert refused.status_code == 400 and "lý do" in refused.content.decode()
    assert (
        client.post(
            reverse("publicity:officials_disclosure_archive", args=[item.pk]), {"reason": "Sai sót, thay bản mới"}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.status == DisclosureStatus.ARCHIVED and item.withdrawal_reason
    dashboard = client.get(reverse("publicity:officials_dashboard"))
    assert dashboard.status_code == 200


def test_bad_disclosure_input(client_for, vhxh):
    client = client_for("vanhoaxahoi")
    response = client.post(
        reverse("publicity:officials_disclosure_new"), _form(vhxh, start_date="2026-01-01", category=99)
    )
    assert response.status_code == 400
    assert not DisclosureItem.objects.exists()


def test_department_edits_only_its_own_body(client_for, make_item, demo):
    kinh_te = Body.objects.get(code="phong-kinh-te")
    theirs = make_item(body=kinh_te)
    others = make_item()
    client = client_for("phongkinhte")
    assert client.get(reverse("publicity:officials_disclosure", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("publicity:officials_disclosure", args=[others.pk])).status_code == 404
    response = client.post(reverse("publicity:officials_disclosure_new"), _form(Body.objects.get(code="phong-vhxh")))
    assert response.status_code == 400  # not a body they may choose
    assert client.post(reverse("publicity:officials_disclosure_new"), _form(kinh_te)).status_code == 302


@pytest.mark.parametrize("username", ["truongthon1", "mttq"])
def test_village_heads_and_mttq_do_not_manage_disclosures(client_for, make_item, username):
    item = make_item()
    client = client_for(username)
    assert client.get(reverse("publicity:officials_disclosures")).status_code == 403
    assert client.get(reverse("publicity:officials_disclosure", args=[item.pk])).status_code == 403
    assert client.post(reverse("publicity:officials_disclosure_publish", args=[item.pk])).status_code == 403


def test_anonymous_cannot_manage_disclosures(client, make_item):
    item = make_item()
    for url in (reverse("publicity:officials_disclosures"), reverse("publicity:officials_disclosure", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_disclosure_fields_is_escaped(client, client_for, make_item, user_named):
    item = make_item(publish_on=D(2026, 3, 5))
    DisclosureItem.objects.filter(pk=item.pk).update(title=XSS, text=XSS)  # stored before markup was refused
    services.disclosure_archive(item=item, by=user_named("vanhoaxahoi"), on=D(2026, 3, 6), reason=XSS)
    pages = [
        client.get("/cong-khai/").content.decode(),
        client.get(item.get_absolute_url()).content.decode(),
        client.get(reverse("publicity:quarterly_list", args=[2026, 1])).content.decode(),
        client.get("/tim-kiem/", {"q": "alert"}).content.decode(),
        client_for("vanhoaxahoi").get(reverse("publicity:officials_disclosure", args=[item.pk])).content.decode(),
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
    assert b"<script>" not in client.get(reverse("publicity:feed_rss")).content


@pytest.mark.parametrize("pk", [999999, 0])
def test_forged_disclosure_ids_are_404(client, client_for, demo, pk):
    assert client.get(f"/cong-khai/{pk}/").status_code == 404
    assert client_for("vanhoaxahoi").get(f"/can-bo/cong-khai/{pk}/").status_code == 404


def test_admin_cannot_move_a_disclosure_along_its_workflow(client_for, demo):
    import datetime

    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from publicity import services as publicity_services

    coordinator = get_user_model().objects.get(username="vanhoaxahoi")
    item = publicity_services.disclosure_save(
        by=coordinator,
        data={
            "category": 7,
            "title": "Danh sách hộ nghèo",
            "text": "Kết quả bình xét.",
            "body": coordinator.membership.body,
            "forms": ["a"],
            "decision_date": datetime.date(2026, 5, 18),
        },
    )
    client = client_for("admin")
    assert client.get(reverse("admin:publicity_disclosureitem_add")).status_code == 403
    page = client.get(reverse("admin:publicity_disclosureitem_change", args=[item.pk])).content.decode()
    assert 'name="title"' in page
    assert 'name="status"' not in page and 'name="withdrawal_reason"' not in page and 'name="archived_on"' not in page


def test_a_phuongs_quarterly_list_goes_to_its_own_council_and_its_residential_groups(settings):
    from communes.current import use_commune
    from communes.models import Commune
    from communes.tests.factories import CommuneFactory
    from publicity import pdf

    settings.PLATFORM_COMMUNES = "many"
    ward = CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, slug="an-hai-thu")
    with use_commune(ward):
        lines = pdf.quarterly_list_paper(year=2026, quarter=1).recipients
    assert lines[:3] == ("Thường trực HĐND phường;", "Ủy ban MTTQ Việt Nam phường;", "Các tổ dân phố (để niêm yết);")
