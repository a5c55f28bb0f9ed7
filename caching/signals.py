"""What changes what readers see, and so is purged: publish (a correction publishes), unpublish (a
retraction unpublishes; the URL then answers 410), move, slug change, delete, and a view restriction
set, changed or lifted. A receiver never fails the change it follows: the URLs are worked out and
recorded here, sent after the commit by the purge job (caching.purging)."""

import logging

from . import affected, purging

logger = logging.getLogger(__name__)

MOVE_LIMIT = 200


def _schedule(reason, compute):
    try:
        purging.schedule(compute(), reason)
    except Exception:
        logger.exception("Could not work out the URLs to purge after %s", reason)


def published(sender, instance, **kwargs):
    _schedule(f"publish {instance.pk}", lambda: affected.urls_for(instance))


def unpublished(sender, instance, **kwargs):
    _schedule(f"unpublish {instance.pk}", lambda: affected.urls_for(instance))


def slug_changed(sender, instance, instance_before, **kwargs):
    _schedule(f"slug {instance.pk}", lambda: affected.urls_for(instance_before) + affected.urls_for(instance))


def before_move(sender, instance, **kwargs):
    _schedule(f"move {instance.pk}", lambda: affected.urls_for_subtree(instance, MOVE_LIMIT))


def after_move(sender, instance, **kwargs):
    _schedule(f"move {instance.pk}", lambda: affected.urls_for_subtree(instance, MOVE_LIMIT))


def before_delete(sender, instance, **kwargs):
    if instance.live and not instance.is_root():
        _schedule(f"delete {instance.pk}", lambda: affected.urls_for(instance))


def restriction_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _schedule(f"restriction {page.pk}", lambda: affected.urls_for_subtree(page))


def outreach_pages_changed(sender, paths, **kwargs):
    """Outreach's non-page public pages (teams, experts) changed: purge them under every site."""
    from wagtail.models import Site

    def compute():
        return [site.root_url + path for site in Site.objects.all() for path in paths]

    _schedule(f"{sender._meta.label_lower} changed", compute)


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete

    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        pre_page_move,
    )

    page_published.connect(published, dispatch_uid="caching_published")
    page_unpublished.connect(unpublished, dispatch_uid="caching_unpublished")
    page_slug_changed.connect(slug_changed, dispatch_uid="caching_slug_changed")
    pre_page_move.connect(before_move, dispatch_uid="caching_before_move")
    post_page_move.connect(after_move, dispatch_uid="caching_after_move")
    pre_delete.connect(before_delete, sender=Page, dispatch_uid="caching_before_delete")
    for signal in (post_save, post_delete):
        signal.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid=f"caching_vr_{signal!r}")

    from outreach.people.signals import public_pages_changed

    public_pages_changed.connect(outreach_pages_changed, dispatch_uid="caching_outreach_people")
