"""The nav's notification link: the signed-in user's unread count, one query, only when a page shows it."""

from django.utils.functional import SimpleLazyObject


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from . import selectors

        return selectors.unread_count(user)

    # Lazy: pages that never print the count (JSON, files) never run the query.
    return {"notifications_unread": SimpleLazyObject(count)}
