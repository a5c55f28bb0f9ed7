"""Admin wiring for 科普阵地: a menu entry that opens the venue directory in the page explorer
(venues are ordinary pages, edited there; no admin view of their own)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import VenueIndexPage


class VenueDirectoryMenuItem(MenuItem):
    """Shown to those who may edit pages, when a venue directory exists (a query or two per admin page)."""

    def _index_id(self):
        return VenueIndexPage.objects.order_by("path").values_list("pk", flat=True).first()

    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, {"add", "change", "publish"})

    def render_component(self, request):
        index_id = self._index_id()
        self.url = (
            reverse("wagtailadmin_explore", args=[index_id])
            if index_id
            else reverse("wagtailadmin_explore_root")
        )
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_venue_directory_menu_item():
    return VenueDirectoryMenuItem(_("科普阵地"), "", name="venues", icon_name="site", order=260)
