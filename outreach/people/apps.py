from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "outreach.people"
    label = "people"
    verbose_name = "专家与志愿者"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers that announce stale public pages
