from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "outreach.records"
    label = "records"
    verbose_name = "科普工作量"
