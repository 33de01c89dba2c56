"""seed_demo: idempotent, complete, and never a known password on a production-mode server."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from plans.models import Body, Membership, Role

User = get_user_model()


@pytest.mark.django_db
def test_seed_demo_creates_the_commune_and_is_idempotent(settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    call_command("seed_demo")
    counts = (Body.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (Body.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert Body.objects.filter(kind=Body.Kind.VILLAGE, name__startswith="Thôn ").count() >= 12
    for name in [
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế",
        "Phòng Văn hóa – Xã hội",
        "Trung tâm Phục vụ hành chính công",
    ]:
        assert Body.objects.filter(name=name, kind=Body.Kind.DEPARTMENT).exists()
    for name in [
        "Ủy ban MTTQ Việt Nam xã",
        "Hội Nông dân xã",
        "Hội Liên hiệp Phụ nữ xã",
        "Đoàn Thanh niên xã",
        "Hội Cựu chiến binh xã",
    ]:
        assert Body.objects.filter(name=name, kind=Body.Kind.ORGANISATION).exists()
    assert not Body.objects.filter(email="").exists()
    assert not User.objects.filter(email="").exists()
    assert User.objects.get(username="admin").is_superuser
    for username, role in [
        ("lanhdao", Role.LEADERSHIP),
        ("vanhoaxahoi", Role.COORDINATOR),
        ("phongkinhte", Role.DEPARTMENT),
        ("mttq", Role.MTTQ),
    ]:
        assert User.objects.get(username=username).membership.role == role
    villages = Body.objects.filter(kind=Body.Kind.VILLAGE)
    heads = Membership.objects.filter(role=Role.VILLAGE_HEAD)
    assert heads.count() == villages.count()
    assert heads.get(user__username="truongthon1").body != heads.get(user__username="truongthon2").body
    assert User.objects.get(username="truongthon1").check_password("camgiang2026")


@pytest.mark.django_db
def test_membership_is_one_body_and_one_role_group(demo, user_named):
    user = user_named("truongthon1")
    names = sorted(user.groups.values_list("name", flat=True))
    assert names == ["body:thon-001", "role:village_head"]


@pytest.mark.django_db
def test_seed_demo_refuses_without_explicit_password_in_production_mode(settings):
    settings.DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_scale_multiplies_villages_and_departments(settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    call_command("seed_demo", "--scale", "3")
    assert Body.objects.filter(kind=Body.Kind.VILLAGE).count() == 36
    assert Body.objects.filter(kind=Body.Kind.DEPARTMENT).count() == 12
