"""The main menu and the footer's links, cached per site and language, rebuilt when the page tree
changes.

The main menu is the home page's children marked "show in menus"; the audience columns among them
are gathered under one 人群专栏 entry, a <details> list that opens without JavaScript, so the bar
stays one short row (the home page shows the columns themselves as buttons). The footer links
every site-information page (关于本站, 政策法规, 投稿须知, 隐私政策 …), in the menu or not.

Each language's menus come from its own home page's children: a section not yet translated into
Mongolian is missing from the Mongolian menus, never replaced by its Chinese page.
"""

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from articles.models import TopicPage

from .models import PolicyIndexPage, StandardPage

MENU_TIMEOUT = 60 * 60
# Page types whose pages say who runs the site and under which rules: linked from every footer.
SITE_INFORMATION = (StandardPage, PolicyIndexPage)


def _cache_key(site_id, language):
    return f"nav:menus:{site_id}:{language}"


def main_menu(request):
    """[{title, url, path}] in tree order; the audience columns as one {title, path, children}."""
    return _menus(request)["main"]


def footer_menu(request):
    """[{title, url, path}] for the site-information pages under the home page."""
    return _menus(request)["footer"]


def _menus(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"main": [], "footer": []}
    key = _cache_key(site.pk, get_language())
    menus = cache.get(key)
    if menus is None:
        menus = _build(request, site)
        cache.set(key, menus, MENU_TIMEOUT)
    return menus


def _build(request, site):
    # Children of the home page in the reader's language; view restrictions are joined into the
    # query rather than looked up first.
    root = site.root_page
    language = get_supported_content_language_variant(get_language())
    if root.locale.language_code != language:
        root = root.localized
        if root.locale.language_code != language:
            # No live home page in the reader's language: no menu, rather than the other language's
            # pages passed off as this one's (docs/languages.md). The language switcher stays.
            return {"main": [], "footer": []}
    # One query serves both menus.
    children = Page.objects.child_of(root).filter(view_restrictions__isnull=True).live()
    main, columns, footer = [], None, []
    for page in children.select_related("content_type"):
        item = {"title": page.title, "url": page.get_url(request), "path": page.url_path}
        kind = page.specific_class
        if kind is not None and issubclass(kind, SITE_INFORMATION):
            footer.append(item)
        if not page.show_in_menus:
            continue
        if kind is TopicPage:
            if columns is None:
                # The group takes the place of the first column in the menu.
                columns = {"title": _("人群专栏"), "url": None, "path": None, "children": []}
                main.append(columns)
            columns["children"].append(item)
        else:
            main.append(item)
    return {"main": main, "footer": footer}


def forget_menus(**kwargs):
    """Signal receiver: any publish, unpublish, move or delete may change the menus."""
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
