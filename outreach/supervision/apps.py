from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "outreach.supervision"
    label = "supervision"
    verbose_name = "督查统计"
