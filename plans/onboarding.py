"""Putting a commune on the platform: its two standard bodies and their first accounts.

Every commune starts with what the demo's Cẩm Giang has for its leadership and its coordinator: the
leadership body (`Body.Kind.LEADERSHIP`, where the Chairman's account sits) and the Phòng Văn hóa – Xã hội,
the coordinating body (`is_coordinator`), each with one account of its role. Roles, groups and permissions
come the one way every account gets them (`services.body_create`, `services.account_create` →
`membership_set`), so a new commune's leadership can do exactly what Cẩm Giang's can.

Body codes stay unique on the whole platform (each body's group is named after its code, and code looks
bodies up by code), so a new commune's codes carry its slug: "an-hai--lanh-dao". Cẩm Giang's keep theirs.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes import official
from communes.models import Commune
from communes.permissions import can_add_to_platform
from communes.services import CommuneError, commune_for_code

from . import permissions, services
from .models import Body, Role, body_code


@dataclass(frozen=True)
class StandardBody:
    code: str  # the code Cẩm Giang's body has; another commune's is "<slug>--<code>"
    name: str  # "%(kind)s": the commune's kind word ("xã", "phường", "đặc khu")
    kind: str
    order: int
    role: str  # the role of the body's first account
    username: str  # that account's default name after "<slug>."
    is_coordinator: bool = False


STANDARD_BODIES = (
    StandardBody("lanh-dao", "Lãnh đạo UBND %(kind)s", Body.Kind.LEADERSHIP, 0, Role.LEADERSHIP, "lanhdao"),
    StandardBody(
        "phong-vhxh", "Phòng Văn hóa – Xã hội", Body.Kind.DEPARTMENT, 3, Role.COORDINATOR, "vanhoaxahoi", True
    ),
)


@dataclass(frozen=True)
class NewAccount:
    username: str
    role: str
    body: Body
    password: str


@dataclass
class OnboardResult:
    commune: Commune
    added: bool  # False: it was on the platform already and nothing changed
    bodies: list[Body] = field(default_factory=list)
    accounts: list[NewAccount] = field(default_factory=list)


def default_username(commune: Commune, spec: StandardBody) -> str:
    return f"{commune.slug}.{spec.username}"


def commune_onboard(
    *, code: str, by, usernames: dict[str, str] | None = None, password: str | None = None
) -> OnboardResult:
    """Put the commune of that official code on the platform with its standard bodies and accounts.

    `usernames` maps a role (Role.LEADERSHIP, Role.COORDINATOR) to the account name to create; `password` is
    every new account's (the demo's in DEBUG), else each gets a random one, returned once and stored only
    hashed. A commune on the platform already is left as it is (`added=False`). Raises PermissionDenied or
    CommuneError (unknown code, a name taken; nothing written)."""
    permissions.require(by, can_add_to_platform)
    usernames = usernames or {}
    with transaction.atomic():
        found = commune_for_code(code)
        if found is None:
            raise CommuneError(
                _("Mã “%(code)s” không có trong danh mục đơn vị hành chính cấp xã của %(province)s.")
                % {"code": code, "province": _province_name()}
            )
        commune = Commune.objects.select_for_update().get(pk=found.pk)
        if commune.on_platform:
            return OnboardResult(commune=commune, added=False)
        if not commune.in_official_list:
            raise CommuneError(
                _("%(name)s không còn trong danh mục đơn vị hành chính chính thức.") % {"name": commune.name}
            )
        wanted = [(spec, usernames.get(spec.role) or default_username(commune, spec)) for spec in STANDARD_BODIES]
        _check_free(commune, wanted)
        result = OnboardResult(commune=commune, added=True)
        for spec, username in wanted:
            body = services.body_create(
                commune=commune,
                code=body_code(commune, spec.code),
                name=spec.name % {"kind": commune.kind_word},
                kind=spec.kind,
                order=spec.order,
                is_coordinator=spec.is_coordinator,
            )
            secret = password or secrets.token_urlsafe(12)
            try:
                services.account_create(username=username, password=secret, role=spec.role, body=body)
            except ValidationError as exc:
                raise CommuneError(" ".join(exc.messages)) from exc
            result.bodies.append(body)
            result.accounts.append(NewAccount(username=username, role=spec.role, body=body, password=secret))
        commune.on_platform = True
        commune.save(update_fields=["on_platform", "updated_at"])
    return result


def _check_free(commune: Commune, wanted: list[tuple[StandardBody, str]]) -> None:
    """Refuse before writing anything: a body code or name already used, or two accounts of one name."""
    codes = [body_code(commune, spec.code) for spec, _username in wanted]
    if len(max(codes, key=len)) > Body._meta.get_field("code").max_length:
        raise CommuneError(_("Tên đường dẫn của %(name)s quá dài để đặt mã cơ quan.") % {"name": commune.name})
    names = [spec.name % {"kind": commune.kind_word} for spec, _username in wanted]
    taken = Body.all_communes.filter(code__in=codes) | Body.all_communes.filter(commune=commune, name__in=names)
    if taken.exists():
        raise CommuneError(
            _("Đã có cơ quan “%(body)s” trùng mã hoặc tên: kiểm tra lại trước khi thêm %(name)s.")
            % {"body": taken.first(), "name": commune.name}
        )
    chosen = [username.lower() for _spec, username in wanted]
    if len(set(chosen)) < len(chosen):
        raise CommuneError(_("Tài khoản lãnh đạo và tài khoản đầu mối phải có tên đăng nhập khác nhau."))


def _province_name() -> str:
    found = official.province(settings.PLATFORM_PROVINCE)
    return found.name if found else settings.PLATFORM_PROVINCE
