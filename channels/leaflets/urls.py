"""Printable leaflets of reviewed works, under /<language>/leaflets/."""

from django.urls import path

from . import views

app_name = "leaflets"
urlpatterns = [
    path("<int:page_id>/<slug:size>.pdf", views.leaflet, name="leaflet"),
]
