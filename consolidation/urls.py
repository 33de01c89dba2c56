"""Officials' pages of consolidation, under /reports/ beside the forms' pages (the paths predate the app)."""

from django.urls import path

from . import views

app_name = "consolidation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("overdue/", views.overdue, name="overdue"),
    path("periods/", views.period_list, name="periods"),
    path("periods/<int:period_pk>/", views.consolidated, name="consolidated"),
    path("periods/<int:period_pk>/items/<int:item_pk>/", views.consolidated_item, name="consolidated_item"),
    path("periods/<int:period_pk>/import/", views.figures_import, name="import"),
    path("periods/<int:period_pk>/issue/", views.consolidated_issue, name="consolidated_issue"),
    path("periods/<int:period_pk>/export/", views.export_start, name="export_start"),
    path("periods/<int:period_pk>/grace/", views.grace_set, name="grace"),
    path("exports/<int:pk>/", views.export_status, name="export"),
    path("exports/<int:pk>/file/", views.export_download, name="export_file"),
    path("periods/<int:period_pk>/span/", views.period_span, name="period_span"),
    # A body's own paper, at the path it had under reports (/reports/<id>/pdf/): it follows the outline.
    path("<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]

# The Báo cáo's outline (consolidation.views_outline); imported here so that these lines stay at the end.
from . import views_outline  # noqa: E402

urlpatterns += [
    path("periods/<int:period_pk>/outline/", views_outline.outline, name="outline"),
    path("periods/<int:period_pk>/outline/sections/", views_outline.outline_sections, name="outline_sections"),
    path("periods/<int:period_pk>/outline/import/", views_outline.outline_import, name="outline_import"),
]

# The Báo cáo's draft (consolidation.views_draft).
from . import views_draft  # noqa: E402

urlpatterns += [
    path("periods/<int:period_pk>/draft/", views_draft.draft, name="draft"),
    path("periods/<int:period_pk>/draft/restore/", views_draft.draft_restore, name="draft_restore"),
    path("periods/<int:period_pk>/draft/preview.pdf", views_draft.draft_preview, name="draft_preview"),
    path("periods/<int:period_pk>/draft/docx/", views_draft.draft_docx, name="draft_docx"),
]
