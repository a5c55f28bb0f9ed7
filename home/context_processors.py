"""Values every public template needs: the site's name, home URL, main menu and footer links."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .navigation import footer_menu, main_menu


def site_frame(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "home_url": f"/{get_language()}/",
        "main_menu": SimpleLazyObject(lambda: main_menu(request)),
        "footer_menu": SimpleLazyObject(lambda: footer_menu(request)),
    }
