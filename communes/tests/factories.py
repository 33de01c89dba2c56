"""A commune for tests that need a second (third …) one without loading the official list."""

from __future__ import annotations

import factory

from communes.models import Commune


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:04d}")  # no official code starts with 9 in Hải Phòng (31)
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = Commune.Kind.XA
    slug = factory.Sequence(lambda n: f"xa-thu-{n}")
    province_code = "31"
    province_name = "Thành phố Hải Phòng"
    on_platform = True
