"""The code counter counts per commune and year (it was one row per year): a new table, the old rows copied to
the home commune (the one commune that handed those codes out). 0011 drops the old table and takes its name;
in its own migration, so that PostgreSQL alters the tables after these inserts are committed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("publicity", "FeedbackCodeCounter")
    New = apps.get_model("publicity", "FeedbackCodeCounterPerCommune")
    rows = list(Old.objects.using(db).values_list("year", "last"))
    if not rows:
        return
    home = apps.get_model("communes", "Commune").objects.using(db).filter(code=settings.PLATFORM_HOME_COMMUNE).first()
    if home is None:
        raise RuntimeError("Feedback code counters exist but the home commune does not; run communes_sync first.")
    New.objects.using(db).bulk_create(New(commune_id=home.pk, year=year, last=last) for year, last in rows)


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("publicity", "FeedbackCodeCounter")
    New = apps.get_model("publicity", "FeedbackCodeCounterPerCommune")
    for year, last in New.objects.using(db).values_list("year", "last"):  # the highest count of a year wins
        counter, _created = Old.objects.using(db).get_or_create(year=year)
        if last > counter.last:
            Old.objects.using(db).filter(year=year).update(last=last)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("publicity", "0009_commune_required"),
    ]

    operations = [
        migrations.CreateModel(
            name="FeedbackCodeCounterPerCommune",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
                (
                    "commune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="communes.commune",
                        verbose_name="xã, phường",
                    ),
                ),
            ],
            options={"verbose_name": "bộ đếm mã phản ánh", "verbose_name_plural": "bộ đếm mã phản ánh"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
