"""Officials' pages of the plans app."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
]
