from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "outreach.dispatch"
    label = "dispatch"
    verbose_name = "点单派单"
