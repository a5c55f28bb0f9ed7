"""Public URLs of outreach.people, under /<language>/outreach/ (outreach/urls.py)."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("teams/", views.teams, name="teams"),
    path("teams/<slug:slug>/", views.team, name="team"),
    path("experts/<int:expert_id>/", views.expert, name="expert"),
    path("volunteers/join/", views.volunteer_join, name="volunteer_join"),
    path("volunteers/join/thanks/", views.volunteer_thanks, name="volunteer_thanks"),
]
