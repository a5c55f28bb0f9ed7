"""What changes the public index: publishing (a correction republishes), unpublishing (a
retraction unpublishes), deleting, moving, and view restrictions."""

from articles.models import ArticlePage

from . import tasks


def _is_work(page):
    return isinstance(page.specific_deferred, ArticlePage)


def work_published(sender, instance, **kwargs):
    if _is_work(instance):
        tasks.reindex_work.enqueue(instance.pk)


def work_unpublished(sender, instance, **kwargs):
    if _is_work(instance):
        tasks.remove_work.enqueue(instance.pk)


def work_deleted(sender, instance, **kwargs):
    tasks.remove_work.enqueue(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    tasks.reindex_subtree.enqueue(instance.page.path)


def page_moved(sender, instance, **kwargs):
    tasks.reindex_subtree.enqueue(instance.path)


def connect():
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(work_published, dispatch_uid="search_work_published")
    page_unpublished.connect(work_unpublished, dispatch_uid="search_work_unpublished")
    post_delete.connect(work_deleted, sender=ArticlePage, dispatch_uid="search_work_deleted")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted"
    )
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
