import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every body has its commune now (0005): the link is required, and names are unique per commune."""

    dependencies = [
        ("communes", "0001_initial"),
        ("plans", "0005_bodies_of_the_home_commune"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="commune",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bodies",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.AlterField(
            model_name="body",
            name="name",
            field=models.CharField(max_length=255, verbose_name="tên"),
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(fields=("commune", "name"), name="body_unique_name_per_commune"),
        ),
    ]
