from django.apps import AppConfig


class VenuesConfig(AppConfig):
    name = "outreach.venues"
    label = "venues"
    verbose_name = "科普阵地"
