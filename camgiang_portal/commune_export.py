"""One commune's data out of the many-commune platform, as an archive `restore` loads into a deployment of its own.

A commune that leaves the city's platform, or moves to its own server, takes every row that is its own: each
`CommuneScoped` model's rows of the commune (by `commune_q`, read across communes with `all_communes`), their
history, its `Commune` row, the accounts of its bodies' members with their groups and their object permissions
on those rows, the admin's change log about them, and the media files the rows name. The format is the backup's
(`camgiang_portal.archive`), so `manage.py restore DIR` on a one-commune deployment whose PLATFORM_HOME_COMMUNE is
the commune loads it: the restore replaces everything, so whatever the target held (its `Commune` rows after
`communes_sync` included) is gone and the commune's row comes back with its platform id, slug and host, the ids
every exported row points at. `communes_sync` afterwards loads the rest of the official list around it. The
manifest names the commune, and `restore` refuses the archive anywhere else (on the platform it would replace
every other commune's data).

Nothing of another commune goes in. An account that acted on the commune's rows without being one of its members
(the platform's operator, someone since moved to another commune) is named by history, papers and logs, so it
travels as a bare, inactive account: its user name and name only, no password, e-mail, group or permission.
Another commune's bodies' groups are dropped from every account.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from guardian.models import GroupObjectPermission, UserObjectPermission
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

from communes import official
from communes.current import use_commune
from communes.models import Commune
from communes.scoping import CommuneScoped
from plans.models import Body

from .archive import ArchiveError, archive_write, folder_check, media_named_to, snapshot

User = get_user_model()


@dataclass
class CommuneRows:
    """What an export of one commune holds: the rows of each model (in loading order), the accounts and files."""

    commune: Commune
    rows: dict[type[models.Model], models.QuerySet] = field(default_factory=dict)
    members: set[int] = field(default_factory=set)
    bare_users: set[int] = field(default_factory=set)
    groups: set[int] = field(default_factory=set)
    media: list[str] = field(default_factory=list)

    def count(self) -> int:
        return sum(queryset.count() for queryset in self.rows.values())


@dataclass
class ExportInfo:
    commune: Commune
    folder: Path
    objects: int
    users: int
    media_files: int
    missing_media: list[str]


def commune_to_export(code: str) -> Commune:
    """The commune named by an official code, refused in Vietnamese unless it is on the platform."""
    normalised = official.normalise_code(code)
    commune = Commune.objects.filter(code=normalised).first() if normalised else None
    if commune is None:
        raise ArchiveError(_("Không có xã, phường, đặc khu mã “%(code)s” trong danh mục của cổng.") % {"code": code})
    if not commune.on_platform:
        raise ArchiveError(
            _("%(name)s (mã %(code)s) chưa dùng cổng: không có dữ liệu để xuất.")
            % {"name": commune.name, "code": commune.code}
        )
    return commune


def commune_export(*, code: str, out_dir: Path, dry_run: bool = False) -> ExportInfo:
    """Write the commune's archive into `out_dir` (new or empty); with `dry_run`, only count what it would hold."""
    commune = commune_to_export(code)
    folder_check(out_dir)
    # One snapshot: the rows, their accounts and the files they name agree even while the platform runs.
    with snapshot(), use_commune(None):
        found = commune_rows(commune)
        users = len(found.members | found.bare_users)
        if dry_run:
            return ExportInfo(commune, out_dir, found.count(), users, len(found.media), [])
        rows = serialised(found)
        data = json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)
        missing: list[str] = []
        about: dict = {"commune_export": {"code": commune.code, "name": commune.name}}

        def media(tar) -> int:
            count, gone = media_named_to(tar, found.media)
            missing.extend(gone)
            if gone:  # the manifest is written after the files: it says which ones the rows name in vain
                about["missing_media"] = gone
            return count

        info = archive_write(out_dir, data=data, objects=len(rows), media=media, about=about)
    return ExportInfo(commune, out_dir, info.objects, users, info.media_files, missing)


def commune_rows(commune: Commune) -> CommuneRows:
    """Every row the commune's archive holds, read across communes on purpose."""
    found = CommuneRows(commune=commune)
    own = {Commune: Commune.objects.filter(pk=commune.pk)}
    for model in apps.get_models():
        if issubclass(model, CommuneScoped):
            own[model] = model.all_communes.filter(model.commune_q(commune))
    history = {}
    for model, queryset in own.items():
        try:
            historical = get_history_model_for_model(model)
        except NotHistoricalModelError:
            continue
        # The history of each exported row, and of rows since deleted that still reach the commune by their path.
        condition = Q(**{f"{model._meta.pk.attname}__in": queryset.values("pk")})
        if issubclass(model, CommuneScoped):
            condition |= model.commune_q(commune)
        history[historical] = historical.objects.filter(condition)
    found.members = set(User.objects.filter(membership__body__commune=commune).values_list("pk", flat=True))
    found.groups = _groups(commune, found.members)
    keys = dict(own)
    keys[User] = User.objects.filter(pk__in=found.members)
    keys[Group] = Group.objects.filter(pk__in=found.groups)
    log = LogEntry.objects.filter(_about(keys, "object_id"))
    found.bare_users = _named_users([*own.values(), *history.values(), log]) - found.members
    users = User.objects.filter(pk__in=found.members | found.bare_users)
    other = {
        Group: Group.objects.filter(pk__in=found.groups),
        User: users,
        UserObjectPermission: UserObjectPermission.objects.filter(_about(keys, "object_pk"), user__in=found.members),
        GroupObjectPermission: GroupObjectPermission.objects.filter(_about(keys, "object_pk"), group__in=found.groups),
        LogEntry: log,
    }
    everything = {**own, **history, **other}
    for model in serializers.sort_dependencies(_by_app(everything), allow_cycles=True):
        found.rows[model] = everything[model].order_by(model._meta.pk.name)
    found.media = _media_names(own.values())
    return found


def _groups(commune: Commune, members: set[int]) -> set[int]:
    """The members' groups (their roles') and the commune's bodies' groups, never another commune's body's."""
    held = set(User.groups.through.objects.filter(user_id__in=members).values_list("group_id", flat=True))
    bodies = set(Body.all_communes.filter(commune=commune, group__isnull=False).values_list("group_id", flat=True))
    others = Body.all_communes.exclude(commune=commune).filter(group__isnull=False).values_list("group_id", flat=True)
    return (held | bodies) - set(others)


def _about(keys: dict[type[models.Model], models.QuerySet], column: str) -> Q:
    """Rows that name an exported object by content type and id as text (object permissions, the admin's log);
    the ids are a subquery cast to text, so a commune of any size makes no list of parameters."""
    condition = Q(pk__in=[])
    for model, rows in keys.items():
        texts = rows.annotate(pk_text=Cast("pk", output_field=models.CharField())).values("pk_text")
        condition |= Q(content_type=ContentType.objects.get_for_model(model), **{f"{column}__in": texts})
    return condition


def _named_users(querysets) -> set[int]:
    """Every account a foreign key of these rows names (who updated, issued, requested, did it in the history)."""
    named: set[int] = set()
    for queryset in querysets:
        for model_field in queryset.model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is User:
                column = model_field.attname
                named |= set(queryset.exclude(**{column: None}).values_list(column, flat=True))
    # A historical row keeps a deleted account's id without a constraint: only accounts that exist can travel.
    return set(User.objects.filter(pk__in=named).values_list("pk", flat=True))


def _media_names(querysets) -> list[str]:
    names: set[str] = set()
    for queryset in querysets:
        for model_field in queryset.model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                names |= set(queryset.exclude(**{model_field.attname: ""}).values_list(model_field.attname, flat=True))
    return sorted(name for name in names if name)


def _by_app(rows: dict[type[models.Model], models.QuerySet]) -> list:
    grouped = defaultdict(list)
    for model in rows:
        grouped[model._meta.app_config].append(model)
    return list(grouped.items())


def serialised(found: CommuneRows) -> list[dict]:
    """The rows as natural-key objects, as `dumpdata --natural-foreign --natural-primary` writes them; accounts
    cut to what the commune may carry."""
    group_names = set(Group.objects.filter(pk__in=found.groups).values_list("name", flat=True))
    bare_names = set(User.objects.filter(pk__in=found.bare_users).values_list(User.USERNAME_FIELD, flat=True))
    objects = []
    for queryset in found.rows.values():
        objects += serializers.serialize(
            "python", queryset.iterator(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    label = User._meta.label_lower
    for obj in objects:
        if obj["model"] != label:
            continue
        fields = obj["fields"]
        fields["groups"] = [key for key in fields.get("groups", []) if key[0] in group_names]
        if fields[User.USERNAME_FIELD] in bare_names:
            fields.update(
                password=make_password(None),
                email="",
                is_active=False,
                is_staff=False,
                is_superuser=False,
                groups=[],
                user_permissions=[],
            )
    return objects
