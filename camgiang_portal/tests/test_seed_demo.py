"""seed_demo: idempotent, complete, and never a known password on a production-mode server."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from camgiang_portal.people import full_name
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


@pytest.mark.django_db
def test_seed_demo_several_communes_each_with_its_own_bodies_accounts_and_plan(settings):
    from communes.current import use_commune
    from communes.models import Commune
    from plans.models import Plan

    settings.DEMO_PASSWORD = "camgiang2026"
    settings.PLATFORM_COMMUNES = "many"
    call_command("seed_demo", communes=2)
    counts = (Body.all_communes.count(), User.objects.count(), Plan.all_communes.count())
    call_command("seed_demo", communes=2)
    assert (Body.all_communes.count(), User.objects.count(), Plan.all_communes.count()) == counts
    cam_giang, second = Commune.objects.filter(on_platform=True).order_by("code")[:2]
    cam_giang, second = (cam_giang, second) if cam_giang.code == "10888" else (second, cam_giang)
    coordinator = User.objects.get(username="vanhoaxahoi.2")
    assert coordinator.membership.body.commune == second
    assert coordinator.membership.body.code == f"{second.slug}--phong-vhxh"
    assert User.objects.get(username="vanhoaxahoi").membership.body.commune == cam_giang
    for commune in (cam_giang, second):
        with use_commune(commune):
            plan = Plan.objects.get()
            assert Body.objects.count() == 22 and plan.commune == commune
            assert {a.body.commune_id for a in plan.areas.first().items.first().assignments.all()} == {commune.pk}
    short = second.name.split(" ", 1)[1]
    assert plan.commune_name == short and short.upper() in plan.organisation
    # Its people are its own: its leader signs its plan with their own name, not Cẩm Giang's leader's.
    leader = User.objects.get(username="lanhdao.2")
    assert full_name(leader) != full_name(User.objects.get(username="lanhdao"))
    assert plan.signer_name == full_name(leader)
    with use_commune(cam_giang):
        assert Plan.objects.get().signer_name == full_name(User.objects.get(username="lanhdao")) == "Vũ Mạnh Huy"


def test_every_commune_of_the_demo_has_people_of_its_own():
    from plans.demo import ACCOUNTS, HOME_SIGNER, DemoSite

    sites = [DemoSite(commune=None, k=k) for k in range(1, 115)]
    assert " ".join(reversed(sites[0].person(ACCOUNTS[0]))) == HOME_SIGNER
    leaders = [site.person(ACCOUNTS[0]) for site in sites]
    assert len(set(leaders[:20])) == 20  # neighbours in the list never share a leader's name
    coordinator = sites[1].person(ACCOUNTS[1])
    assert coordinator[1].endswith(" Thị") and coordinator != sites[2].person(ACCOUNTS[1])


@pytest.mark.django_db
def test_seed_demo_several_communes_needs_a_many_commune_deployment(settings):
    settings.DEMO_PASSWORD = "camgiang2026"
    with pytest.raises(CommandError, match="PLATFORM_COMMUNES=many"):
        call_command("seed_demo", communes=2)
