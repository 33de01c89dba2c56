"""The reminders wrote "{{ period }} năm {{ year }}", which for the annual report read "Báo cáo năm năm 2026": the
words a commune never edited now say {{ period_year }} ("Báo cáo 6 tháng năm 2026", "Báo cáo năm 2026"); words
a coordinator wrote are left as written (their "{{ period }}" and "{{ year }}" still work)."""

from django.db import migrations


def _pairs():
    """(kind, field, words before, words now) for the subject and the body of every default."""
    from reminders.defaults import DEFAULTS, PERIOD_AND_YEAR_BEFORE

    for kind, words in DEFAULTS.items():
        for field, now in zip(("subject", "body"), words, strict=True):
            before = now.replace("{{ period_year }}", PERIOD_AND_YEAR_BEFORE)
            if before != now:
                yield kind, field, before, now


def _move(apps, *, forward: bool):
    NoticeTemplate = apps.get_model("reminders", "NoticeTemplate")
    for kind, field, before, now in _pairs():
        # Each field compared with its own words only: PostgreSQL refuses a body's words as a subject (255).
        old, new = (before, now) if forward else (now, before)
        NoticeTemplate.objects.filter(kind=kind, **{field: old}).update(**{field: new})


def say_period_and_year_once(apps, schema_editor):
    _move(apps, forward=True)


def back(apps, schema_editor):
    _move(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("reminders", "0006_leadership_words_name_the_committee")]
    operations = [migrations.RunPython(say_period_and_year_once, back)]
