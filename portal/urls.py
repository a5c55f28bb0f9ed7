"""URL map: admin and machine endpoints unprefixed; every public page under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from channels import sitemaps
from home import reader_modes
from home import views as home_views
from portal import csp
from review.corrections import views as correction_views
from search import views as search_views

urlpatterns = [
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *sitemaps.urlpatterns,  # sitemap.xml, and its sections past 50,000 URLs
    path("api/v1/", include("channels.api.urls")),
    path("csp-report/", csp.report, name="csp_report"),  # portal/settings/headers.py REPORT_URI
]

# The Django admin only where a deployment asks for it (dev.py does; production does not).
if settings.PORTAL_DJANGO_ADMIN:
    from django.contrib import admin

    urlpatterns.append(path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Language-prefixed from day one (/zh-hans/…), so a Traditional Mongolian locale can follow
# without moving any URL.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("search/api/", search_views.api, name="search_api"),
    path("report/<int:page_id>/", correction_views.report, name="correction_report"),
    path("reader-mode/", reader_modes.switch_mode, name="reader_mode"),
    path("creators/", include("creators.urls")),
    path("feeds/", include("channels.urls")),
    path("leaflets/", include("channels.leaflets.urls")),
    path("digest/", include("channels.digest.urls")),
    path("outreach/", include("outreach.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
