"""How a person who did something is named on a page: one rule for every history, event and step list.

A user foreign key is NULL when the account was deleted (SET_NULL keeps the record) or when the portal itself
acted; neither may break a page, and a reader must still see that someone did it.
"""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user) -> str:
    if user is None:
        return _("tài khoản đã xoá")
    return user.get_full_name() or user.get_username()
