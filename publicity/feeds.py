"""RSS and Atom feeds of the published disclosures."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from . import selectors


class DisclosureFeed(Feed):
    title = "Công khai – UBND xã Cẩm Giang"
    link = reverse_lazy("publicity:disclosures")
    description = "Các nội dung UBND xã Cẩm Giang công khai theo Luật Thực hiện dân chủ ở cơ sở."

    def items(self):
        return selectors.disclosures_public()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.body.name


class DisclosureAtomFeed(DisclosureFeed):
    feed_type = Atom1Feed
    subtitle = DisclosureFeed.description
