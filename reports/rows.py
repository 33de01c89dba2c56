"""The one writer of a form's rows (its items' words and figures): the form's save and the XLSX import both
write through `rows_write`, inside their step of reports.workflow, so both keep the same rules (figures
checked, a row of another form ignored, each changed row's history named by who wrote it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from .models import FigureValue, Indicator, ItemProgress, ProgressReport

WORDS = ("status", "done", "difficulties", "proposals")


@dataclass
class ItemData:
    """What to write on one row. A word left None keeps the row's own (the import gives a status, not texts);
    figures: indicator id → value, None to clear it; an indicator not named keeps its value."""

    status: str | None = ""
    done: str | None = ""
    difficulties: str | None = ""
    proposals: str | None = ""
    figures: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def keeping_words(cls, *, status: str | None = None, figures: dict[int, int | None] | None = None) -> ItemData:
        """An edit that leaves the row's texts as they are: a status if given, and the figures named."""
        return cls(status=status, done=None, difficulties=None, proposals=None, figures=figures or {})


def figures_errors(values: dict[Indicator, int | None]) -> dict[int, str]:
    """Errors by indicator id: whole numbers ≥ 0, within the indicator's bound, not above their pair."""
    errors: dict[int, str] = {}
    by_id = {indicator.pk: value for indicator, value in values.items()}
    for indicator, value in values.items():
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[indicator.pk] = _("Phải là số nguyên không âm.")
        elif value > indicator.max_value:
            errors[indicator.pk] = _("Không được lớn hơn %(max)s.") % {"max": indicator.max_value}
        elif (
            indicator.not_above_id
            and by_id.get(indicator.not_above_id) is not None
            and value > by_id[indicator.not_above_id]
        ):
            errors[indicator.pk] = _("Không được lớn hơn số liệu “%(other)s”.") % {"other": indicator.not_above.name}
    return errors


def missing_statuses(report: ProgressReport) -> list[ItemProgress]:
    """The rows a submission still needs a status for."""
    return list(report.items.filter(status="").select_related("item", "item__area"))


def _check_figures(items: dict[int, ItemData], indicators: dict[int, Indicator]) -> None:
    for progress_id, data in items.items():
        errors = figures_errors({indicators[i]: v for i, v in data.figures.items() if i in indicators})
        if errors:
            raise ValidationError({f"p{progress_id}-fig-{i}": message for i, message in errors.items()})


def rows_write(report: ProgressReport, items: dict[int, ItemData], by) -> None:
    """Write the rows of `report` that `items` changes (by row id); raises ValidationError on a bad figure.

    Only rows whose words changed are updated (each then gets one history record naming `by`); a row id of
    another form (forged, or a stale copy of a row taken away since) is ignored, never written."""
    if not items:
        return
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={k for d in items.values() for k in d.figures})}
    _check_figures(items, indicators)
    progresses = {p.pk: p for p in report.items.select_related("item")}
    existing = {(f.progress_id, f.indicator_id): f for f in FigureValue.objects.filter(progress__report=report)}
    changed, new_figures, gone = [], [], []
    for progress_id, data in items.items():
        progress = progresses.get(progress_id)
        if progress is None:
            continue
        old = tuple(getattr(progress, name) for name in WORDS)
        words = tuple(old[i] if given is None else given for i, given in enumerate(_words(data)))
        if words != old:
            for name, value in zip(WORDS, words, strict=True):
                setattr(progress, name, value)
            changed.append(progress)
        for indicator_id, value in data.figures.items():
            indicator = indicators.get(indicator_id)
            if indicator is None or not indicator.applies_to(progress.item):
                continue
            current = existing.get((progress_id, indicator_id))
            if value is None:
                if current:
                    gone.append(current.pk)
            elif current:
                if current.value != value:
                    current.value = value
                    current.save(update_fields=["value"])
            else:
                new_figures.append(FigureValue(progress=progress, indicator=indicator, value=value))
    bulk_update_with_history(changed, ItemProgress, list(WORDS), default_user=by)
    FigureValue.objects.bulk_create(new_figures)
    FigureValue.objects.filter(pk__in=gone).delete()


def _words(data: ItemData) -> tuple[str | None, ...]:
    return (data.status, data.done, data.difficulties, data.proposals)
