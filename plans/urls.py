"""Officials' pages of the plans app."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("import/", views.plan_import, name="import"),
    path("import/confirm/", views.plan_import_confirm, name="import_confirm"),
    path("<int:pk>/assignments/", views.assignment_matrix, name="matrix"),
    path("<int:pk>/assignments/remove-kind/", views.assignment_remove_kind, name="matrix_remove_kind"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/new-version/", views.plan_new_version, name="new_version"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/pending/", views.bodies_pending, name="bodies_pending"),
    path("history/", views.audit_history, name="history"),
]
