"""Every plan has its commune (0007 gave one to each); in its own migration, so that PostgreSQL alters the
table after the data migration's updates are committed."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_plan_commune")]

    operations = [
        migrations.AlterField(
            model_name="plan",
            name="commune",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
    ]
