"""The URLconf of the platform's own requests in a many-commune deployment (no commune by host or /xa/<slug>/):
the portal's, with the list of communes at the root. `communes.middleware` selects it per request."""

from django.urls import include, path

from communes.views import platform_root

from . import urls

urlpatterns = [
    path("", platform_root, name="platform_root"),
    # The city level (Sở Nội vụ, the city's leaders): only here, never under a commune's address.
    path("thanh-pho/", include("city.urls")),
    *urls.urlpatterns,
]

handler400 = urls.handler400
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
