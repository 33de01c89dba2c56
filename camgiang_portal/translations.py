"""Messages of Django itself whose Vietnamese translation Django's bundled catalogue lacks.

Django 5.2 changed these msgids, so its own vi catalogue no longer matches them; naming them here puts
them in our catalogue (locale/vi), where they are translated by hand.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    8,
)
PASSWORD_HELP_TOO_SHORT = ngettext_lazy(
    "Your password must contain at least %d character.",
    "Your password must contain at least %d characters.",
    8,
)
