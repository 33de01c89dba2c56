"""A crawler for the Django test client: from a role's entry pages, follow every same-site link it is shown.

It answers the question a new user asks by clicking around: does any page break, and does any link lead to a
page its reader may not open? Only GET links are followed (forms that change data are walked by the journeys).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Paths a crawl never follows: Django's admin (its own, well-tested pages, and for superusers only), static
# files, and the log-out link (it would end the session being crawled).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/accounts/logout/", "/__debug__/")
DOWNLOAD_SUFFIXES = (
    "/pdf/",
    ".pdf",
    "/xlsx/",
    ".xlsx",
    ".csv",
    ".json",
    ".docx",
    "/docx/",
    "/feed/",
    ".xml",
    "/rss/",
    "/atom/",
)


def is_download(url: str) -> bool:
    return urlsplit(url).path.endswith(DOWNLOAD_SUFFIXES)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        elif tag == "form" and (values.get("method") or "get").lower() == "get" and values.get("action"):
            self.hrefs.append(values["action"])


def links_in(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            continue
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED_PREFIXES):
            found.append(path)
    return found


@dataclasses.dataclass
class Crawl:
    visited: dict[str, int] = dataclasses.field(default_factory=dict)  # url -> status
    referrers: dict[str, str] = dataclasses.field(default_factory=dict)  # url -> the page that linked it
    capped: bool = False

    def failures(self, *, bad=lambda status: status >= 500) -> list[str]:
        return [
            f"{status} {url} (linked from {self.referrers.get(url, '—')})"
            for url, status in sorted(self.visited.items())
            if bad(status)
        ]


def crawl(client, start: list[str], *, limit: int = 2500, downloads_done: set[str] | None = None) -> Crawl:
    """Breadth-first from `start`; every page reached is fetched once. HTML pages are parsed for more links.

    `downloads_done`, shared between the crawls of several roles, fetches each PDF/XLSX/CSV only for the first
    role that is shown it: rendering is what can break there, and it is the same for every reader (who may
    fetch it is the permission matrix's job). Pages are fetched for every role, since each sees its own.
    """
    result = Crawl()
    queue = deque(start)
    seen = set(start)
    while queue:
        if len(result.visited) >= limit:
            result.capped = True
            break
        url = queue.popleft()
        if downloads_done is not None and is_download(url):
            if url in downloads_done:
                continue
            downloads_done.add(url)
        response = client.get(url)
        result.visited[url] = response.status_code
        if response.status_code in (301, 302) and response.get("Location"):
            target = links_in(f'<a href="{response["Location"]}"></a>', url)
            for link in target:
                if link not in seen:
                    seen.add(link)
                    result.referrers[link] = url
                    queue.append(link)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_in(response.content.decode(), url):
            if link not in seen:
                seen.add(link)
                result.referrers[link] = url
                queue.append(link)
    return result
