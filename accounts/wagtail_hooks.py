"""Admin wiring of account security: the two-factor steps and the 账户安全 menu (lockouts, 2FA)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls
from .views.security import may_manage


@hooks.register("register_admin_urls")
def account_security_urls():
    return urls.urlpatterns


class AccountSecurityMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


class AccountSecuritySubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


@hooks.register("register_settings_menu_item")
def account_security_menu():
    menu = Menu(
        items=[
            AccountSecurityMenuItem(_("登录锁定"), reverse("accounts_lockouts"), icon_name="lock", order=10),
            AccountSecurityMenuItem(
                _("两步验证"), reverse("accounts_two_factor_status"), icon_name="key", order=20
            ),
        ]
    )
    return AccountSecuritySubmenu(_("账户安全"), menu, icon_name="lock", order=900)
