"""People who can use the admin, and the codes their authenticator would show."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

PASSWORD = "草原-Steppe-2026!"  # noqa: S105


def admin_user(username="editor", email=None, superuser=False):
    """An editor (admin access through a group, as the demo's) or a superuser."""
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, email or f"{username}@example.org", PASSWORD)
    user = users.create_user(username, email or f"{username}@example.org", PASSWORD)
    group, _created = Group.objects.get_or_create(name="编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def code_for(device, steps_ahead=0):
    """What the authenticator shows now (or `steps_ahead` time steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def forgive_failures(user):
    """Move the authenticator's last failure back a minute (it waits 1, 2, 4 … s after failures)."""
    earlier = timezone.now() - timezone.timedelta(minutes=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=earlier)


def sign_in(client, username="editor", password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)
