"""Rendition specs the public templates use, and bulk loading of existing renditions."""

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.images import get_image_model

# Keep these equal to the specs written in the templates, so prefetched renditions are found.
CARD = "fill-480x270|format-webp|webpquality-75"
COVER = "fill-960x540|format-webp|webpquality-80"
BODY = "max-960x720|format-webp|webpquality-80"
POSTER = "max-960x540|format-webp"
SHARE = "fill-1200x675|format-jpeg"
PAGE_SPECS = (CARD, COVER, BODY, POSTER, SHARE)


def prefetch_renditions(images, specs=PAGE_SPECS):
    """Load the existing renditions of all `images` in one query (Wagtail reuses them)."""
    images = [image for image in images if image is not None]
    if images:
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
    return images
