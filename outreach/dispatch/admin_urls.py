"""Admin URLs of dispatch, under /admin/dispatch/ (wagtail_hooks.py)."""

from django.urls import path

from . import admin_views

app_name = "dispatch_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("mine/", admin_views.mine, name="mine"),
    path("<int:pk>/", admin_views.detail, name="request"),
    path("<int:pk>/<slug:action>/", admin_views.act, name="act"),
]
