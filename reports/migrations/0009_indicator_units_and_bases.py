"""The standard figures already seeded get their units and percentage bases (reports.services.SEED_INDICATORS).

The table is copied here, not imported: a migration states what it did when it was written. Only what is
empty is filled (a coordinator's own unit or base stays); a base is linked only within the figure's own
plan, and only when that plan has it (plans seeded before this migration have no "đơn thuộc thẩm quyền",
so their settled cases take the cases received as their base)."""

from django.db import migrations

UNITS = {
    "hoi-nghi": "cuộc",
    "nguoi-tham-du": "lượt người",
    "noi-dung-cong-khai": "nội dung",
    "hop-thon-dan-quyet": "cuộc",
    "don-tiep-nhan": "đơn",
    "don-giai-quyet": "đơn",
    "tiep-cong-dan": "buổi",
    "giam-sat-ttnd": "cuộc",
    "giam-sat-gsdtcd": "cuộc",
    "mo-hinh-khen-thuong": "mô hình",
}
# Each figure's bases, the first one the plan has.
BASES = {
    "ho-tham-du": ("tong-so-ho",),
    "ho-tan-thanh": ("tong-so-ho",),
    "y-kien-tiep-thu": ("y-kien-dong-gop",),
    "don-giai-quyet": ("don-thuoc-tham-quyen", "don-tiep-nhan"),
    "kien-nghi-da-xu-ly": ("kien-nghi-giam-sat",),
}


def _plan_id(indicator) -> int:
    return indicator.item.area.plan_id if indicator.item_id else indicator.area.plan_id


def fill(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    rows = list(Indicator.objects.select_related("item__area", "area"))
    by_plan: dict[tuple[int, str], object] = {}
    for indicator in rows:
        by_plan.setdefault((_plan_id(indicator), indicator.code), indicator)
    for indicator in rows:
        changed = []
        if not indicator.unit and indicator.code in UNITS:
            indicator.unit = UNITS[indicator.code]
            changed.append("unit")
        if indicator.percent_of_id is None and indicator.code in BASES:
            plan_id = _plan_id(indicator)
            base = next((by_plan[(plan_id, c)] for c in BASES[indicator.code] if (plan_id, c) in by_plan), None)
            if base is not None:
                indicator.percent_of = base
                changed.append("percent_of")
        if changed:
            indicator.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_indicator_percent_of")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
