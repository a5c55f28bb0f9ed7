"""Admin wiring of contribution records: 科普工作量 in the menu (for those with the records permissions),
its views under /admin/records/, and the permissions a group can be given."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, rules

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("person/<str:key>/", admin_views.person, name="person"),
    path("person/<str:key>/issue/", admin_views.issue, name="issue"),
    path("person/<str:key>/consent/", admin_views.consent, name="consent"),
    path("certificate/<int:pk>/pdf/", admin_views.download, name="download"),
    path("certificate/<int:pk>/revoke/", admin_views.revoke, name="revoke"),
]


@hooks.register("register_admin_urls")
def records_admin_urls():
    return [path("records/", include((admin_urlpatterns, "records_admin")))]


class RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.may_see_all(request.user)


@hooks.register("register_admin_menu_item")
def records_menu_item():
    return RecordsMenuItem(_("科普工作量"), reverse("records_admin:index"), icon_name="list-ul", order=640)


@hooks.register("register_permissions")
def records_permissions():
    return Permission.objects.filter(content_type__app_label="records")
