"""Template context of every page: the commune it is for."""

from functools import cached_property

from django.utils.functional import SimpleLazyObject

from .current import current_commune


class SiteCommune:
    """The commune the page is for, as the site's title, header and footer name it ("xã", "Cẩm Giang").

    Read only when a template prints it, and once per page: a page that never shows it costs no query. False
    outside any commune (the platform's own pages of a many-commune deployment)."""

    @cached_property
    def commune(self):
        return current_commune()

    def __bool__(self) -> bool:
        return self.commune is not None

    @cached_property
    def name(self) -> str:
        return self.commune.place_name if self.commune else ""

    @cached_property
    def kind(self) -> str:
        return self.commune.kind_word if self.commune else ""

    @cached_property
    def province(self) -> str:
        """ "thành phố Hải Phòng", as it follows the commune's name in a sentence."""
        name = self.commune.province_name if self.commune else ""
        return name[:1].lower() + name[1:]


def commune(request) -> dict:
    site = SiteCommune()
    return {"SITE_COMMUNE": site, "COMMUNE_NAME": SimpleLazyObject(lambda: site.name)}
