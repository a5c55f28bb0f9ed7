"""Creator accounts: registration (with the contributor terms), login, password reset and change,
the profile (我的资料) and a change of e-mail address."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.password_reset import QueuedPasswordResetMixin
from articles.models import Discipline
from creators.models import CreatorProfile

# A creator's username is their e-mail address, and usernames hold at most 150 characters.
EMAIL_MAX_LENGTH = 150
PASSWORD_MAX_LENGTH = 128
# Django's own message says "Email" in the middle of a Chinese sentence.
EMAIL_INVALID = _("请输入有效的电子邮箱地址。")


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("电子邮箱"), max_length=EMAIL_MAX_LENGTH, error_messages={"invalid": EMAIL_INVALID}
    )
    password = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput, max_length=PASSWORD_MAX_LENGTH, strip=False
    )
    password_again = forms.CharField(
        label=_("再次输入密码"), widget=forms.PasswordInput, max_length=PASSWORD_MAX_LENGTH, strip=False
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
        label=_("我承诺投稿作品为原创、参考资料真实可靠，并授权本站按《投稿须知》发布"),
        error_messages={"required": _("请阅读并接受投稿协议。")},
    )

    def clean_email(self):
        # Whether the address is in use is not the form's business: the view answers the same
        # either way and tells the address's owner by mail (creators/views/accounts.py).
        return self.cleaned_data["email"].strip().lower()

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
    # `make demo` prints usernames; creators register with an e-mail: either signs in.
    login = forms.CharField(
        label=_("邮箱或用户名"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": _("请填写邮箱或用户名。")},
    )
    password = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput, max_length=PASSWORD_MAX_LENGTH, strip=False
    )


def may_reset_here(user):
    """Whether the creator portal may reset this account's password.

    Only creators; never staff or superusers (they reset through the Wagtail admin), and not an
    account the editors switched off. An account still waiting for its e-mail verification may
    reset: opening the link proves the address, so it verifies the account too.
    """
    profile = getattr(user, "creator_profile", None)
    return (
        profile is not None
        and not (user.is_staff or user.is_superuser)
        and user.has_usable_password()
        and (user.is_active or not profile.is_verified)
    )


class CreatorPasswordResetForm(QueuedPasswordResetMixin, PasswordResetForm):
    """Mail sent by a background job, which also finds the account: the request takes as long
    whether or not the address belongs to one."""

    email = forms.EmailField(
        label=_("注册时使用的电子邮箱"),
        max_length=254,
        error_messages={"invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        candidates = get_user_model().objects.filter(email__iexact=email, creator_profile__isnull=False)
        return (user for user in candidates.select_related("creator_profile") if may_reset_here(user))


def _new_password_fields():
    def field(label):
        return forms.CharField(
            label=label,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            max_length=PASSWORD_MAX_LENGTH,
            strip=False,
        )

    return field(_("新密码")), field(_("再次输入新密码"))


class NewPasswordForm(SetPasswordForm):
    new_password1, new_password2 = _new_password_fields()


class ChangePasswordForm(PasswordChangeForm):
    old_password = forms.CharField(
        label=_("当前密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
    )
    new_password1, new_password2 = _new_password_fields()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = CreatorProfile
        fields = ["real_name", "affiliation", "disciplines", "bio"]
        widgets = {"disciplines": forms.CheckboxSelectMultiple, "bio": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disciplines"].queryset = Discipline.objects.filter(parent=None)


class EmailChangeForm(forms.Form):
    """A new login address, confirmed by a link sent to it; the current password guards the change."""

    email = forms.EmailField(
        label=_("新的电子邮箱"), max_length=EMAIL_MAX_LENGTH, error_messages={"invalid": EMAIL_INVALID}
    )
    password = forms.CharField(
        label=_("当前密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email.lower():
            raise forms.ValidationError(_("这已经是您的登录邮箱。"))
        if email_taken(email, by_other_than=self.user):
            raise forms.ValidationError(_("该邮箱已被其他账号使用。"))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("当前密码不正确。"), code="password_incorrect")
        return password


def address_in_use(email):
    """Whether any account (creator or staff) signs in with, or receives mail at, this address."""
    users = get_user_model().objects
    return users.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()


def email_taken(email, by_other_than):
    others = get_user_model().objects.exclude(pk=by_other_than.pk)
    return others.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()
