"""A commune's address and names outside its pages (communes.sites): the same answer in a request under its
prefix and in a worker with none, and exactly the deployment's settings in a one-commune deployment."""

from __future__ import annotations

import pytest
from django.urls import set_script_prefix

from communes import sites
from communes.models import Commune
from communes.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(settings):
    settings.SITE_URL = "https://dan-chu.haiphong.gov.vn"
    settings.DEFAULT_FROM_EMAIL = "UBND xã Cẩm Giang <no-reply@camgiang.gov.vn>"
    return (
        CommuneFactory(name="Xã Thử Nghiệm", slug="thu-nghiem"),
        CommuneFactory(name="Phường An Hải", kind=Commune.Kind.PHUONG, slug="an-hai-thu", host="anhai.haiphong.gov.vn"),
    )


def test_one_commune_addresses_and_sender_are_the_settings(two):
    a, b = two
    assert sites.commune_site_url(b, "/reports/7/") == "https://dan-chu.haiphong.gov.vn/reports/7/"
    assert sites.commune_site_url(None, "/start/") == "https://dan-chu.haiphong.gov.vn/start/"
    assert sites.commune_from_email(b) == "UBND xã Cẩm Giang <no-reply@camgiang.gov.vn>"


def test_many_communes_each_address_is_its_own_host_or_its_prefix(two, settings):
    settings.PLATFORM_COMMUNES = "many"
    a, b = two
    assert sites.commune_site_url(a, "/reports/7/") == "https://dan-chu.haiphong.gov.vn/xa/thu-nghiem/reports/7/"
    assert sites.commune_site_url(b, "/reports/7/") == "https://anhai.haiphong.gov.vn/reports/7/"
    assert sites.commune_site_url(None, "/accounts/") == "https://dan-chu.haiphong.gov.vn/accounts/"
    settings.SITE_URL = "http://127.0.0.1:8000"  # the host keeps the platform's scheme
    assert sites.commune_site_url(b, "/") == "http://anhai.haiphong.gov.vn/"


def test_a_reverse_made_under_another_communes_prefix_still_points_to_the_commune(two, settings):
    settings.PLATFORM_COMMUNES = "many"
    a, b = two
    set_script_prefix("/xa/thu-nghiem/")
    try:
        assert sites.commune_site_url(b, "/xa/thu-nghiem/reports/7/") == "https://anhai.haiphong.gov.vn/reports/7/"
        assert sites.commune_site_url(a, "/xa/thu-nghiem/") == "https://dan-chu.haiphong.gov.vn/xa/thu-nghiem/"
    finally:
        set_script_prefix("/")


def test_many_communes_sender_keeps_the_address_under_the_communes_name(two, settings):
    settings.PLATFORM_COMMUNES = "many"
    a, b = two
    assert sites.commune_from_email(b) == "UBND phường An Hải <no-reply@camgiang.gov.vn>"
    assert sites.commune_from_email(a) == "UBND xã Thử Nghiệm <no-reply@camgiang.gov.vn>"
    assert sites.commune_from_email(None) == settings.DEFAULT_FROM_EMAIL


def test_the_platforms_name_is_its_provinces():
    assert sites.platform_name() == "Cổng thực hiện dân chủ ở cơ sở – thành phố Hải Phòng"
    assert sites.committee_name(CommuneFactory(name="Đặc khu Cát Hải", kind=Commune.Kind.DAC_KHU)) == (
        "UBND đặc khu Cát Hải"
    )
