"""django-import-export resources: bodies, officials (village heads in bulk) and assignments, by natural keys.

Resources only map columns; creating accounts and memberships goes through the services.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from camgiang_portal.people import full_name
from communes.services import home_commune

from . import services
from .models import Assignment, Body, Item, Membership, Role

User = get_user_model()


class BodyResource(resources.ModelResource):
    class Meta:
        model = Body
        fields = ("code", "name", "kind", "email", "order")
        import_id_fields = ("code",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def init_instance(self, row=None):
        # A body added from a spreadsheet belongs to the home commune until the admin is scoped by commune.
        return Body(commune=home_commune())

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            services.body_group_sync(body=instance)


class ItemCodeWidget(widgets.Widget):
    """An item written as "<plan id>:<area>.<label>", e.g. "1:2.đ"."""

    def clean(self, value, row=None, **kwargs):
        try:
            plan_id, code = str(value).strip().split(":", 1)
            area, label = code.split(".", 1)
            return Item.objects.get(area__plan_id=int(plan_id), area__number=area.strip(), label=label.strip())
        except (ValueError, Item.DoesNotExist) as exc:
            raise ValueError(
                _("Không tìm thấy nhiệm vụ “%(value)s” (dạng mã: kế hoạch:nội dung.mục, ví dụ 1:2.đ).")
                % {"value": value}
            ) from exc

    def render(self, value, obj=None, **kwargs):
        return f"{value.area.plan_id}:{value.area.number}.{value.label}" if value else ""


class AssignmentResource(resources.ModelResource):
    item = fields.Field(attribute="item", column_name="item", widget=ItemCodeWidget())
    body = fields.Field(attribute="body", column_name="body", widget=widgets.ForeignKeyWidget(Body, field="code"))

    class Meta:
        model = Assignment
        fields = ("item", "body", "role")
        import_id_fields = ("item", "body")
        skip_unchanged = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        if row.get("role") not in Assignment.Role.values:
            raise ValueError(
                _("Vai trò “%(role)s” không hợp lệ (chọn: %(choices)s).")
                % {"role": row.get("role"), "choices": ", ".join(Assignment.Role.values)}
            )


class OfficialResource(resources.ModelResource):
    """One row per official: username, full name, e-mail, body code, role. New accounts get no usable password
    until they use "Quên mật khẩu", so no password ever travels in a spreadsheet."""

    # Read-only on the model side: the account itself is written by save_instance through the services.
    username = fields.Field(attribute="user__username", column_name="username", readonly=True)
    full_name = fields.Field(column_name="full_name", readonly=True)
    email = fields.Field(attribute="user__email", column_name="email", readonly=True)
    body = fields.Field(attribute="body", column_name="body", widget=widgets.ForeignKeyWidget(Body, field="code"))
    role = fields.Field(attribute="role", column_name="role")

    class Meta:
        model = Membership
        fields = ("username", "full_name", "email", "body", "role")
        import_id_fields = ("username",)

    def dehydrate_full_name(self, membership):
        return full_name(membership.user)

    def get_instance(self, instance_loader, row):
        return Membership.all_communes.filter(user__username=str(row.get("username", "")).strip()).first()

    def import_instance(self, instance, row, **kwargs):
        username = str(row.get("username") or "").strip()
        role = str(row.get("role") or "").strip()
        if not username:
            raise ValidationError(_("Thiếu tên đăng nhập."))
        if role not in Role.values:
            raise ValidationError(_("Vai trò “%(role)s” không hợp lệ.") % {"role": role})
        super().import_instance(instance, row, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        username = str(row["username"]).strip()
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
        user.email = str(row.get("email") or "").strip()
        names = str(row.get("full_name") or "").strip().rsplit(" ", 1)
        user.last_name, user.first_name = (names[0], names[1]) if len(names) == 2 else ("", names[0])
        user.save()
        services.membership_set(user=user, body=instance.body, role=instance.role)
