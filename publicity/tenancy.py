"""Which commune a new disclosure, case or reception session belongs to.

The related row decides when there is one (a village's or a body's commune: a case sent about a village of An
Hải is An Hải's even if typed at another desk); otherwise the commune being served. Outside any commune (the
platform's root pages of a many-commune deployment) there is nobody to give the row to: that is a bug, raised.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from communes.current import current_commune
from communes.models import Commune


def commune_for(body=None) -> Commune:
    if body is not None:
        return body.commune
    commune = current_commune()
    if commune is None:
        raise ImproperlyConfigured("No commune is being served: a publicity row cannot be created here.")
    return commune


def default_place(commune: Commune) -> str:
    """Where a commune's citizen reception sits unless said otherwise: its People's Committee's seat."""
    return _("Trụ sở UBND %(kind)s %(name)s") % {"kind": commune.kind_word, "name": commune.place_name}
