"""One naming rule: a Vietnamese name family name first, wherever the portal shows or prints a person."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template

from camgiang_portal.people import DELETED_ACCOUNT, full_name, person_name

User = get_user_model()


def test_a_vietnamese_name_reads_family_name_first():
    user = User(username="lanhdao", first_name="Huy", last_name="Vũ Mạnh")
    assert full_name(user) == person_name(user) == "Vũ Mạnh Huy"
    assert user.get_full_name() == "Huy Vũ Mạnh"  # Django's own order, which the portal never shows


def test_a_name_missing_a_part_or_every_part():
    assert full_name(User(username="admin", first_name=" Quản trị ")) == "Quản trị"
    assert full_name(User(username="x", last_name="Nguyễn Thị")) == "Nguyễn Thị"
    nameless = User(username="truongthon1")
    assert full_name(nameless) == "" and person_name(nameless) == "truongthon1"
    assert person_name(None) == str(DELETED_ACCOUNT)


@pytest.mark.django_db
def test_the_menu_names_the_signed_in_official_family_name_first(client):
    user = User.objects.create_user("lanhdao", password="x-Strong-pass-1", first_name="Huy", last_name="Vũ Mạnh")
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "Vũ Mạnh Huy" in page and "Huy Vũ Mạnh" not in page


def test_the_person_filter_is_the_same_rule():
    official = User(first_name="Lan", last_name="Nguyễn Thị")
    rendered = Template("{% load people %}{{ u|person }}").render(Context({"u": official}))
    assert rendered == "Nguyễn Thị Lan"
