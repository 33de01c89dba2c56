from django.urls import path

from . import views, views_report

app_name = "city"

urlpatterns = [
    path("", views.home, name="home"),
    path("ky/", views.periods, name="periods"),
    path("ky/<int:pk>/so-lieu/", views.figures, name="figures"),
    path("ky/<int:pk>/xa/<str:code>/", views.commune, name="commune"),
    path("ky/<int:pk>/xlsx/", views.xlsx, name="xlsx"),
    path("ky/<int:pk>/nhac/", views.remind, name="remind"),
    # The city's own Báo cáo of the period, drafted one level up (city.report).
    path("ky/<int:pk>/bao-cao/", views_report.draft, name="report"),
    path("ky/<int:pk>/bao-cao/xem-truoc.pdf", views_report.preview, name="report_preview"),
    path("ky/<int:pk>/bao-cao/docx/", views_report.docx, name="report_docx"),
    # A city leader issues it: the city's own register and seal (city.issuing).
    path("ky/<int:pk>/bao-cao/ban-hanh/", views_report.issue, name="report_issue"),
]
