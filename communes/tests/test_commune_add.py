"""`manage.py commune_add CODE`: a commune of the official list on the platform, with working accounts."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from communes.models import Commune
from communes.services import CommuneError
from plans.models import Body, Role
from plans.onboarding import commune_onboard

User = get_user_model()
AN_HAI = "11617"


def _add(*args) -> str:
    out = io.StringIO()
    call_command("commune_add", *args, stdout=out)
    return out.getvalue()


def _passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"tài khoản (\S+) \(.*\), mật khẩu một lần: (\S+)", output))


def test_puts_the_commune_on_the_platform_with_accounts_that_log_in(demo, client):
    output = _add(AN_HAI, "--coordinator", "anhai.vhxh")
    commune = Commune.objects.get(code=AN_HAI)
    assert commune.on_platform
    bodies = {b.code: b for b in commune.bodies.all()}
    assert set(bodies) == {"an-hai--lanh-dao", "an-hai--phong-vhxh"}
    assert bodies["an-hai--lanh-dao"].name == "Lãnh đạo UBND phường"
    assert bodies["an-hai--lanh-dao"].kind == Body.Kind.LEADERSHIP
    assert bodies["an-hai--phong-vhxh"].is_coordinator
    passwords = _passwords(output)
    assert set(passwords) == {"an-hai.lanhdao", "anhai.vhxh"}
    for username, password in passwords.items():
        assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
        assert client.get(reverse("start")).status_code == 200
        client.logout()


def test_new_accounts_hold_what_the_demos_leadership_and_coordinator_hold(demo):
    _add(AN_HAI)
    for new, old in [("an-hai.lanhdao", "lanhdao"), ("an-hai.vanhoaxahoi", "vanhoaxahoi")]:
        new_user, old_user = User.objects.get(username=new), User.objects.get(username=old)
        assert new_user.membership.role == old_user.membership.role
        assert new_user.membership.body.commune.code == AN_HAI
        assert new_user.get_all_permissions() == old_user.get_all_permissions()
        assert new_user.groups.get(name__startswith="body:").name == f"body:{new_user.membership.body.code}"
    assert User.objects.get(username="an-hai.vanhoaxahoi").has_perm("reports.review_progressreport")
    assert User.objects.get(username="an-hai.lanhdao").has_perm("plans.issue_plan")


def test_a_second_run_says_so_and_changes_nothing(demo):
    _add(AN_HAI)
    counts = Body.objects.count(), User.objects.count()
    assert "đã có trên cổng" in _add(AN_HAI)
    assert "đã có trên cổng" in _add("10888")  # Cẩm Giang is there since the migration
    assert (Body.objects.count(), User.objects.count()) == counts


@pytest.mark.parametrize("code", ["99999", "00004", "abc", "Xã An Hải"])
def test_an_unknown_code_is_refused_in_vietnamese(db, code):
    with pytest.raises(CommandError, match="không có trong danh mục đơn vị hành chính cấp xã của Thành phố Hải Phòng"):
        _add(code)


def test_a_taken_username_refuses_the_whole_commune(demo):
    counts = Body.objects.count(), User.objects.count()
    with pytest.raises(CommandError, match="đã có người dùng"):
        _add(AN_HAI, "--leader", "lanhdao")
    assert (Body.objects.count(), User.objects.count()) == counts
    assert not Commune.objects.filter(code=AN_HAI, on_platform=True).exists()
    assert User.objects.get(username="lanhdao").membership.body.code == "lanh-dao"


def test_dry_run_writes_nothing(demo):
    counts = Body.objects.count(), User.objects.count()
    assert "Chạy thử" in _add(AN_HAI, "--dry-run")
    assert (Body.objects.count(), User.objects.count()) == counts
    assert not Commune.objects.filter(code=AN_HAI, on_platform=True).exists()


def test_only_a_platform_operator_may_add_a_commune(demo, user_named):
    with pytest.raises(PermissionDenied):
        commune_onboard(code=AN_HAI, by=user_named("vanhoaxahoi"))
    with pytest.raises(PermissionDenied):
        commune_onboard(code=AN_HAI, by=None)
    result = commune_onboard(code=AN_HAI, by=user_named("admin"), usernames={Role.LEADERSHIP: "chutich.anhai"})
    assert result.added and [a.username for a in result.accounts] == ["chutich.anhai", "an-hai.vanhoaxahoi"]
    with pytest.raises(CommuneError):
        commune_onboard(code="11948", by=SYSTEM, usernames={Role.LEADERSHIP: "x.y", Role.COORDINATOR: "X.Y"})


def test_a_plan_import_assigns_only_the_home_communes_bodies(demo):
    from plans.demo import SEED_PLAN
    from plans.models import Assignment
    from plans.services import plan_import

    _add(AN_HAI)  # its "Phòng Văn hóa – Xã hội" has the very name the plan gives Cẩm Giang's
    plan = plan_import(source=SEED_PLAN.read_bytes(), filename=SEED_PLAN.name, by=SYSTEM).plan
    assigned = Assignment.objects.filter(item__area__plan=plan)
    assert assigned.filter(body__code="phong-vhxh").exists()
    assert set(assigned.values_list("body__commune__code", flat=True)) == {"10888"}


@pytest.mark.parametrize("username", ["có dấu cách", "x" * 151, "a/b"])
def test_a_malformed_username_is_refused_before_anything_is_written(db, username):
    with pytest.raises(CommandError, match="không hợp lệ"):
        _add(AN_HAI, "--coordinator", username)
    assert not Body.objects.filter(code__startswith="an-hai--").exists()
