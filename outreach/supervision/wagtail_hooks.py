"""Wiring of supervision: the 督查 dashboard in the admin (menu 报告 → 督查统计) and the question
这篇有帮助吗 under every work (the "public_page_extensions" hook, drawn by pages' page_extensions tag)."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from articles.models import ArticlePage

from . import admin_urls
from .admin_views import PERMISSION


@hooks.register("register_admin_urls")
def supervision_urls():
    return [path("supervision/", include(admin_urls))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("督查统计"), reverse("supervision_admin:dashboard"), icon_name="table", order=40
    )


@hooks.register("public_page_extensions")
def helpful_question(page, request):
    """这篇有帮助吗 under a work; after an answer (?helpful=1 or 2) the thanks instead of the buttons."""
    if not isinstance(page, ArticlePage):
        return ""
    shown = request.GET.get("helpful", "") if request is not None else ""
    return render_to_string("supervision/helpful.html", {"page": page, "shown": shown}, request=None)
