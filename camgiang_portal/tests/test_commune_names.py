"""Each commune named as itself where the portal speaks outside its pages: the password-reset mail, the admin's
titles, the verification page, the one-click reminder. In a one-commune deployment each keeps its words."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from camgiang_portal.actors import SYSTEM
from plans.onboarding import commune_onboard

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
SITE = "https://dan-chu.haiphong.gov.vn"


@pytest.fixture
def an_hai(demo, settings):
    """An Hải beside the demo's Cẩm Giang on one many-commune deployment; its coordinator has an e-mail."""
    settings.PLATFORM_COMMUNES = "many"
    settings.SITE_URL = SITE
    commune = commune_onboard(code=AN_HAI, by=SYSTEM).commune
    get_user_model().objects.filter(username=f"{commune.slug}.vanhoaxahoi").update(email="vanhoaxahoi@anhai.test")
    return commune


def reset_mail(client, address, prefix=""):
    response = client.post(f"{prefix}/accounts/password_reset/", {"email": address})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def test_a_communes_official_gets_a_reset_mail_of_their_commune_linking_to_its_address(an_hai, client):
    message = reset_mail(client, "vanhoaxahoi@anhai.test")  # asked at the platform's root
    assert message.subject == "Đặt lại mật khẩu – Cổng dân chủ phường An Hải"
    assert "Cổng thực hiện dân chủ ở cơ sở phường An Hải." in message.body and "Cẩm Giang" not in message.body
    assert message.from_email == "UBND phường An Hải <no-reply@camgiang.gov.vn>"
    link = re.search(rf"{re.escape(SITE)}(/xa/{an_hai.slug}/accounts/reset/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Đặt mật khẩu mới" in form.content.decode()


def test_the_reset_link_is_the_users_commune_whichever_communes_page_asked(an_hai, client):
    message = reset_mail(client, "truongthon1@camgiang.gov.vn", prefix=f"/xa/{an_hai.slug}")
    assert message.subject == "Đặt lại mật khẩu – Cổng dân chủ xã Cẩm Giang"
    assert f"{SITE}/xa/cam-giang/accounts/reset/" in message.body and "An Hải" not in message.body
    assert message.from_email == "UBND xã Cẩm Giang <no-reply@camgiang.gov.vn>"


def test_a_user_of_no_commune_gets_the_platforms_reset_mail(an_hai, client):
    get_user_model().objects.create_user("van-hanh", "vanhanh@haiphong.test", "x", is_superuser=True)
    message = reset_mail(client, "vanhanh@haiphong.test")
    assert message.subject == "Đặt lại mật khẩu – Cổng thực hiện dân chủ ở cơ sở – thành phố Hải Phòng"
    assert re.search(rf"{re.escape(SITE)}/accounts/reset/\S+", message.body)
    assert message.from_email == "UBND xã Cẩm Giang <no-reply@camgiang.gov.vn>"  # DEFAULT_FROM_EMAIL as it is


def test_one_commune_reset_mail_is_unchanged(demo, client, settings):
    message = reset_mail(client, "truongthon1@camgiang.gov.vn")
    assert message.subject == "Đặt lại mật khẩu – Cổng dân chủ xã Cẩm Giang"
    assert "Cổng thực hiện dân chủ ở cơ sở xã Cẩm Giang." in message.body
    assert re.search(rf"{re.escape(settings.SITE_URL)}/accounts/reset/\S+", message.body)
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_the_admin_says_the_platform_in_many_communes_and_cam_giang_in_one(demo, admin_client, settings):
    page = admin_client.get("/admin/").content.decode()
    assert "Cổng thực hiện dân chủ ở cơ sở – xã Cẩm Giang" in page
    assert "<title>Quản trị | Quản trị cổng dân chủ Cẩm Giang</title>" in page
    settings.PLATFORM_COMMUNES = "many"
    page = admin_client.get("/admin/").content.decode()
    assert "Cổng thực hiện dân chủ ở cơ sở – thành phố Hải Phòng" in page and "Cẩm Giang" not in page
    assert "<title>Quản trị | Quản trị cổng dân chủ thành phố Hải Phòng</title>" in page


def test_the_verification_page_names_the_commune_or_says_any_commune_at_the_root(an_hai, client, settings):
    root = client.get("/xac-thuc/").content.decode()
    assert "văn bản do một xã, phường trên cổng ban hành" in root
    page = client.get(f"/xa/{an_hai.slug}/xac-thuc/").content.decode()
    assert "văn bản do UBND phường An Hải ban hành" in page and "UBND xã Cẩm Giang ban hành" not in page
    settings.PLATFORM_COMMUNES = "one"
    assert "văn bản do UBND xã Cẩm Giang ban hành" in client.get("/xac-thuc/").content.decode()
