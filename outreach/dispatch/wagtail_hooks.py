"""Admin wiring of dispatch: the 派单 menu (the queue for administrators, 我的派单 for experts), its
URLs under /admin/dispatch/, and the permission that makes an administrator of the queue."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_urls, transitions


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return transitions.is_dispatcher(request.user)


class MineMenuItem(MenuItem):
    def is_shown(self, request):
        return transitions.expert_of(request.user) is not None


class DispatchMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return transitions.is_dispatcher(request.user) or transitions.expert_of(request.user) is not None


@hooks.register("register_admin_urls")
def dispatch_urls():
    return [path("dispatch/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def dispatch_menu_item():
    menu = Menu(
        items=[
            QueueMenuItem(_("派单队列"), reverse("dispatch_admin:queue"), icon_name="list-ul", order=10),
            MineMenuItem(_("我的派单"), reverse("dispatch_admin:mine"), icon_name="user", order=20),
        ]
    )
    return DispatchMenu(_("派单"), menu, icon_name="mail", order=170)


@hooks.register("register_permissions")
def dispatch_permissions():
    """ "Can change 点单" in the group editor: who administers the queue (transitions.PERMISSION)."""
    app_label, codename = transitions.PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("public_page_extensions")
def order_invite_in_the_workers_column(page, request):
    """The 产业工人 column (articles' TopicPage) invites units to order a talk (点单)."""
    from django.template.loader import render_to_string

    from articles.models import Audience, TopicPage

    if not isinstance(page, TopicPage) or page.audience_id is None:
        return ""
    if page.audience.code != Audience.Code.WORKERS:
        return ""
    return render_to_string("dispatch/includes/order_invite.html", request=request)
