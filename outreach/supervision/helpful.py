"""这篇有帮助吗: who may answer and how often, decided here and nowhere else.

- Any reader may answer on a live, public work; no account, and nothing about them is stored.
- One answer per work per address per day, and at most DAILY_CAP answers per address per day (an
  office or a school behind one address still gets through). The counts live in the cache under a
  keyed hash of the address that expires with the day: no table holds an address.
- The answer is a POST without a CSRF token, so that the work page carries no token and stays
  publicly cacheable; the request must come from this site's own pages instead (its Origin, or
  without one its Referer), the check Django's CSRF middleware makes before the token."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.throttle import client_address
from articles.listings import outside_restrictions
from articles.models import ArticlePage
from pages.reviewed import review_gate

from .models import HelpfulAnswer

DAILY_CAP = 30
_SALT = "outreach.supervision.helpful"


def answerable_work(page_id):
    """The live, public, not retracted work `page_id` names (any language), or None."""
    work = outside_restrictions(ArticlePage.objects.live().filter(pk=page_id)).first()
    if work is None or review_gate().retraction_of(work) is not None:
        return None
    return work


def _key(*parts):
    return "supervision:helpful:" + salted_hmac(_SALT, ":".join(map(str, parts))).hexdigest()


def _seconds_left_today():
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(int((midnight - now).total_seconds()), 1)


ACCEPTED, ALREADY, TOO_MANY = "accepted", "already", "too-many"


def answer(request, work, helpful):
    """Record one answer unless the address already answered this work today (ALREADY) or reached
    the daily cap (TOO_MANY); ACCEPTED when recorded."""
    address = client_address(request) or "unknown"
    today = timezone.localdate()
    ttl = _seconds_left_today()
    cap_key = _key("all", address, today)
    cache.add(cap_key, 0, ttl)
    try:
        count = cache.incr(cap_key)
    except ValueError:  # expired between add and incr (midnight)
        cache.set(cap_key, count := 1, ttl)
    if count > DAILY_CAP:
        return TOO_MANY
    if not cache.add(_key("work", work.pk, address, today), 1, ttl):
        return ALREADY
    HelpfulAnswer.objects.create(page_id=work.pk, helpful=helpful, created=today)
    return ACCEPTED
