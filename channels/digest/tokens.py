"""Signed links: confirm a subscription (expires after 7 days), manage it and unsubscribe (no expiry).

Each purpose has its own salt, so one kind of link never opens another. A link names the subscriber
by id and a short hash of the address — never the address itself, which would sit in server logs.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.urls import reverse

from wagtail.models import Site

CONFIRM_SALT = "digest.confirm"
MANAGE_SALT = "digest.manage"
UNSUBSCRIBE_SALT = "digest.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _address_hash(email):
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def confirm_token(subscriber, audiences, disciplines):
    """The confirmation link's token carries the preferences chosen on the form: they take effect only
    when the owner of the address confirms, so nobody can change another reader's subscription."""
    data = {
        "s": subscriber.pk,
        "h": _address_hash(subscriber.email),
        "a": sorted(audience.code for audience in audiences),
        "d": sorted(discipline.code for discipline in disciplines),
        "t": int(time.time() * 1000),  # when it was asked for, in ms (see Subscriber.confirm)
    }
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(data, compress=True)


def read_confirm(token):
    """(subscriber, audience codes, discipline codes, requested at) or None if the link is bad or old."""
    from .models import Subscriber

    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=CONFIRM_MAX_AGE)
        subscriber = _subscriber(Subscriber, data)
        return subscriber, list(data["a"]), list(data["d"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def subscriber_token(subscriber, salt):
    return signing.Signer(salt=salt).sign_object({"s": subscriber.pk, "h": _address_hash(subscriber.email)})


def read_subscriber(token, salt):
    """The subscriber a manage or unsubscribe link names, or None if it was tampered with."""
    from .models import Subscriber

    try:
        return _subscriber(Subscriber, signing.Signer(salt=salt).unsign_object(token))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _subscriber(model, data):
    subscriber = model.objects.filter(pk=int(data["s"])).first()
    if subscriber is None or _address_hash(subscriber.email) != data["h"]:
        raise ValueError("no such subscriber")
    return subscriber


def site_root():
    """The public site's root URL (the default site's), as pages' own full URLs use it."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def links(subscriber, root):
    """The manage and unsubscribe links every digest carries."""
    return {
        "manage": root + reverse("digest:manage", args=[subscriber_token(subscriber, MANAGE_SALT)]),
        "unsubscribe": root
        + reverse("digest:unsubscribe", args=[subscriber_token(subscriber, UNSUBSCRIBE_SALT)]),
    }
