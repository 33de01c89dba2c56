"""Items imported before keep the area's timing as their own; clear it so the plan's PDF states it once."""

from django.db import migrations
from django.db.models import F


def clear_copied(apps, schema_editor):
    Item = apps.get_model("plans", "Item")
    Item.objects.filter(timing=F("area__timing")).exclude(timing="").update(timing="")


def copy_back(apps, schema_editor):
    Item = apps.get_model("plans", "Item")
    for item in Item.objects.filter(timing="").select_related("area"):
        if item.area.timing:
            item.timing = item.area.timing
            item.save(update_fields=["timing"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(clear_copied, copy_back)]
