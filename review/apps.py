from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "三审与科学性审核"

    def ready(self):
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import (
            copy_for_translation_done,
            task_submitted,
            workflow_approved,
            workflow_rejected,
            workflow_submitted,
        )

        from . import guards
        from .notifications import stage_started
        from .setup import follow_translation

        guards.connect()
        copy_for_translation_done.connect(follow_translation, dispatch_uid="review_follow_translation")

        # Review sends its own hand-off e-mails (to the right people, in Chinese, without expert
        # names for creators): Wagtail's generic workflow e-mails would duplicate them.
        task_submitted.disconnect(
            sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification"
        )
        workflow_submitted.disconnect(
            sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
        )
        workflow_rejected.disconnect(
            sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification"
        )
        workflow_approved.disconnect(
            sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification"
        )
        task_submitted.connect(
            lambda sender, instance, **kwargs: stage_started(instance),
            weak=False,
            dispatch_uid="review_stage_started",
        )
