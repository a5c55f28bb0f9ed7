"""Public URLs of outreach.supervision, under /<language>/outreach/ (outreach/urls.py)."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("helpful/<int:page_id>/", views.answer, name="helpful"),
]
