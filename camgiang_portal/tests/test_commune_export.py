"""commune_export: one commune's data out of the many-commune platform, restored by `restore` into a one-commune
deployment of its own, with nothing of the other commune in it."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from camgiang_portal.tests.test_permission_matrix import PDF, public_side_and_draft
from communes.current import use_commune
from communes.models import Commune
from communes.scoping import CommuneScoped

User = get_user_model()
AN_HAI = "11617"
DEMO_PASSWORD = "camgiang2026"


def _files(media_root: Path) -> set[str]:
    return {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}


@pytest.fixture
def two_communes(demo, settings, tmp_path, frozen_in_may, issuer_identity):
    """Cẩm Giang (the demo) and Phường An Hải, each with a plan, forms, a file on a form, an issued paper; An Hải
    also with the public side, a draft Báo cáo, and an admin's change made by the platform's operator."""
    from issuance import services as issuance_services
    from issuance.papers import PlanPaper
    from plans import services as plan_services
    from plans.demo import DemoSite, plan_text
    from plans.models import Body, Role
    from plans.onboarding import commune_onboard
    from reports import services as report_services
    from reports.models import ExportJob, ProgressReport

    settings.PLATFORM_COMMUNES = "many"
    settings.MEDIA_ROOT = tmp_path / "media"
    cam_giang_plan = demo.demo_plan()
    report_services.report_expected_generate(plan=cam_giang_plan, by=SYSTEM)
    cam_giang = cam_giang_plan.commune
    with use_commune(cam_giang):
        report = ProgressReport.objects.filter(body__code="thon-001").first()
        head = User.objects.get(username="truongthon1")
        upload = SimpleUploadedFile("cam-giang.pdf", PDF, content_type="application/pdf")
        report_services.attachment_add(report=report, by=head, upload=upload)
        issuance_services.issue(PlanPaper(cam_giang_plan), by=User.objects.get(username="lanhdao"))

    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM, password=DEMO_PASSWORD).commune
    issuer_identity(an_hai)
    with use_commune(an_hai):
        ward = plan_services.body_create(
            commune=an_hai, code="an-hai--to-dan-pho-1", name="Tổ dân phố số 1", kind=Body.Kind.VILLAGE
        )
        head = plan_services.account_create(
            username="an-hai.truongthon1", password=DEMO_PASSWORD, role=Role.VILLAGE_HEAD, body=ward
        )
        coordinator = User.objects.get(username="an-hai.vanhoaxahoi")
        plan = plan_services.plan_import(source=plan_text(DemoSite(an_hai, 2)), filename="kh.md", by=coordinator).plan
        report_services.report_expected_generate(plan=plan, by=SYSTEM)
        report = ProgressReport.objects.get(body=ward, period__code="6thang")
        upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
        report_services.attachment_add(report=report, by=head, upload=upload)
        ExportJob.objects.create(period=report.period, format="xlsx", requested_by=head)
        public_side_and_draft(body=ward, coordinator=coordinator, report=report, word="phường")
        document = issuance_services.issue(PlanPaper(plan), by=User.objects.get(username="an-hai.lanhdao"))
    # The platform's operator renamed An Hải's ward through /admin/: the log names an account of no commune.
    LogEntry.objects.create(
        user=User.objects.get(username="admin"),
        content_type=ContentType.objects.get_for_model(Body),
        object_id=str(ward.pk),
        object_repr=ward.name,
        action_flag=CHANGE,
        change_message="Đổi tên tổ dân phố",
    )
    return {"cam_giang": cam_giang, "an_hai": an_hai, "plan": plan, "document": document}


def _files_of(commune) -> set[str]:
    """The stored files a commune's rows name: form, case and disclosure attachments, issued papers."""
    from issuance.models import IssuedDocument
    from publicity.models import DisclosureAttachment, FeedbackAttachment
    from reports.models import Attachment

    return {
        row.file.name
        for model in (Attachment, FeedbackAttachment, DisclosureAttachment, IssuedDocument)
        for row in model.all_communes.filter(model.commune_q(commune))
    }


def _fingerprint(commune) -> dict:
    """What a commune holds, by values that survive a restore (ids of users and groups do not): its rows and
    their history per model, its members with their password hashes and groups, the object permissions on its
    rows by holder."""
    from django.apps import apps
    from guardian.models import GroupObjectPermission, UserObjectPermission
    from simple_history.utils import get_history_model_for_model

    rows, history, object_permissions = {}, {}, []
    for model in apps.get_models():
        if not issubclass(model, CommuneScoped):
            continue
        own = model.all_communes.filter(model.commune_q(commune))
        rows[model._meta.label_lower] = own.count()
        if hasattr(model, "history"):
            history[model._meta.label_lower] = (
                get_history_model_for_model(model).objects.filter(model.commune_q(commune)).count()
            )
        content_type = ContentType.objects.get_for_model(model)
        pks = [str(pk) for pk in own.values_list("pk", flat=True)]
        for holder, permissions in (("group__name", GroupObjectPermission), ("user__username", UserObjectPermission)):
            object_permissions += permissions.objects.filter(content_type=content_type, object_pk__in=pks).values_list(
                holder, "permission__codename", "object_pk"
            )
    members = User.objects.filter(membership__body__commune=commune)
    return {
        "rows": rows,
        "history": history,
        "object_permissions": sorted(object_permissions),
        "users": sorted(members.values_list("username", "password", "email", "is_active")),
        "groups": sorted(members.values_list("username", "groups__name")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_commune_exported_restores_alone_into_its_own_deployment(two_communes, settings, tmp_path, client):
    from issuance.models import IssuedDocument
    from plans.models import Body, Plan
    from reports.models import ProgressReport

    an_hai, cam_giang = two_communes["an_hai"], two_communes["cam_giang"]
    media_root = Path(settings.MEDIA_ROOT)
    an_hai_files, cam_giang_files = _files_of(an_hai), _files_of(cam_giang)
    assert len(an_hai_files) == 4 and len(cam_giang_files) == 2  # attachments of each kind, the issued plan
    assert _files(media_root) == an_hai_files | cam_giang_files
    before = _fingerprint(an_hai)
    cam_giang_users = set(User.objects.filter(membership__body__commune=cam_giang).values_list("username", flat=True))

    out = tmp_path / "an-hai"
    stdout = io.StringIO()
    call_command("commune_export", AN_HAI, str(out), stdout=stdout)
    assert {p.name for p in out.iterdir()} == {"data.json", "media.tar.gz", "manifest.json"}
    assert "restore" in stdout.getvalue()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["commune_export"]["code"] == AN_HAI
    # Nothing of Cẩm Giang in the archive: none of its accounts, bodies, plan's words or files.
    text = (out / "data.json").read_text()
    for word in ["Cẩm Giang", "thon-001", '"truongthon1"', '"vanhoaxahoi"', '"lanhdao"', "cam-giang.pdf"]:
        assert word not in text, word
    with tarfile.open(out / "media.tar.gz") as tar:
        assert {m.name for m in tar.getmembers() if m.isfile()} >= an_hai_files
        assert not {m.name for m in tar.getmembers()} & cam_giang_files

    # Not on the platform, nor on a server of another commune: that would replace their data with An Hải's.
    for communes, home in (("many", AN_HAI), ("one", cam_giang.code)):
        settings.PLATFORM_COMMUNES, settings.PLATFORM_HOME_COMMUNE = communes, home
        with pytest.raises(CommandError, match="PLATFORM_HOME_COMMUNE=11617"):
            call_command("restore", str(out), "--no-input")
        assert Commune.objects.filter(code=cam_giang.code, on_platform=True).exists()
    # The commune on its own server: one commune, An Hải at home.
    settings.PLATFORM_COMMUNES = "one"
    settings.PLATFORM_HOME_COMMUNE = AN_HAI
    call_command("restore", str(out), "--no-input", stdout=io.StringIO())

    assert list(Commune.objects.values_list("code", flat=True)) == [AN_HAI]
    assert _fingerprint(Commune.objects.get()) == before
    assert before["rows"]["plans.plan"] and before["history"]["plans.plan"] and before["object_permissions"]
    assert Plan.objects.get(year=2026).pk == two_communes["plan"].pk
    assert not User.objects.filter(username__in=cam_giang_users).exists()
    assert not Body.objects.exclude(commune__code=AN_HAI).exists()
    assert ProgressReport.objects.filter(body__code="an-hai--to-dan-pho-1").exists()
    assert _files(media_root) == an_hai_files
    document = IssuedDocument.objects.get()
    assert document.file.read() and document.commune.code == AN_HAI
    # The ward's head logs in and reaches their form; their object permissions came with them.
    response = client.post(reverse("login"), {"username": "an-hai.truongthon1", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    head = User.objects.get(username="an-hai.truongthon1")
    assert head.has_perm("plans.view_body", Body.objects.get(code="an-hai--to-dan-pho-1"))
    assert client.get(reverse("start")).status_code in (200, 302)
    # The operator who acted in An Hải is named by the log, as an account that cannot log in.
    admin = User.objects.get(username="admin")
    assert (admin.is_active, admin.is_superuser, admin.has_usable_password(), admin.email) == (False, False, False, "")
    assert LogEntry.objects.get().user == admin
    # The rest of the official list comes back around it, An Hải's row (its id, slug) untouched.
    call_command("communes_sync", stdout=io.StringIO())
    assert Commune.objects.count() > 100
    assert Commune.objects.get(code=AN_HAI).pk == an_hai.pk and Plan.objects.get(year=2026).commune.code == AN_HAI


@pytest.mark.django_db
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(demo, settings, tmp_path):
    from communes.services import official_sync

    settings.PLATFORM_COMMUNES = "many"
    official_sync()
    out = tmp_path / "out"
    with pytest.raises(CommandError, match="Không có xã, phường, đặc khu mã “99999”"):
        call_command("commune_export", "99999", str(out))
    with pytest.raises(CommandError, match="chưa dùng cổng"):
        call_command("commune_export", AN_HAI, str(out))
    assert not out.exists()
    out.mkdir()
    (out / "x").write_text("x")
    with pytest.raises(CommandError, match="không trống"):
        call_command("commune_export", settings.PLATFORM_HOME_COMMUNE, str(out))
    assert [p.name for p in out.iterdir()] == ["x"]


@pytest.mark.django_db
def test_dry_run_counts_and_writes_nothing(demo, settings, tmp_path):
    demo.demo_plan()
    out = tmp_path / "out"
    stdout = io.StringIO()
    call_command("commune_export", settings.PLATFORM_HOME_COMMUNE, str(out), "--dry-run", stdout=stdout)
    assert "chạy thử" in stdout.getvalue() and not out.exists()


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_no_half_archive(demo, settings, tmp_path, monkeypatch):
    from camgiang_portal import commune_export

    def broken(tar, names):
        raise OSError("disk full")

    monkeypatch.setattr(commune_export, "media_named_to", broken)
    out = tmp_path / "out"
    with pytest.raises(OSError):
        call_command("commune_export", settings.PLATFORM_HOME_COMMUNE, str(out))
    assert not out.exists()


@pytest.mark.django_db
def test_a_file_a_row_names_but_the_storage_lacks_is_reported(demo, settings, tmp_path, user_named, frozen_in_may):
    from reports import services as report_services
    from reports.models import Attachment, ProgressReport

    settings.MEDIA_ROOT = tmp_path / "media"
    report_services.report_expected_generate(plan=demo.demo_plan(), by=SYSTEM)
    report = ProgressReport.objects.filter(body__code="thon-001").first()
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    attachment = report_services.attachment_add(report=report, by=user_named("truongthon1"), upload=upload)
    Path(attachment.file.path).unlink()
    out, stderr = tmp_path / "out", io.StringIO()
    call_command("commune_export", settings.PLATFORM_HOME_COMMUNE, str(out), stdout=io.StringIO(), stderr=stderr)
    assert attachment.file.name in stderr.getvalue()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["missing_media"] == [attachment.file.name] and manifest["media_files"] == 0
    assert Attachment.objects.count() == 1


@pytest.mark.django_db
def test_on_a_remote_storage_the_files_are_read_through_it(demo, settings, tmp_path, user_named, frozen_in_may):
    from django.core.files.storage import default_storage

    from reports import services as report_services
    from reports.models import ProgressReport

    settings.MEDIA_ROOT = tmp_path / "disk"  # nothing may be read from or land here
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    report_services.report_expected_generate(plan=demo.demo_plan(), by=SYSTEM)
    report = ProgressReport.objects.filter(body__code="thon-001").first()
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    attachment = report_services.attachment_add(report=report, by=user_named("truongthon1"), upload=upload)
    default_storage.save("stray/other.pdf", SimpleUploadedFile("x.pdf", b"no row names it"))
    out = tmp_path / "out"
    call_command("commune_export", settings.PLATFORM_HOME_COMMUNE, str(out), stdout=io.StringIO())
    with tarfile.open(out / "media.tar.gz") as tar:
        assert [m.name for m in tar.getmembers()] == [attachment.file.name]
        assert tar.extractfile(attachment.file.name).read() == PDF
    assert not (tmp_path / "disk").exists()
