"""The nav's reports links, decided by reports.permissions like every other reports check."""

from django.utils.functional import SimpleLazyObject


def nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from . import permissions

    # Lazy: a page without the nav (a file, JSON) asks nothing.
    return {
        "nav_dashboard": SimpleLazyObject(lambda: permissions.can_view_dashboard(user)),
        "nav_consolidated": SimpleLazyObject(lambda: permissions.can_view_consolidated(user)),
    }
