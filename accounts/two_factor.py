"""Who must give a second factor, and the devices that give it: a TOTP app (动态验证码) and ten
single-use recovery codes (恢复码), both from django-otp."""

import base64
import binascii

import segno
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.db import transaction
from django.utils import timezone

RECOVERY_CODES = 10
DEVICE_NAME = "动态验证码"


def required_for(user):
    """Everyone who can reach an admin: editors, experts, chief editors, administrators."""
    if not getattr(settings, "PORTAL_ADMIN_2FA_REQUIRED", True) or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def is_verified(user):
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user):
    """The authenticator being set up: made once, kept until confirmed (the QR code stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_for_typing(device):
    """The key as an authenticator app asks for it when typed by hand (base32, in groups of four)."""
    key = base64.b32encode(binascii.unhexlify(device.key)).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device):
    """The otpauth:// address as an inline SVG: drawn here, no outside service sees the secret."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def confirm(device):
    """The first code matched: the app is in use; fresh recovery codes replace any old ones.
    Returns the codes, shown once and never stored in the clear anywhere else."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="恢复码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def verify(user, token):
    """The device that accepts `token` (each code works once: TOTP remembers its last time step,
    a recovery code is deleted when used), or None. Devices slow down after failures."""
    token = "".join(str(token).split()).lower()
    for device in devices_for_user(user, for_verify=True):
        if isinstance(device, TOTPDevice) and not token.isdigit():
            continue
        if device.verify_token(token):
            return device
    return None


def retry_after_seconds(user):
    """Seconds until the authenticator accepts another try after repeated failures (0: now)."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            return max(1, int((details["locked_until"] - timezone.now()).total_seconds()))
    return 0


@transaction.atomic
def reset(user):
    """Remove every device: the next admin sign-in sets up a new authenticator."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
