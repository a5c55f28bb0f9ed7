"""Public URLs of outreach.records, under /<language>/outreach/ (outreach/urls.py)."""

from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("verify/<str:token>/", views.verify, name="verify"),
    path("records/mine/", views.mine, name="mine"),
    path("records/mine/consent/", views.mine_consent, name="mine_consent"),
    path("records/mine/certificate/", views.mine_certificate, name="mine_certificate"),
    path("records/mine/certificates/<str:serial>.pdf", views.mine_download, name="mine_download"),
]
