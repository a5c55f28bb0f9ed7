"""Creator accounts: registration (with the contributor terms) and login."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from articles.models import Discipline


class RegistrationForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=128, strip=False)
    password_again = forms.CharField(
        label=_("再次输入密码"), widget=forms.PasswordInput, max_length=128, strip=False
    )
    real_name = forms.CharField(label=_("真实姓名"), max_length=50)
    affiliation = forms.CharField(label=_("单位"), max_length=200)
    disciplines = forms.ModelMultipleChoiceField(
        label=_("擅长学科"),
        queryset=Discipline.objects.filter(parent=None),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bio = forms.CharField(
        label=_("简介"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    accept_terms = forms.BooleanField(
        label=_("我承诺投稿作品为原创、参考资料真实可靠,并授权本站按《投稿须知》发布"),
        error_messages={"required": _("请阅读并接受投稿协议。")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("该邮箱已注册。如忘记密码,请联系编辑部。"))
        return email

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("两次输入的密码不一致。"))
        elif password:
            probe = get_user_model()(username=cleaned.get("email", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=128, strip=False)
