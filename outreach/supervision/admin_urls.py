"""Admin URLs of the 督查 dashboard, under /admin/supervision/ (wagtail_hooks.py)."""

from django.urls import path

from . import admin_views

app_name = "supervision_admin"

urlpatterns = [
    path("", admin_views.dashboard, name="dashboard"),
    path("csv/", admin_views.all_csv, name="all_csv"),
    path("csv/<slug:key>/", admin_views.figure_csv, name="figure_csv"),
    path("records/<slug:key>/", admin_views.behind, name="records"),
]
