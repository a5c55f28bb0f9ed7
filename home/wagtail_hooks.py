"""Admin wiring for site-wide settings, and the admin in Chinese."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.telepath import register
from wagtail.admin.ui.sidebar import BaseSidebarAdapter, MainMenuModule
from wagtail.contrib.settings.registry import register_setting

from .models import SiteSettings

register_setting(SiteSettings, icon="site")


# The admin in Chinese (tests/test_admin_chinese.py).


@hooks.register("insert_global_admin_css")
def chinese_admin_css():
    """A stylesheet, not a <style> element: the admin's userbar brings it onto public pages too, whose
    Content-Security-Policy allows no inline style (portal/settings/headers.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin-chinese.css"))


@hooks.register("construct_help_menu")
def drop_english_only_guides(request, menu_items):
    """Wagtail's editor guide and "what's new" pages exist in English only."""
    menu_items[:] = [
        item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new")
    ]


class FullNameMainMenu(BaseSidebarAdapter):
    """Wagtail's sidebar names the account by `first_name` alone (编辑 for 李编辑, which reads as the
    verb "edit"); this adapter, registered in place of Wagtail's own, gives the full name in the
    project's one name order (home/names.py)."""

    js_constructor = "wagtail.sidebar.MainMenuModule"

    def js_args(self, obj):
        menu_items, account_items, account = obj.js_args()
        name = obj.user.get_full_name() or obj.user.get_username()
        return [menu_items, account_items, {**account, "name": name}]


register(FullNameMainMenu(), MainMenuModule)
