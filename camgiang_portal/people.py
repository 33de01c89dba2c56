"""How a person is named wherever the portal shows or prints one: one rule for every history, event and step
list, every signature block and every signing certificate.

A Vietnamese name is written family name first: Django's `last_name` (the admin's "Họ", family and middle
names) before `first_name` ("Tên", the given name), "Trần Văn Minh", where Django's own `get_full_name` would
say "Minh Trần Văn".

A user foreign key is NULL (or a history's deleted stand-in) when the account was deleted: SET_NULL keeps
the record, and a reader must still see that someone did it.
"""

from django.utils.translation import gettext_lazy as _

DELETED_ACCOUNT = _("tài khoản đã xóa")


def full_name(user) -> str:
    """ "Trần Văn Minh"; blank when the account has no name (the caller decides what stands in)."""
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)


def person_name(user) -> str:
    if user is None:
        return str(DELETED_ACCOUNT)
    return full_name(user) or user.get_username()
