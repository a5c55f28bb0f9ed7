"""Background jobs for pictures: their renditions are made here, never in a reader's request."""

from django_tasks import task

from wagtail.images import get_image_model

from . import renditions


@task()
def make_renditions(image_id):
    """Make every rendition the site shows of one picture; idempotent (existing ones are kept)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    return 0 if image is None else renditions.make_all(image)


def picture_saved(sender, instance, raw=False, **kwargs):
    """Signal receiver: a picture was uploaded or changed (file, focal point): make its renditions."""
    if not raw:
        make_renditions.enqueue(instance.pk)
