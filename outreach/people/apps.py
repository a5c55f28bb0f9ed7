from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "outreach.people"
    label = "people"
    verbose_name = "专家与志愿者"
