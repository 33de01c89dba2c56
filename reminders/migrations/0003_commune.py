"""Each commune has its own reminder settings, words and summaries: the rows that exist were the home commune's,
the one commune the portal served until now. A database with no home commune yet (nothing was ever set up)
has only the default words 0002 stored: they are dropped, and each commune gets its own when it comes on the
platform (reminders.apps)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    db = schema_editor.connection.alias
    home = Commune.objects.using(db).filter(code=settings.PLATFORM_HOME_COMMUNE).first()
    rows = {name: apps.get_model("reminders", name).objects.using(db) for name in ("ReminderSettings", "SummaryLog")}
    templates = apps.get_model("reminders", "NoticeTemplate").objects.using(db)
    if home is None:
        if any(manager.exists() for manager in rows.values()):
            raise RuntimeError("Reminder settings or summaries exist but the home commune does not; run communes_sync.")
        templates.all().delete()
        return
    for manager in [*rows.values(), templates]:
        manager.filter(commune__isnull=True).update(commune=home)


def _commune_field(field_class=models.ForeignKey, related_name="+"):
    return field_class(
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="communes.commune",
        verbose_name="xã, phường",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("reminders", "0002_default_templates"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="summarylog", name="summarylog_unique_kind_key"),
        migrations.AlterField(
            model_name="noticetemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("before", "Nhắc trước hạn nộp"),
                    ("due", "Nhắc đúng ngày hết hạn"),
                    ("overdue", "Thông báo quá hạn"),
                    ("digest", "Tổng hợp hằng tuần gửi cán bộ đầu mối"),
                    ("leadership", "Báo cáo lãnh đạo sau hạn nộp"),
                ],
                max_length=20,
                verbose_name="loại thông báo",
            ),
        ),
        migrations.AddField(model_name="noticetemplate", name="commune", field=_commune_field()),
        migrations.AddField(
            model_name="remindersettings",
            name="commune",
            field=_commune_field(models.OneToOneField, "reminder_settings"),
        ),
        migrations.AddField(model_name="summarylog", name="commune", field=_commune_field()),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
