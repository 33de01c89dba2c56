"""Pages of the reminders app."""

from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("settings/", views.settings_edit, name="settings"),
    path("templates/<slug:kind>/", views.template_edit, name="template"),
    path("templates/<slug:kind>/reset/", views.template_reset, name="template_reset"),
]
