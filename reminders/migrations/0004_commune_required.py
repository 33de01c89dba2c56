"""Every row has its commune (0003 gave one to each) and is unique per commune; in its own migration, so that
PostgreSQL alters the tables after the data migration's updates are committed."""

import django.db.models.deletion
from django.db import migrations, models


def _commune_field(field_class=models.ForeignKey, related_name="+"):
    return field_class(
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="communes.commune",
        verbose_name="xã, phường",
    )


class Migration(migrations.Migration):
    dependencies = [("reminders", "0003_commune")]

    operations = [
        migrations.AlterField(model_name="noticetemplate", name="commune", field=_commune_field()),
        migrations.AlterField(
            model_name="remindersettings",
            name="commune",
            field=_commune_field(models.OneToOneField, "reminder_settings"),
        ),
        migrations.AlterField(model_name="summarylog", name="commune", field=_commune_field()),
        migrations.AddConstraint(
            model_name="noticetemplate",
            constraint=models.UniqueConstraint(fields=("commune", "kind"), name="noticetemplate_unique_commune_kind"),
        ),
        migrations.AddConstraint(
            model_name="summarylog",
            constraint=models.UniqueConstraint(
                fields=("commune", "kind", "key"), name="summarylog_unique_commune_kind_key"
            ),
        ),
    ]
