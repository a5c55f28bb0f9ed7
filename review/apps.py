from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "三审与科学性审核"

    def ready(self):
        from wagtail.signals import task_submitted

        from .notifications import stage_started

        task_submitted.connect(
            lambda sender, instance, **kwargs: stage_started(instance),
            weak=False,
            dispatch_uid="review_stage_started",
        )
