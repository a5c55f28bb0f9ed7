"""No overbooking under concurrent sign-ups: threads race for the last places of one event, each on
its own database connection (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR UPDATE on the
event's row). Run on both: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres."""

import threading

import pytest

from django.db import connection

from outreach.events import signups
from outreach.events.models import SignUp

from .factories import make_event

THREADS = 12


def race(event, contacts):
    """Sign each contact up from its own thread, all released at once; returns the errors."""
    barrier, errors = threading.Barrier(len(contacts)), []

    def one(number, contact):
        try:
            barrier.wait(timeout=30)
            signups.take(event, f"读者{number}（演示）", **contact)
        except signups.SignUpRefused:
            pass
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n, c)) for n, c in enumerate(contacts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_threads_racing_for_the_last_places_never_overbook(site_tree):
    from .factories import make_event_index

    event = make_event(make_event_index(site_tree["home"]), capacity=5, days=3)
    for number in range(2):
        signups.take(event, f"先到{number}", phone=f"1370000000{number}")
    errors = race(event, [{"phone": f"139{n:08d}"} for n in range(THREADS)])
    assert errors == []
    rows = SignUp.objects.filter(event=event)
    assert rows.filter(status="confirmed").count() == 5  # 2 earlier + 3 of the racers, never more
    assert rows.filter(status="waiting").count() == THREADS - 3
    # The waiting list is in the order the places were taken.
    waiting = list(rows.filter(status="waiting").order_by("created_at", "pk").values_list("pk", flat=True))
    assert waiting == sorted(waiting)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_threads_racing_with_one_contact_make_one_signup(site_tree):
    from .factories import make_event_index

    event = make_event(make_event_index(site_tree["home"]), capacity=3, days=3)
    contacts = [{"phone": "+86 138 0000 0000"}, {"phone": "13800000000"}, {"email": "A@example.org"}]
    contacts += [{"email": "a@EXAMPLE.org"}] * 5 + [{"phone": "8613800000000"}] * 4
    assert race(event, contacts) == []
    rows = SignUp.objects.filter(event=event)
    assert sorted(rows.values_list("phone", "email")) == [("", "a@example.org"), ("13800000000", "")]
