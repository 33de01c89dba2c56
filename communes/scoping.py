"""Row-level scoping: every read of commune data sees the current commune's rows only, through one manager.

A model that holds a commune's data extends `CommuneScoped` and names the path from its rows to their commune
(`commune_path = "plan__commune"`). Its default manager, `objects`, then filters by the commune that
`communes.current` holds for the request, task or command; `all_communes` is the explicit, unscoped manager
for what legitimately reads across communes (the city, the platform's backup, a commune's export), so each such
read is visible in review. Because it is the default manager, Django's own reads go through it too: a door's
`get_object_or_404`, a form's choice of a related row (a forged id of another commune is "not one of the
choices"), the admin. Deletes and a row's forward foreign keys use the base manager, which is unscoped, so a
cascade never stops at a commune's edge.

Nothing is filtered when nothing set a commune: a one-commune deployment (no query changes at all), a Celery
task or command acting on the ids it was given. In a many-commune deployment every request that reaches
commune pages carries its commune (`communes.middleware`), and the platform's own URLs hold no commune page.
`camgiang_portal/tests/test_scoping.py` fails for a model of the portal's apps that holds commune data
without this scoping.
"""

from __future__ import annotations

from django.db import models

from .current import _current


class CommuneScopedQuerySet(models.QuerySet):
    def of_commune(self, commune) -> CommuneScopedQuerySet:
        """The rows of `commune` (a Commune or its pk), whatever the current commune."""
        return self.filter(self.model.commune_q(commune))


class CommuneScopedManager(models.Manager.from_queryset(CommuneScopedQuerySet)):
    """The default manager of commune data: the current commune's rows, or every row when none is set."""

    def get_queryset(self) -> CommuneScopedQuerySet:
        queryset = super().get_queryset()
        commune = _current.get()
        return queryset if commune is None else queryset.of_commune(commune)


def scoped_manager(queryset_class: type[models.QuerySet] = CommuneScopedQuerySet) -> CommuneScopedManager:
    """A scoped manager whose querysets also have `queryset_class`'s methods (a model's own QuerySet)."""
    if queryset_class is CommuneScopedQuerySet:
        return CommuneScopedManager()
    combined = type(f"Scoped{queryset_class.__name__}", (CommuneScopedQuerySet, queryset_class), {})
    return CommuneScopedManager.from_queryset(combined)()


class CommuneScoped(models.Model):
    """Mixin of a model holding one commune's data. Subclasses set `commune_path` (a lookup ending at a
    `communes.Commune`: "commune", "body__commune", "period__plan__commune"…)."""

    commune_path: str = "commune"

    objects = CommuneScopedManager()
    all_communes = models.Manager()  # noqa: DJ012 -- a manager, which ruff takes for a field

    class Meta:
        abstract = True

    @classmethod
    def commune_q(cls, commune) -> models.Q:
        """The condition for `commune`'s rows; a model reaching its commune by two paths overrides it."""
        return models.Q(**{cls.commune_path: commune})


def scoped_history(model: type[models.Model]) -> models.QuerySet:
    """`model`'s history (simple-history's records), limited like its rows: a historical record keeps the
    row's foreign keys, so the same path finds its commune. Under a commune, the history of a model that holds
    no commune's data (the communes themselves) is not that commune's, and is left out."""
    records = model.history.all()
    commune = _current.get()
    if commune is None:
        return records
    if not issubclass(model, CommuneScoped):
        return records.none()
    return records.filter(model.commune_q(commune))
