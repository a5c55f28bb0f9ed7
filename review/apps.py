from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "三审与科学性审核"
