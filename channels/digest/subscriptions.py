"""Subscribing with double opt-in: a request sends a signed confirmation link to the address; only
the owner of the address, by confirming, starts the subscription or changes it.

The request is answered the same way whether the address is new, pending, subscribed or
unsubscribed, so the form tells nobody who subscribes. Abuse is bounded twice: per client address
(views.py) and per e-mail address (at most CONFIRMATIONS_PER_DAY confirmation e-mails a day).
"""

import datetime
import hashlib
import logging

from django.core.cache import cache

from articles.models import Audience, Discipline

from . import emails, tokens
from .models import Subscriber, normalize_email

logger = logging.getLogger(__name__)

CONFIRMATIONS_PER_DAY = 3
DAY = 24 * 3600


def within_limit(scope, value, limit, window):
    """Count one more event for `value`; True while the count stays within `limit` for the window."""
    key = f"digest:{scope}:{hashlib.sha256(value.encode()).hexdigest()[:24]}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return True


def request_subscription(email, audiences, disciplines, confirm_url):
    """Send the confirmation e-mail (unless the address had CONFIRMATIONS_PER_DAY today).

    `confirm_url(token)` makes the absolute link. Raises what the mail backend raises."""
    email = normalize_email(email)
    if not within_limit("confirmations", email, CONFIRMATIONS_PER_DAY, DAY):
        logger.info("digest: confirmation e-mails to one address over the daily limit")
        return False
    subscriber, _created = Subscriber.objects.get_or_create(email=email)
    link = confirm_url(tokens.confirm_token(subscriber, audiences, disciplines))
    emails.confirmation(email, link, audiences, disciplines).send()
    return True


def pending_confirmation(token):
    """What a confirmation link asks for: {subscriber, audiences, disciplines, requested_at}, or None."""
    found = tokens.read_confirm(token)
    if found is None:
        return None
    subscriber, audience_codes, discipline_codes, requested = found
    return {
        "subscriber": subscriber,
        "audiences": list(Audience.objects.filter(code__in=audience_codes)),
        "disciplines": list(Discipline.objects.filter(code__in=discipline_codes)),
        "requested_at": datetime.datetime.fromtimestamp(requested / 1000, tz=datetime.UTC),
    }


def confirm(pending):
    """Start or renew the subscription the link asked for; False if an unsubscribe came after it."""
    return pending["subscriber"].confirm(
        pending["audiences"], pending["disciplines"], requested_at=pending["requested_at"]
    )
