"""Issuing papers and the public verification page."""

from django.urls import path

from . import views

app_name = "issuance"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    # Issued papers are public records, addressed by their SHA-256 (what the verification page shows).
    path("xac-thuc/van-ban/<str:sha256>.pdf", views.download, name="download"),
    path("plans/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/van-ban-da-ky.pdf", views.plan_document, name="plan_document"),
]
