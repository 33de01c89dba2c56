"""Who may act in a commune, in a many-commune deployment: its own officials only.

`communes.middleware` decides which commune a request is for; this decides who the
request's user is there. Roles are platform-wide groups (a coordinator's model permissions are the same in
every commune), so without this Cẩm Giang's coordinator could open /xa/an-hai/… and act on An
Hải's pages with Cẩm Giang's role. Here:

- under a commune, a user who is not one of its officials (a member of one of its bodies) is nobody there: the
  public site as any citizen sees it, the login page for anything else. An official who just logged in on the
  wrong commune's page is sent on to their own start page instead of the login page again;
- at the platform's root, which holds no commune's pages, an official of a commune is sent to the same address
  under their commune's prefix, and anybody else gets the 404 (only the list of communes, the login and the
  platform's admin live there);
- a superuser (the platform's operator) acts everywhere.

In a one-commune deployment it does nothing. It runs after the current-commune middleware and the
authentication middleware, and costs one query per request of a signed-in user (their body's commune).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponseRedirect
from django.urls import get_script_prefix
from django.utils.translation import gettext as _

from communes.current import many_communes

from .models import Membership

# What the platform's root serves besides the list of communes (`camgiang_portal.platform_urls`).
PLATFORM_PATHS = ("/accounts/", "/admin/", "/healthz", "/static/", "/xac-thuc/", "/i18n/", "/thanh-pho/")
# Where a login lands (settings.LOGIN_REDIRECT_URL): an official of another commune is sent on from here.
START_PATH = "/start/"


def user_commune(user):
    """The commune whose official `user` is (the commune of their body), or None; one query."""
    if not user.is_authenticated:
        return None
    # The base manager: whose official somebody is does not depend on the commune being served.
    membership = Membership._base_manager.select_related("body__commune").filter(user=user).first()
    return membership.body.commune if membership is not None and membership.body is not None else None


def _to_own_commune(request, commune) -> HttpResponseRedirect:
    """The same address (and query) under `commune`'s prefix, from the platform's root or another commune."""
    root = getattr(request, "platform_prefix", None) or get_script_prefix()
    address = f"{root.rstrip('/')}/xa/{commune.slug}{quote(request.path_info)}"
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{address}?{query}" if query else address)


class CommuneMemberMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No `request.commune`: a path that is never a commune's (/healthz, /static/), left alone upstream too.
        if not many_communes() or not hasattr(request, "commune"):
            return self.get_response(request)
        if request.commune is None:
            return self._at_platform_root(request) or self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_superuser:
            own = user_commune(user)
            if own is None or own.pk != request.commune.pk:
                if own is not None and own.on_platform and request.path_info == START_PATH:
                    return _to_own_commune(request, own)
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def _at_platform_root(request):
        """None to serve the platform's own page; a redirect for a commune's official; else the 404."""
        path = request.path_info
        platform_page = path == "/" or path.startswith(PLATFORM_PATHS)
        # The list of communes and the login are everybody's; the admin at the root is the operator's, an
        # official's is under their commune, like every commune page.
        if not platform_page or path.startswith("/admin/"):
            own = None if request.user.is_superuser else user_commune(request.user)
            if own is not None and own.on_platform:
                return _to_own_commune(request, own)
        if not platform_page:
            raise Http404(_("Trang này thuộc một xã, phường: xin chọn xã, phường ở trang chủ của cổng."))
        return None
