from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = "媒体资源"

    def ready(self):
        from django.db.models.signals import post_save

        from .models import PortalImage
        from .tasks import picture_saved

        post_save.connect(picture_saved, sender=PortalImage, dispatch_uid="media_make_renditions")
