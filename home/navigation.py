"""The main menu, cached per site and language, rebuilt when the page tree changes."""

from django.core.cache import cache
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

MENU_TIMEOUT = 60 * 60


def _cache_key(site_id, language):
    return f"nav:main:{site_id}:{language}"


def main_menu(request):
    """[{title, url, path}] for the home page's children marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = _cache_key(site.pk, get_language())
    menu = cache.get(key)
    if menu is None:
        # Children of the home page in the reader's language; view restrictions are joined into
        # the query rather than looked up first.
        root = site.root_page
        if root.locale.language_code != get_supported_content_language_variant(get_language()):
            root = root.localized
        pages = Page.objects.child_of(root).filter(view_restrictions__isnull=True).live().in_menu()
        menu = [{"title": p.title, "url": p.get_url(request), "path": p.url_path} for p in pages]
        cache.set(key, menu, MENU_TIMEOUT)
    return menu


def forget_menus(**kwargs):
    """Signal receiver: any publish, unpublish, move or delete may change the menu."""
    cache.delete_many(
        [
            _cache_key(site_id, language)
            for site_id in Site.objects.values_list("pk", flat=True)
            for language in _languages()
        ]
    )


def _languages():
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]
