"""Make every rendition the site shows of every picture (those that exist are kept), so that no
reader's request waits for one: for pictures uploaded before renditions were made at upload, or
after the specs in media/renditions.py change. Safe to run again at any time."""

from django.core.management.base import BaseCommand

from wagtail.images import get_image_model

from media import renditions


class Command(BaseCommand):
    help = "Make every rendition the public pages show, for every picture (idempotent)."

    def handle(self, *args, **options):
        Image = get_image_model()
        Rendition = Image.get_rendition_model()
        before = Rendition.objects.count()
        images = Image.objects.order_by("pk").prefetch_related("renditions")
        total = 0
        for image in images.iterator(chunk_size=100):
            renditions.make_all(image)
            total += 1
        made = Rendition.objects.count() - before
        self.stdout.write(f"{total} pictures, {made} renditions made.")
