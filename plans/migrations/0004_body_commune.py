import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every body belongs to a commune; nullable until 0005 has given the existing ones theirs."""

    dependencies = [
        ("communes", "0001_initial"),
        ("plans", "0003_vietnamese_field_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="body",
            name="commune",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bodies",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
    ]
