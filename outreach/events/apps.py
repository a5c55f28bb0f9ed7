from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "outreach.events"
    label = "events"
    verbose_name = "科普活动"
