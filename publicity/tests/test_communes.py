"""Two communes on one platform: each one's disclosures, cases and reception schedule, codes and site title."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from communes.services import home_commune
from communes.tests.factories import CommuneFactory
from plans.models import Body
from plans.tests.factories import BodyFactory
from publicity import codes, services, tasks
from publicity.models import (
    DisclosureAttachment,
    DisclosureItem,
    Feedback,
    FeedbackAttachment,
    FeedbackStep,
    PersonalDataAccess,
    ReceptionSession,
)

from .conftest import pdf

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def other(demo):
    """Commune B, with a village and a department of its own."""
    commune = CommuneFactory(name="Xã Thử Nghiệm", slug="thu-nghiem")
    village = BodyFactory(commune=commune, code="tn-thon-1", name="Thôn Một", kind=Body.Kind.VILLAGE)
    department = BodyFactory(commune=commune, code="tn-phong", name="Phòng Kinh tế", kind=Body.Kind.DEPARTMENT)
    return commune, village, department


@pytest.fixture
def many(settings):
    settings.PLATFORM_COMMUNES = "many"


def _feedback(village, **kwargs):
    data = {
        "kind": "phan_anh",
        "subject": "Đèn đường hỏng",
        "content": "Đèn hỏng hai tuần.",
        "village": village,
        "name": "Nguyễn Văn Dân",
        "phone": "0912345678",
        "consent": True,
    }
    return services.feedback_submit(**(data | kwargs))


def _disclosure(by, body, title):
    item = services.disclosure_save(
        by=by, data={"category": 4, "title": title, "text": "Toàn văn", "body": body, "forms": ["b"]}, files=[pdf()]
    )
    return services.disclosure_publish(item=item, by=by, start_date=D(2026, 5, 4))


@pytest.fixture
def both(other, village1, user_named):
    """One case, one published disclosure and one reception session in each commune."""
    commune, village, department = other
    coordinator = user_named("vanhoaxahoi")
    a_case = _feedback(village1, files=[pdf()])
    b_case = _feedback(village, subject="Đường ngập nước")
    services.feedback_personal_data_viewed(feedback=a_case, user=coordinator)
    a_item = _disclosure(coordinator, Body.objects.get(code="phong-vhxh"), "Quy chế dân chủ của Cẩm Giang")
    b_item = _disclosure(coordinator, department, "Quy chế dân chủ của Thử Nghiệm")
    session = {"date": D(2099, 5, 25), "start_time": "07:30", "end_time": "11:00"}
    with use_commune(home_commune()):
        a_session = services.reception_session_save(by=SYSTEM, data=session | {"receiver": "Ông Cẩm Giang"})
    with use_commune(commune):
        b_session = services.reception_session_save(by=SYSTEM, data=session | {"receiver": "Bà Thử Nghiệm"})
    return {"a": (a_case, a_item, a_session), "b": (b_case, b_item, b_session), "commune": commune}


def test_new_rows_take_their_village_body_or_served_commune(both):
    home, commune = home_commune(), both["commune"]
    (a_case, a_item, a_session), (b_case, b_item, b_session) = both["a"], both["b"]
    assert (a_case.commune, a_item.commune, a_session.commune) == (home, home, home)
    # A case about B's village and an item in the name of B's body are B's, whoever typed them in.
    assert (b_case.commune, b_item.commune, b_session.commune) == (commune, commune, commune)
    with use_commune(commune):
        assert _feedback(None, email="dan@example.com").commune == commune
    assert a_session.place == "Trụ sở UBND xã Cẩm Giang"
    assert b_session.place == "Trụ sở UBND xã Thử Nghiệm"


def test_an_item_does_not_move_to_another_commune_by_a_change_of_body(both, user_named):
    a_item = both["a"][1]
    b_department = Body.objects.get(code="tn-phong")
    with pytest.raises(ValidationError) as refused:
        services.disclosure_save(item=a_item, by=user_named("vanhoaxahoi"), data={"body": b_department})
    assert "body" in refused.value.message_dict
    assert DisclosureItem.objects.get(pk=a_item.pk).body.code == "phong-vhxh"


def test_under_commune_b_none_of_a_rows_is_seen(both):
    (a_case, a_item, a_session), (b_case, b_item, b_session) = both["a"], both["b"]
    ids = {"feedback": a_case.pk, "disclosure": a_item.pk, "session": a_session.pk}
    with use_commune(both["commune"]):
        assert list(Feedback.objects.all()) == [b_case]
        assert not FeedbackStep.objects.filter(feedback_id=a_case.pk).exists()
        assert not FeedbackAttachment.objects.filter(feedback_id=a_case.pk).exists()
        assert not PersonalDataAccess.objects.exists()
        assert list(DisclosureItem.objects.all()) == [b_item]
        assert set(DisclosureAttachment.objects.values_list("disclosure_id", flat=True)) == {b_item.pk}
        assert list(ReceptionSession.objects.all()) == [b_session]
        assert not Feedback.objects.filter(pk=ids["feedback"]).exists()
        assert not DisclosureItem.objects.filter(pk=ids["disclosure"]).exists()
        assert not ReceptionSession.objects.filter(pk=ids["session"]).exists()
        assert Feedback.all_communes.filter(pk=a_case.pk).exists()  # reading across communes says so
    with use_commune(home_commune()):
        assert list(Feedback.objects.all()) == [a_case]
        assert FeedbackAttachment.objects.filter(feedback_id=a_case.pk).exists()


def test_codes_carry_their_commune_and_are_drawn_for_each(both):
    a_case, b_case, commune = both["a"][0], both["b"][0], both["commune"]
    assert a_case.code.startswith(f"PA-10888-{a_case.received_on.year}-")
    assert b_case.code.startswith(f"PA-{commune.code}-{b_case.received_on.year}-")
    with use_commune(commune):
        drawn = {services.feedback_code_allocate(year=2026) for _ in range(50)}
    assert len(drawn) == 50 and all(code.startswith(f"PA-{commune.code}-2026-") for code in drawn)
    for case in (a_case, b_case):
        assert codes.normalise_code(case.code.lower().replace("-", " ")) == case.code


def test_on_commune_b_site_a_rows_are_404_and_not_listed(client, both, many):
    (a_case, a_item, _a_session), (b_case, b_item, _b_session) = both["a"], both["b"]
    b, a = f"/xa/{both['commune'].slug}", f"/xa/{home_commune().slug}"
    listing = client.get(f"{b}/cong-khai/").content.decode()
    assert b_item.title in listing and a_item.title not in listing
    assert client.get(f"{b}/cong-khai/{a_item.pk}/").status_code == 404
    attachment = a_item.attachments.get()
    assert client.get(f"{b}/cong-khai/{a_item.pk}/tep/{attachment.pk}/").status_code == 404
    reception = client.get(f"{b}/tiep-cong-dan/").content.decode()
    assert "Bà Thử Nghiệm" in reception and "Ông Cẩm Giang" not in reception
    # A's code typed on B's site: not found, in Vietnamese, never a 500; the lookup box leads there too.
    missing = client.get(f"{b}/phan-anh/{a_case.code}/")
    assert missing.status_code == 404 and "Không tìm thấy trang" in missing.content.decode()
    looked_up = client.get(f"{b}/phan-anh/", {"code": a_case.code.lower()}, follow=True)
    assert looked_up.status_code == 404
    assert client.get(f"{b}/phan-anh/{b_case.code}/").status_code == 200
    # On A's own site, the same rows are there.
    assert client.get(f"{a}/phan-anh/{a_case.code}/").status_code == 200
    assert client.get(f"{a}/cong-khai/{a_item.pk}/").status_code == 200
    assert a_item.title in client.get(f"{a}/cong-khai/rss/").content.decode()
    assert a_item.title not in client.get(f"{b}/cong-khai/rss/").content.decode()


def test_site_title_header_and_footer_name_the_commune(client, other, many):
    commune = other[0]
    page = client.get(f"/xa/{commune.slug}/").content.decode()
    assert "– xã Thử Nghiệm</title>" in page
    assert "UBND xã Thử Nghiệm" in page and "Ủy ban nhân dân xã Thử Nghiệm, thành phố Hải Phòng" in page
    assert "Thực hiện dân chủ ở cơ sở xã Thử Nghiệm" in page
    assert "Cẩm Giang" not in page
    home = client.get(f"/xa/{home_commune().slug}/").content.decode()
    assert "– xã Cẩm Giang</title>" in home and "Thử Nghiệm" not in home
    feed = client.get(f"/xa/{commune.slug}/cong-khai/rss/").content.decode()
    assert "Công khai – UBND xã Thử Nghiệm" in feed


def test_one_commune_deployment_reads_as_before(client, demo):
    page = client.get("/").content.decode()
    assert "– xã Cẩm Giang</title>" in page
    assert "UBND xã Cẩm Giang" in page and "Ủy ban nhân dân xã Cẩm Giang, thành phố Hải Phòng" in page
    assert "Thực hiện dân chủ ở cơ sở xã Cẩm Giang" in page


def test_the_confirmation_links_to_the_case_on_its_commune_site(both, many, mailoutbox, settings):
    b_case = both["b"][0]
    Feedback.objects.filter(pk=b_case.pk).update(email="dan@example.com")
    tasks.feedback_confirmation_send(b_case.pk)
    body = mailoutbox[-1].body
    assert f"{settings.SITE_URL}/xa/thu-nghiem/phan-anh/{b_case.code}/?k=" in body
    assert body.startswith("UBND xã Thử Nghiệm đã tiếp nhận")
    assert mailoutbox[-1].from_email == "UBND xã Thử Nghiệm <no-reply@camgiang.gov.vn>"
