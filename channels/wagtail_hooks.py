"""Admin wiring of the channels: the WeChat export and the leaflet print of a live work from its page
buttons (both recorded in the delivery log), and the delivery log itself under 报告."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as PageMenuEntry

from articles.models import ArticlePage

from . import admin_views
from .delivery_log import DeliveryLogView, may_view_log
from .wechat import views as wechat_views

admin_urlpatterns = [
    path("wechat/<int:page_id>/", wechat_views.preview, name="wechat_export"),
    path("wechat/<int:page_id>/download/", wechat_views.download, name="wechat_download"),
    path("leaflet/<int:page_id>/", admin_views.leaflet, name="leaflet"),
    path("deliveries/", DeliveryLogView.as_view(), name="deliveries"),
    path("deliveries/results/", DeliveryLogView.as_view(results_only=True), name="deliveries_results"),
]


@hooks.register("register_admin_urls")
def channels_admin_urls():
    return [path("channels/", include((admin_urlpatterns, "channels_admin")))]


def _exportable(page, user):
    """A live work the user may edit. The export views check again, through the public gate."""
    return page.live and page.specific_class is ArticlePage and page.permissions_for_user(user).can_edit()


def _entries(page, user, priority):
    """The page's menu entries (drawn like Wagtail's own: 编辑, 移动 …), after 历史."""
    if _exportable(page, user):
        yield PageMenuEntry(
            _("导出到微信公众号"),
            reverse("channels_admin:wechat_export", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )
        yield PageMenuEntry(
            _("打印传单 A4/A5"),
            reverse("channels_admin:leaflet", args=[page.pk]),
            icon_name="doc-full",
            priority=priority + 1,
        )


@hooks.register("register_page_header_buttons")
def channel_header_buttons(page, user, view_name, next_url=None):
    yield from _entries(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def channel_listing_buttons(page, user, next_url=None):
    yield from _entries(page, user, priority=52)


class DeliveryLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_log(request.user)


@hooks.register("register_reports_menu_item")
def delivery_log_menu_item():
    return DeliveryLogMenuItem(
        _("分发记录"), reverse("channels_admin:deliveries"), icon_name="mail", order=60
    )


@hooks.register("register_permissions")
def delivery_log_permission():
    """So that a group can be given the log in 设置 → 用户组 (editors of corrections see it anyway)."""
    return Permission.objects.filter(content_type__app_label="channels", codename="view_delivery")
