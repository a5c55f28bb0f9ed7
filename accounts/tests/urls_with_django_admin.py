"""The portal's URLs with the Django admin mounted, as a deployment with PORTAL_DJANGO_ADMIN has them."""

from django.contrib import admin
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("django-admin/", admin.site.urls), *portal_urlpatterns]
