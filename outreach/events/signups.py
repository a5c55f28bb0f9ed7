"""Taking and cancelling sign-ups: places first come, first served, a waiting list promoted in order.

Every change to an event's sign-ups runs in one transaction holding the event's row locked
(`select_for_update`; SQLite takes its write lock at BEGIN, transaction_mode IMMEDIATE), so two
readers racing for the last place cannot both get it. Duplicates are refused by the database's
unique constraints on the normalised phone and the case-folded e-mail.
"""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from outreach.signing import make_token, read_token

from .models import EventPage, SignUp

CANCEL_PURPOSE = "events.cancel"
_NOT_DIGITS = re.compile(r"\D")


def normalise_phone(text):
    """Digits only, without China's +86 / 0086 prefix: “138 0000-0000” and “+86 13800000000” match."""
    digits = _NOT_DIGITS.sub("", text or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            return digits[len(prefix) :]
    return digits


def normalise_email(text):
    return (text or "").strip().casefold()


class SignUpRefused(Exception):
    """Why a sign-up was not taken (a message for the reader)."""


@dataclass
class Outcome:
    signup: SignUp
    waiting: bool
    position: int  # on the waiting list, 1 first (0 for a confirmed place)


def cancel_token(signup):
    return make_token(CANCEL_PURPOSE, {"s": signup.pk, "e": signup.event_id})


def signup_for_token(token, event_id):
    """The sign-up a cancel link names, if the token is genuine and made for this event."""
    value = read_token(CANCEL_PURPOSE, token)
    if not isinstance(value, dict) or value.get("e") != event_id:
        return None
    return SignUp.objects.filter(pk=value.get("s"), event_id=event_id).select_related("event").first()


def places_left(event):
    """Confirmed places still free at `event` now (a reading, not a promise: `take` decides)."""
    confirmed = SignUp.objects.filter(event=event, status=SignUp.Status.CONFIRMED).count()
    return max(event.capacity - confirmed, 0)


def _locked_event(event_id):
    return EventPage.objects.select_for_update().get(pk=event_id)


def take(event, name, phone="", email=""):
    """Sign `name` up for `event`: a place while there is one, else the waiting list. Raises
    SignUpRefused for a contact already signed up."""
    from .emails import send_confirmation

    phone, email = normalise_phone(phone), normalise_email(email)
    try:
        with transaction.atomic():
            event = _locked_event(event.pk)
            active = SignUp.objects.filter(event=event).exclude(status=SignUp.Status.CANCELLED)
            duplicate = (phone and active.filter(phone=phone).exists()) or (
                email and active.filter(email=email).exists()
            )
            if duplicate:
                raise SignUpRefused
            confirmed = active.filter(status=SignUp.Status.CONFIRMED).count()
            status = SignUp.Status.CONFIRMED if confirmed < event.capacity else SignUp.Status.WAITING
            signup = SignUp.objects.create(
                event=event, name=name.strip(), phone=phone, email=email, status=status
            )
            position = (
                active.filter(status=SignUp.Status.WAITING).count() if status == SignUp.Status.WAITING else 0
            )
            transaction.on_commit(lambda: send_confirmation.enqueue(signup.pk))
    except IntegrityError as error:  # the unique constraints: a duplicate that slipped past the check
        raise SignUpRefused from error
    return Outcome(signup, status == SignUp.Status.WAITING, position)


def cancel(signup):
    """Cancel `signup`; a confirmed place freed goes to the first on the waiting list (e-mailed).
    Returns the promoted sign-up or None. Cancelling twice changes nothing."""
    with transaction.atomic():
        event = _locked_event(signup.event_id)
        signup = SignUp.objects.get(pk=signup.pk)
        if signup.status == SignUp.Status.CANCELLED:
            return None
        freed = signup.status == SignUp.Status.CONFIRMED
        signup.status, signup.cancelled_at = SignUp.Status.CANCELLED, timezone.now()
        signup.save(update_fields=["status", "cancelled_at"])
        promoted = _promote(event) if freed else []
    return promoted[0] if promoted else None


def fill_places(event_id):
    """Give places that became free (a larger capacity published) to the waiting list, in order."""
    with transaction.atomic():
        return _promote(_locked_event(event_id))


def _promote(event):
    """Confirm the first on the waiting list while `event` (locked by the caller) has places; each
    promoted reader is e-mailed. Nobody is promoted once the event has ended."""
    from .emails import send_promotion

    if event.has_ended:
        return []
    confirmed = SignUp.objects.filter(event=event, status=SignUp.Status.CONFIRMED).count()
    waiting = SignUp.objects.filter(event=event, status=SignUp.Status.WAITING).order_by("created_at", "pk")
    promoted = list(waiting[: max(event.capacity - confirmed, 0)])
    now = timezone.now()
    for signup in promoted:
        signup.status, signup.promoted_at = SignUp.Status.CONFIRMED, now
        signup.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(lambda pk=signup.pk: send_promotion.enqueue(pk))
    return promoted
