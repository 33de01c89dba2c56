"""Officials' pages of the reports app: a body's progress form, its review and attachments.

The dashboard, the consolidated report and its exports share the /reports/ prefix (consolidation.urls)."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("generate/", views.expected_generate, name="generate"),
    path("<int:pk>/", views.report_form, name="form"),
    path("<int:pk>/review/", views.report_review, name="review"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
]
