"""Every counter and issued paper has its commune (0002 gave one to each), and numbers are unique per commune;
in its own migration, so that PostgreSQL alters the tables after the data migration's updates are committed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("issuance", "0002_commune")]

    operations = [
        migrations.AlterField(
            model_name="documentcounter",
            name="commune",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.AlterField(
            model_name="issueddocument",
            name="commune",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.AddConstraint(
            model_name="documentcounter",
            constraint=models.UniqueConstraint(
                fields=("commune", "year", "doc_type"), name="counter_unique_commune_year_type"
            ),
        ),
        migrations.AddConstraint(
            model_name="issueddocument",
            constraint=models.UniqueConstraint(
                fields=("commune", "year", "doc_type", "number"), name="issued_unique_commune_number"
            ),
        ),
    ]
