"""backup and restore round-trip the database and the media files without loss."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from plans.models import Assignment, Body, Membership, Plan, Task

User = get_user_model()


def _fingerprint() -> dict:
    plan = Plan.objects.get()
    return {
        "bodies": sorted(Body.objects.values_list("code", "name", "group__name")),
        "users": sorted(User.objects.values_list("username", "email", "password", "is_superuser")),
        "memberships": sorted(Membership.objects.values_list("user__username", "body__code", "role")),
        "groups": sorted(User.objects.get(username="truongthon1").groups.values_list("name", flat=True)),
        "assignments": Assignment.objects.count(),
        "tasks": Task.objects.count(),
        "plan": (plan.title, plan.year, plan.signer_name, plan.areas.count()),
        "history": Plan.history.count(),
        "admin_log": sorted(
            LogEntry.objects.values_list(
                "user__username",
                "content_type__app_label",
                "content_type__model",
                "object_id",
                "action_flag",
                "change_message",
            )
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "reports").mkdir(parents=True)
    (settings.MEDIA_ROOT / "reports" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 test")
    demo.demo_plan()
    # The admin's change log is part of what a backup keeps (who changed what through /admin/).
    body = Body.objects.get(code="thon-001")
    LogEntry.objects.create(
        user=User.objects.get(username="admin"),
        content_type=ContentType.objects.get_for_model(Body),
        object_id=str(body.pk),
        object_repr=body.name,
        action_flag=CHANGE,
        change_message="Đổi tên thôn",
    )
    before = _fingerprint()
    assert before["admin_log"]
    out = tmp_path / "backup"
    call_command("backup", str(out), stdout=io.StringIO())
    assert {p.name for p in out.iterdir()} == {"data.json", "media.tar.gz", "manifest.json"}

    # Damage everything, then restore.
    Plan.objects.all().delete()
    LogEntry.objects.all().delete()
    User.objects.filter(username__startswith="truongthon").delete()
    (settings.MEDIA_ROOT / "reports" / "bien-ban.pdf").unlink()
    call_command("restore", str(out), "--no-input", stdout=io.StringIO())

    assert _fingerprint() == before
    assert (Path(settings.MEDIA_ROOT) / "reports" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 test"
    user = User.objects.get(username="truongthon1")
    assert user.check_password("camgiang2026")
    assert user.has_perm("plans.view_body", Body.objects.get(code="thon-001"))
    assert not user.has_perm("plans.view_body", Body.objects.get(code="thon-002"))


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "x").write_text("x")
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(tmp_path))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = tmp_path / "backup"
    call_command("backup", str(out), stdout=io.StringIO())
    with (out / "data.json").open("a") as fh:
        fh.write(" ")
    users = User.objects.count()
    with pytest.raises(CommandError, match="bị hỏng"):
        call_command("restore", str(out), "--no-input")
    assert User.objects.count() == users
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore", str(tmp_path / "media"), "--no-input")


@pytest.mark.django_db
def test_migrations_are_complete():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:
        assert not exc.code, f"missing migrations:\n{out.getvalue()}"


@pytest.mark.django_db(transaction=True)
def test_migrations_reverse_to_zero_and_apply_again():
    from django.apps import apps

    # Top of the stack first: an app's migrations may depend on the apps below it.
    for app in ["publicity", "reminders", "issuance", "reports", "plans", "communes"]:
        if apps.is_installed(app) and (settings.BASE_DIR / app / "migrations" / "0001_initial.py").exists():
            call_command("migrate", app, "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    assert Plan.objects.count() == 0
