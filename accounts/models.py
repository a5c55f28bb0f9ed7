"""What account security keeps in the database: rate counters shared by every app server, and the
log of what administrators did to other people's sign-in (unlocks, two-factor resets)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ThrottleCounter(models.Model):
    """Requests of one kind (`scope`) from one source (`key`: a hash, never the address itself)
    in the current window; the window restarts after it has run out."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="accounts_throttle_scope_key")]
        indexes = [models.Index(fields=["window_started_at"], name="accounts_throttle_started")]

    def __str__(self):
        return f"{self.scope}:{self.key[:8]} = {self.count}"


class SecurityEvent(models.Model):
    """One administrator's action on someone else's sign-in, or a sign-in security milestone."""

    class Action(models.TextChoices):
        UNLOCK_ACCOUNT = "unlock_account", _("解除账户锁定")
        UNLOCK_ADDRESS = "unlock_address", _("解除地址锁定")
        RESET_TWO_FACTOR = "reset_two_factor", _("重置两步验证")
        ENROL_TWO_FACTOR = "enrol_two_factor", _("启用两步验证")
        RECOVERY_CODE_USED = "recovery_code_used", _("使用恢复码登录")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=254, help_text=_("账户用户名或 IP 地址"))

    class Meta:
        ordering = ["-at"]
        permissions = [("manage_account_security", _("可以解除登录锁定和重置他人的两步验证"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.subject}"
