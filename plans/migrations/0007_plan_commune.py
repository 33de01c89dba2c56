"""A plan belongs to a commune (a foreign key), no longer to a name: the name its text prints stays as
`commune_name`. Plans that exist belong to the commune of the body they report through, else to the home
commune (the one commune the portal served until now, made by 0005)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    Plan = apps.get_model("plans", "Plan")
    db = schema_editor.connection.alias
    home = Commune.objects.using(db).filter(code=settings.PLATFORM_HOME_COMMUNE).first()
    for plan in Plan.objects.using(db).filter(commune__isnull=True).select_related("reporting_via"):
        commune_id = plan.reporting_via.commune_id if plan.reporting_via_id else getattr(home, "pk", None)
        if commune_id is None:  # no home commune row: 0005 makes it whenever a body exists, so no plan can be
            raise RuntimeError("A plan exists but the home commune does not; run communes_sync first.")
        Plan.objects.using(db).filter(pk=plan.pk).update(commune_id=commune_id)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("plans", "0006_body_commune_required"),
    ]

    operations = [
        migrations.RenameField("plan", "commune", "commune_name"),
        migrations.RenameField("historicalplan", "commune", "commune_name"),
        migrations.AlterField(
            model_name="plan",
            name="commune_name",
            field=models.CharField(max_length=120, verbose_name="tên xã, phường trong văn bản"),
        ),
        migrations.AlterField(
            model_name="historicalplan",
            name="commune_name",
            field=models.CharField(max_length=120, verbose_name="tên xã, phường trong văn bản"),
        ),
        migrations.AddField(
            model_name="plan",
            name="commune",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="commune",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
