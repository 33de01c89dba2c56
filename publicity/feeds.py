"""RSS and Atom feeds of the published disclosures."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from camgiang_portal.validators import plain_text
from communes.sites import committee_name

from . import selectors
from .tenancy import commune_for


def _committee() -> str:
    """ "UBND xã Cẩm Giang": the committee of the commune whose feed this is."""
    return committee_name(commune_for())


class DisclosureFeed(Feed):
    link = reverse_lazy("publicity:disclosures")

    def title(self):
        return _("Công khai – %(committee)s") % {"committee": _committee()}

    def description(self):
        return _("Các nội dung %(committee)s công khai theo Luật Thực hiện dân chủ ở cơ sở.") % {
            "committee": _committee()
        }

    def items(self):
        return selectors.disclosures_public()[:30]

    # Titles are plain text (Atom <title> and RSS <title> as feed readers read them): the feed generator
    # escapes them for XML, exactly once. Items stored before markup was refused lose their tags here.
    def item_title(self, item):
        return plain_text(item.title)

    # Descriptions are HTML to feed readers (RSS <description>, Atom <summary type="html">): the plain
    # text is escaped once as HTML, then once more for XML by the generator, so a reader shows it as typed.
    def item_description(self, item):
        return escape(plain_text(item.text)[:500])

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.body.name


class DisclosureAtomFeed(DisclosureFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
