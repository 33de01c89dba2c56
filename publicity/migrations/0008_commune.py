"""Disclosures, feedback and the reception schedule belong to a commune. Rows that exist belong to the commune
of the body they name (a disclosure's body; a case's village, else its handling body), else to the home
commune (the one commune the portal served until now). 0009 then makes the column NOT NULL."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _home_id(apps, db):
    Commune = apps.get_model("communes", "Commune")
    home = Commune.objects.using(db).filter(code=settings.PLATFORM_HOME_COMMUNE).first()
    return getattr(home, "pk", None)


def _give(model, historical, db, pk, commune_id, what):
    if commune_id is None:  # plans' 0005 makes the home commune whenever a body exists; a row needs one
        raise RuntimeError(f"A {what} exists but the home commune does not; run communes_sync first.")
    model.objects.using(db).filter(pk=pk).update(commune_id=commune_id)
    historical.objects.using(db).filter(id=pk).update(commune_id=commune_id)


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    home_id = _home_id(apps, db)
    Body = apps.get_model("plans", "Body")
    body_commune = dict(Body.objects.using(db).values_list("pk", "commune_id"))
    Feedback = apps.get_model("publicity", "Feedback")
    HistoricalFeedback = apps.get_model("publicity", "HistoricalFeedback")
    for pk, village_id, handling_id in Feedback.objects.using(db).values_list("pk", "village_id", "handling_body_id"):
        commune_id = body_commune.get(village_id) or body_commune.get(handling_id) or home_id
        _give(Feedback, HistoricalFeedback, db, pk, commune_id, "feedback case")
    Disclosure = apps.get_model("publicity", "DisclosureItem")
    HistoricalDisclosure = apps.get_model("publicity", "HistoricalDisclosureItem")
    for pk, body_id in Disclosure.objects.using(db).values_list("pk", "body_id"):
        _give(Disclosure, HistoricalDisclosure, db, pk, body_commune.get(body_id) or home_id, "disclosure")
    Session = apps.get_model("publicity", "ReceptionSession")
    if Session.objects.using(db).exists():
        if home_id is None:
            raise RuntimeError("A reception session exists but the home commune does not; run communes_sync first.")
        Session.objects.using(db).update(commune_id=home_id)


class Migration(migrations.Migration):

    dependencies = [
        ('communes', '0001_initial'),
        ('plans', '0006_body_commune_required'),
        ('publicity', '0007_feedback_moderate_permission'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosureitem',
            name='commune',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='disclosures', to='communes.commune', verbose_name='xã, phường'),
        ),
        migrations.AddField(
            model_name='feedback',
            name='commune',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='communes.commune', verbose_name='xã, phường'),
        ),
        migrations.AddField(
            model_name='historicaldisclosureitem',
            name='commune',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='communes.commune', verbose_name='xã, phường'),
        ),
        migrations.AddField(
            model_name='historicalfeedback',
            name='commune',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='communes.commune', verbose_name='xã, phường'),
        ),
        migrations.AddField(
            model_name='receptionsession',
            name='commune',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reception_sessions', to='communes.commune', verbose_name='xã, phường'),
        ),
        migrations.AlterField(
            model_name='feedback',
            name='code',
            field=models.CharField(editable=False, max_length=30, unique=True, verbose_name='mã theo dõi'),
        ),
        migrations.AlterField(
            model_name='historicalfeedback',
            name='code',
            field=models.CharField(db_index=True, editable=False, max_length=30, verbose_name='mã theo dõi'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
