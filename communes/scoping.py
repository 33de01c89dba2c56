"""Each commune's rows, separated in one place: the default manager of every model that holds commune data.

A model that holds a commune's data inherits `CommuneScoped` and says, by `commune_path`, how its rows reach
their commune ("commune" on a plan, "period__plan__commune" on an export). Its default manager, `objects`,
filters by `communes.current` whenever a commune is being served (the middleware sets it per request; commands,
tasks and tests use `use_commune`). So every view, form choice, `get_object_or_404`, related manager and
prefetch under /xa/an-hai/ sees An Hải's rows only, and a forged id of Cẩm Giang is a 404 without any view
saying so. Nothing is filtered when no commune is set: a one-commune deployment (one commune, nothing to
separate), the platform's own pages, Celery tasks acting on given ids, migrations. Code that reads across
communes on purpose (the city level, verifying a signed paper by its hash, the backup) says so by using
`all_communes`. Forward foreign keys (`report.body`) go through the base manager, which is never filtered: a
row reached from a row of this commune is this commune's.

Why rows and not schemas or databases: SQLite stays the embedded default, the city reads across communes with
an ordinary query, and one coverage test (camgiang_portal/tests/test_scoping.py) proves every model is covered.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .current import _current, use_commune


class CommuneScopedQuerySet(models.QuerySet):
    def of_commune(self, commune) -> models.QuerySet:
        """The rows of `commune`, whatever commune is being served (the city's reads use this)."""
        return self.filter(self.model.commune_q(commune))


class CommuneScopedManager(models.Manager.from_queryset(CommuneScopedQuerySet)):
    """The default manager: the current commune's rows when one is being served, else every row."""

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        commune = _current.get()  # only a commune explicitly served; never the one-commune fallback
        return queryset if commune is None else queryset.filter(self.model.commune_q(commune))


def scoped_manager(queryset_class: type[models.QuerySet]) -> CommuneScopedManager:
    """A scoped default manager that keeps a model's own queryset methods (`ProgressReport.objects.open()`)."""
    combined = type(f"CommuneScoped{queryset_class.__name__}", (queryset_class, CommuneScopedQuerySet), {})
    return CommuneScopedManager.from_queryset(combined)()


class CommuneScoped(models.Model):
    """A model whose rows belong to one commune, reached through `commune_path`."""

    # The lookup from a row to its commune; a tuple when a row reaches it by one of several ways.
    commune_path: str | tuple[str, ...] = "commune"

    objects = CommuneScopedManager()
    # Declared after `objects`, so that `objects` stays the default manager (Django takes the first declared).
    all_communes = models.Manager()  # noqa: DJ012

    class Meta:
        abstract = True

    @classmethod
    def commune_q(cls, commune) -> Q:
        """The condition "belongs to `commune`" (a Commune or its pk)."""
        condition = Q()
        for path in cls.commune_paths():
            condition |= Q(**{path: commune})
        return condition

    @classmethod
    def commune_paths(cls) -> tuple[str, ...]:
        return (cls.commune_path,) if isinstance(cls.commune_path, str) else cls.commune_path

    # A form's uniqueness check reads the default manager: unscoped, so that a body code another commune
    # holds is the form's "already taken", not the database's IntegrityError (a 500) on save.
    def validate_unique(self, exclude=None) -> None:
        with use_commune(None):
            super().validate_unique(exclude)

    def validate_constraints(self, exclude=None) -> None:
        with use_commune(None):
            super().validate_constraints(exclude)


def scoped_history(model: type[models.Model]) -> models.QuerySet:
    """A model's history as its rows are scoped: the served commune's records only (a historical record keeps
    the same foreign keys, so the same path reaches the commune); a model that is not a commune's shows none
    inside a commune (the list of communes is the platform's)."""
    history = model.history.all()
    commune = _current.get()
    if commune is None:
        return history
    if not issubclass(model, CommuneScoped):
        return history.none()
    return history.filter(model.commune_q(commune))
