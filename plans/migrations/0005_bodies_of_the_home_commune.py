"""The bodies that exist belong to the one commune the portal served: PLATFORM_HOME_COMMUNE (Xã Cẩm Giang),
created here from the official list (communes.official, plain data) and marked on the platform."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

from communes import official


def forwards(apps, schema_editor):
    Commune = apps.get_model("communes", "Commune")
    Body = apps.get_model("plans", "Body")
    db = schema_editor.connection.alias
    unit = official.unit(settings.PLATFORM_PROVINCE, settings.PLATFORM_HOME_COMMUNE)
    if unit is None:
        raise ImproperlyConfigured(
            f"PLATFORM_HOME_COMMUNE={settings.PLATFORM_HOME_COMMUNE!r} is no unit of PLATFORM_PROVINCE="
            f"{settings.PLATFORM_PROVINCE!r} in the official list."
        )
    commune, _ = Commune.objects.using(db).get_or_create(
        code=unit.code,
        defaults={
            "name": unit.name,
            "kind": unit.kind,
            "slug": unit.slug,
            "province_code": unit.province_code,
            "province_name": unit.province_name,
            "on_platform": True,
        },
    )
    Body.objects.using(db).filter(commune__isnull=True).update(commune=commune)


class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0001_initial"),
        ("plans", "0004_body_commune"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
