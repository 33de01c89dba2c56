"""Officials' pages of the reports app."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("generate/", views.expected_generate, name="generate"),
    path("overdue/", views.overdue, name="overdue"),
    path("<int:pk>/", views.report_form, name="form"),
    path("<int:pk>/review/", views.report_review, name="review"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("periods/", views.period_list, name="periods"),
    path("periods/<int:period_pk>/", views.consolidated, name="consolidated"),
    path("periods/<int:period_pk>/items/<int:item_pk>/", views.consolidated_item, name="consolidated_item"),
    path("periods/<int:period_pk>/issue/", views.consolidated_issue, name="consolidated_issue"),
    path("periods/<int:period_pk>/export/", views.export_start, name="export_start"),
    path("periods/<int:period_pk>/grace/", views.grace_set, name="grace"),
    path("periods/<int:period_pk>/import/", views.figures_import, name="import"),
    path("exports/<int:pk>/", views.export_status, name="export"),
    path("exports/<int:pk>/file/", views.export_download, name="export_file"),
]
