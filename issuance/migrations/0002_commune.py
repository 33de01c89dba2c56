"""Each commune numbers its own papers: the register (DocumentCounter) and every issued paper belong to a commune.
An issued plan's paper belongs to the plan's commune, a Báo cáo's ("period:<id>") to its period's plan's, any
other to the home commune, the one commune the portal served until now. The counters that exist were the home
commune's; a commune that already issued papers on the shared counter gets its own, at its highest number, so
its next number is never one it already used."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _document_commune(doc, plans, periods, home_id):
    if doc.plan_id and doc.plan_id in plans:
        return plans[doc.plan_id]
    kind, _colon, pk = doc.report_key.partition(":")
    if kind == "period" and pk.isdigit() and int(pk) in periods:
        return periods[int(pk)]
    return home_id


def forwards(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    Plan = apps.get_model("plans", "Plan")
    ReportingPeriod = apps.get_model("plans", "ReportingPeriod")
    DocumentCounter = apps.get_model("issuance", "DocumentCounter")
    IssuedDocument = apps.get_model("issuance", "IssuedDocument")
    db = schema_editor.connection.alias
    if not DocumentCounter.objects.using(db).exists() and not IssuedDocument.objects.using(db).exists():
        return
    home = Commune.objects.using(db).filter(code=settings.PLATFORM_HOME_COMMUNE).first()
    home_id = getattr(home, "pk", None)
    plans = dict(Plan.objects.using(db).values_list("pk", "commune_id"))
    periods = dict(ReportingPeriod.objects.using(db).values_list("pk", "plan__commune_id"))
    highest: dict[tuple, int] = {}
    for doc in IssuedDocument.objects.using(db).filter(commune__isnull=True):
        commune_id = _document_commune(doc, plans, periods, home_id)
        if commune_id is None:
            raise RuntimeError("An issued paper exists but the home commune does not; run communes_sync first.")
        IssuedDocument.objects.using(db).filter(pk=doc.pk).update(commune_id=commune_id)
        key = (commune_id, doc.year, doc.doc_type)
        highest[key] = max(highest.get(key, 0), doc.number)
    if DocumentCounter.objects.using(db).filter(commune__isnull=True).exists() and home_id is None:
        raise RuntimeError("A document counter exists but the home commune does not; run communes_sync first.")
    DocumentCounter.objects.using(db).filter(commune__isnull=True).update(commune_id=home_id)
    for (commune_id, year, doc_type), number in highest.items():
        counter = DocumentCounter.objects.using(db).filter(commune_id=commune_id, year=year, doc_type=doc_type).first()
        if counter is None:
            DocumentCounter.objects.using(db).create(
                commune_id=commune_id, year=year, doc_type=doc_type, last_number=number
            )
        elif counter.last_number < number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("plans", "0008_plan_commune_required"),
        ("issuance", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="documentcounter", name="counter_unique_year_type"),
        migrations.RemoveConstraint(model_name="issueddocument", name="issued_unique_number"),
        migrations.AddField(
            model_name="documentcounter",
            name="commune",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.AddField(
            model_name="issueddocument",
            name="commune",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="communes.commune",
                verbose_name="xã, phường",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
