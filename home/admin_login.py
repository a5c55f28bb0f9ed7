"""The admin's sign-in form with every label in Chinese: Wagtail's form leaves the password field
unlabelled, so Django shows the field name, "Password", which no catalog can translate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class ChineseLoginForm(LoginForm):
    password = forms.CharField(
        label=_("密码"),
        widget=forms.PasswordInput(attrs={"placeholder": _("输入密码")}),
        strip=False,
    )
