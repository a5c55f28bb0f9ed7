from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "outreach.events"
    label = "events"
    verbose_name = "科普活动"

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage

        page_published.connect(places_published, sender=EventPage, dispatch_uid="events.places_published")


def places_published(sender, instance, **kwargs):
    """A published revision may have more places than the last: the waiting list moves up."""
    from .signups import fill_places

    if instance.capacity:
        fill_places(instance.pk)
