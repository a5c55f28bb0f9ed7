"""近期活动: the next few live public events, for the home page (HomePage's context) and the audience
columns (columns.py), both drawn with `events/includes/upcoming.html`."""

from contextlib import nullcontext

from django.utils import translation

from articles.listings import with_cards

from . import listing
from .models import EventIndexPage


def _language(locale):
    return translation.override(locale.language_code) if locale is not None else nullcontext()


def upcoming(locale=None, audience=None, limit=4):
    """Up to `limit` live public events not yet over, soonest first, as cards (campaign and pictures
    loaded); `audience` (an Audience or its code) keeps those for that audience; `locale` (a
    Locale) instead of the reader's language."""
    with _language(locale):
        events = listing.upcoming_events()
        if audience is not None:
            events = events.filter(audiences__code=getattr(audience, "code", audience))
        return with_cards(listing.cards(events)[:limit])


def index_url(locale=None):
    """The URL of the live public events index in the reader's language (or `locale`), or ""."""
    with _language(locale):
        index = listing.public_pages(EventIndexPage).first()
        return index.url if index else ""
