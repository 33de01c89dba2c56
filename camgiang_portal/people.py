"""How a person who did something is named wherever the portal shows it: one rule for every history,
event and step list.

A user foreign key is NULL (or a history's deleted stand-in) when the account was deleted: SET_NULL keeps
the record, and a reader must still see that someone did it.
"""

from django.utils.translation import gettext_lazy as _

DELETED_ACCOUNT = _("tài khoản đã xóa")


def person_name(user) -> str:
    if user is None:
        return str(DELETED_ACCOUNT)
    return user.get_full_name() or user.get_username()
