"""Outreach's public views that are not pages (sign-up, orders, tracking, verification …), all under
/<language>/outreach/ so that no page slug can shadow them. Each sub-app names its own paths."""

from django.urls import include, path

urlpatterns = [
    path("", include("outreach.venues.urls")),
    path("", include("outreach.events.urls")),
    path("", include("outreach.people.urls")),
    path("", include("outreach.dispatch.urls")),
    path("", include("outreach.records.urls")),
    path("", include("outreach.supervision.urls")),
]
