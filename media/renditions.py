"""Rendition specs the public templates use, making them ahead of time, and reading them.

Renditions are made when a picture is saved (a background job, `media/tasks.py`), by
`manage.py make_renditions` for pictures uploaded before that, and at the end of `load_demo`;
never inside a public request: a page reads the renditions that exist (`existing()`), leaves a
missing one out and asks the job for it.

Each picture on a public page is an <img> with a `srcset` of WebP renditions and a `sizes` that
tells the browser how wide the picture is laid out (media/templatetags/pictures.py writes it), so
a phone downloads the smallest rendition that is sharp at its width and pixel density. The first
spec of each set is the fallback `src` and gives the width and height attributes.
"""

import logging
import time

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

logger = logging.getLogger(__name__)

# Keep these equal to the specs written in the templates, so prefetched renditions are found.
CARD = "fill-480x270|format-webp|webpquality-75"
CARD_SMALL = "fill-320x180|format-webp|webpquality-75"
COVER = "fill-960x540|format-webp|webpquality-80"
COVER_SMALL = "fill-480x270|format-webp|webpquality-80"
COVER_MEDIUM = "fill-720x405|format-webp|webpquality-80"
BODY = "max-960x720|format-webp|webpquality-80"
BODY_SMALL = "max-480x360|format-webp|webpquality-80"
BODY_MEDIUM = "max-720x540|format-webp|webpquality-80"
POSTER = "max-960x540|format-webp"
POSTER_SMALL = "max-480x270|format-webp"
POSTER_MEDIUM = "max-720x405|format-webp"
SHARE = "fill-1200x675|format-jpeg"
# The A4 leaflet prints the share picture; the A5 one this (channels/leaflets).
PRINT_SMALL = "fill-960x540|format-jpeg|jpegquality-85"

# The layout's widths (portal.css): the page is at most 72rem with 1rem margins; cards are one
# column below 40rem, two (or three) up to 64rem, three or four above; text and its pictures are
# at most 46rem wide. A card on a 390 px phone is 358 CSS px, 716 device pixels at 2×: the 480 px
# card (cards stop at 480 px: on a weak network a sharper thumbnail is not worth the bytes); a
# cover there takes the 720 px rendition rather than the 960 px one.
CARD_SIZES = "(min-width: 64rem) 23rem, (min-width: 40rem) 50vw, calc(100vw - 2rem)"
PROSE_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
# In elder mode (elder.css) a card is a line of the list with its picture as a thumbnail beside the
# title, 5rem wide (12rem from 40rem): the 320 px card is sharp enough there.
ELDER_CARD_SIZES = "(min-width: 40rem) 12rem, 5rem"

# role → (specs, largest first, the fallback; sizes)
PICTURES = {
    "card": ((CARD, CARD_SMALL), CARD_SIZES),
    "elder_card": ((CARD, CARD_SMALL), ELDER_CARD_SIZES),
    "cover": ((COVER, COVER_SMALL, COVER_MEDIUM), PROSE_SIZES),
    "body": ((BODY, BODY_SMALL, BODY_MEDIUM), PROSE_SIZES),
    "poster": ((POSTER, POSTER_SMALL, POSTER_MEDIUM), PROSE_SIZES),
}
# Every spec a public page or channel shows, each once (the card's serve two roles).
PAGE_SPECS = tuple(
    dict.fromkeys((*(spec for specs, _sizes in PICTURES.values() for spec in specs), SHARE, PRINT_SMALL))
)


def prefetch_renditions(images, specs=PAGE_SPECS):
    """Load the existing renditions of all `images` in one query (Wagtail reuses them)."""
    images = [image for image in images if image is not None]
    if images:
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
    return images


# Parsed once: Wagtail parses a spec given as a string again at every call.
FILTERS = {spec: Filter(spec=spec) for spec in PAGE_SPECS}
# A page asks the job for an image's missing renditions at most once in this many seconds per
# process: a busy page must not queue the same job for every reader until it has run.
ASK_AGAIN_AFTER = 60
_asked = {}


def _filter(image, spec):
    return image.clean_filter_for_svg(FILTERS.get(spec) or Filter(spec=spec))


def make_all(image):
    """Make every rendition the site shows of `image` (those that exist are kept): the number of
    renditions it has. A picture whose file is missing is logged and skipped."""
    try:
        return len(image.get_renditions(*(_filter(image, spec) for spec in PAGE_SPECS)))
    except SourceImageIOError:
        logger.warning("Picture %s has no file: its renditions cannot be made.", image.pk)
        return 0


def existing(image, specs):
    """{spec: rendition} for those of `specs` already made for `image`: read from the prefetched
    renditions (`prefetch_renditions()`), Wagtail's rendition cache or one query. Nothing is made
    here; if any is missing, the background job is asked to make them all."""
    filters = [_filter(image, spec) for spec in specs]
    found = image.find_existing_renditions(*filters)
    if len(found) < len(filters):
        ask_for_renditions(image)
    fresh = {
        found[f].construct_cache_key(image, f.get_cache_key(image), f.spec): found[f]
        for f in filters
        if f in found and not getattr(found[f], "_from_cache", False)
    }
    if fresh:
        get_image_model().get_rendition_model().cache_backend.set_many(fresh)
    return {f.spec: found[f] for f in filters if f in found}


def ask_for_renditions(image):
    """Queue the job that makes `image`'s renditions (not more than once a minute per process)."""
    from .tasks import make_renditions

    now = time.monotonic()
    if now - _asked.get(image.pk, -ASK_AGAIN_AFTER) < ASK_AGAIN_AFTER:
        return
    if len(_asked) > 10_000:
        _asked.clear()
    _asked[image.pk] = now
    make_renditions.enqueue(image.pk)
