"""Public URLs of outreach.dispatch, under /<language>/outreach/ (outreach/urls.py)."""

from django.urls import path

from . import views

app_name = "dispatch"

urlpatterns = [
    path("requests/new/", views.order, name="order"),
    path("requests/track/<str:token>/", views.track, name="track"),
    path("requests/track/<str:token>/cancel/", views.cancel, name="cancel"),
    path("requests/track/<str:token>/rate/", views.rate, name="rate"),
]
