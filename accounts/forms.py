"""Forms of the sign-in steps: the code typed after the password, and the admin's password reset
(mail sent by a background job, so the answer takes as long whether or not the address is known)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from .password_reset import QueuedPasswordResetMixin


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("动态验证码或恢复码"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": _("请输入验证码。")},
    )


class AdminPasswordResetForm(QueuedPasswordResetMixin, WagtailPasswordResetForm):
    """The Wagtail admin's 忘记密码: at most 3 mails per address and 10 requests per IP address in
    15 minutes; past that the answer is the same and nothing is sent."""

    email = forms.EmailField(label=_("请输入账户的电子邮箱以重设密码"), max_length=254)
    limits = ("admin-reset", 3, 10)
