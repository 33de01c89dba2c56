"""The default words of every notice, stored so the coordinator (and the admin) can edit them."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from reminders.defaults import DEFAULTS

    NoticeTemplate = apps.get_model("reminders", "NoticeTemplate")
    for kind, (subject, body) in DEFAULTS.items():
        NoticeTemplate.objects.get_or_create(kind=str(kind), defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
