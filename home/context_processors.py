"""Values every public template needs: the site's name, home URL and main menu."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .navigation import main_menu


def site_frame(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "home_url": f"/{get_language()}/",
        "main_menu": SimpleLazyObject(lambda: main_menu(request)),
    }
