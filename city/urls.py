from django.urls import path

from . import views

app_name = "city"

urlpatterns = [
    path("", views.home, name="home"),
    path("ky/", views.periods, name="periods"),
    path("ky/<int:pk>/so-lieu/", views.figures, name="figures"),
    path("ky/<int:pk>/xa/<str:code>/", views.commune, name="commune"),
    path("ky/<int:pk>/xlsx/", views.xlsx, name="xlsx"),
    path("ky/<int:pk>/nhac/", views.remind, name="remind"),
]
