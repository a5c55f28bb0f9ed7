"""Public URLs of outreach.events, under /<language>/outreach/ (outreach/urls.py)."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events/calendar.ics", views.calendar_feed, name="feed"),
    path("events/<int:event_id>.ics", views.event_ics, name="ics"),
    path("events/<int:event_id>/signup/", views.signup, name="signup"),
    path("events/<int:event_id>/cancel/<str:token>/", views.cancel, name="cancel"),
    path("events/<int:event_id>/poster.pdf", views.poster, name="poster"),
]
