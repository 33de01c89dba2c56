"""Issuing papers and the public verification page."""

from django.urls import path

from . import views

app_name = "issuance"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/van-ban/<int:pk>/", views.download, name="download"),
    path("plans/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
]
