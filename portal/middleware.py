"""Django's LocaleMiddleware, minus its guess for the machine endpoints and the admin."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# URL prefixes that never take a language prefix (portal/urls.py): a 404 there is final.
UNPREFIXED = ("/admin/", "/django-admin/", "/api/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django sends any unprefixed 404 to /zh-hans/<same path>, because Wagtail's catch-all makes
    every prefixed path "valid". Under the admin, the API and documents that turns a 404 (a JSON one,
    for the API) into a redirect to an HTML page that 404s again; there the 404 stays."""

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith(UNPREFIXED) and translation.get_language() != settings.LANGUAGE_CODE:
            # No language prefix here: a browser asking for Mongolian would get Wagtail's Cyrillic
            # (Khalkha) admin and an API of Mongolian works. These speak the default language; an
            # editor's own choice of admin language still applies (Wagtail's user profile).
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
