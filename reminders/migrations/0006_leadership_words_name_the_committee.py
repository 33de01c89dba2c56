"""The leadership's summary named every commune's People's Committee "UBND xã": the words a commune never edited
now name its own ({{ committee }}: UBND phường An Hải); words a coordinator wrote are left as written."""

from django.db import migrations


def name_the_committee(apps, schema_editor):
    from reminders.defaults import DEFAULTS, LEADERSHIP_BODY_BEFORE_COMMITTEE

    NoticeTemplate = apps.get_model("reminders", "NoticeTemplate")
    _subject, body = DEFAULTS["leadership"]
    NoticeTemplate.objects.filter(kind="leadership", body=LEADERSHIP_BODY_BEFORE_COMMITTEE).update(body=body)


def back(apps, schema_editor):
    from reminders.defaults import DEFAULTS, LEADERSHIP_BODY_BEFORE_COMMITTEE

    NoticeTemplate = apps.get_model("reminders", "NoticeTemplate")
    _subject, body = DEFAULTS["leadership"]
    NoticeTemplate.objects.filter(kind="leadership", body=body).update(body=LEADERSHIP_BODY_BEFORE_COMMITTEE)


class Migration(migrations.Migration):
    dependencies = [("reminders", "0005_alter_summarylog_kind")]
    operations = [migrations.RunPython(name_the_committee, back)]
