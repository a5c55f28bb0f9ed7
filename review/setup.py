"""Creates the review workflows and assigns them to the sections whose pages need review."""

from django.utils.translation import gettext as _

from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from .models import EditorialReviewTask, ExpertReviewTask, FinalReviewTask

MAIN_WORKFLOW = "科普作品三审"
FAST_TRACK_WORKFLOW = "应急科普快速通道"
# Wagtail's first migration creates this workflow and task for the site's other pages; editors
# read its name in Chinese.
WAGTAIL_DEFAULT_NAME = "Moderators approval"


def _task(model, name, **fields):
    groups = {key: fields.pop(key) for key in ("groups", "coordinator_groups") if key in fields}
    task, _created = model.objects.get_or_create(name=name, defaults=fields)
    for key, value in groups.items():
        getattr(task, key).set(value)
    return task


def _workflow(name, tasks):
    workflow, _created = Workflow.objects.get_or_create(name=name)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def ensure_review_workflows(*, editors, chief_editors, sections):
    """The 三审 workflow on every page of `sections`, and the emergency fast track beside it."""
    main = _workflow(
        MAIN_WORKFLOW,
        [
            _task(EditorialReviewTask, _("初审"), groups=[editors], deadline_days=2),
            _task(ExpertReviewTask, _("科学性审核"), coordinator_groups=[editors], quorum=2, deadline_days=7),
            _task(FinalReviewTask, _("终审"), groups=[chief_editors], deadline_days=2),
        ],
    )
    _workflow(
        FAST_TRACK_WORKFLOW,
        [
            _task(EditorialReviewTask, _("初审(应急)"), groups=[editors], deadline_days=1),
            _task(
                ExpertReviewTask,
                _("科学性审核(应急,一位专家)"),
                coordinator_groups=[editors],
                quorum=1,
                deadline_days=1,
                fast_track=True,
            ),
            _task(FinalReviewTask, _("终审(应急)"), groups=[chief_editors], deadline_days=1),
        ],
    )
    for section in sections:
        # Each language's copy of a section too: a translation is reviewed like any work.
        for page in section.get_translations(inclusive=True):
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": main})
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).update(name=_("站务页面审批"))
    Task.objects.filter(name=WAGTAIL_DEFAULT_NAME).update(name=_("站务页面审批"))
    return main


def follow_translation(sender, source_obj, target_obj, **kwargs):
    """copy_for_translation_done: a section translated into another language reviews its works with
    the workflow of the section it was translated from. Without it the copy sits outside the 三审
    sections, under Wagtail's default workflow, whose approval cannot publish a reviewed work."""
    assigned = WorkflowPage.objects.filter(page_id=source_obj.pk).first()
    if assigned is not None and target_obj is not None and target_obj.pk:
        WorkflowPage.objects.get_or_create(page_id=target_obj.pk, defaults={"workflow": assigned.workflow})
