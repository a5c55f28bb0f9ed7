"""Setting up the review workflows leaves no English workflow name for editors to read."""

from wagtail.models import Task, Workflow


def test_wagtails_default_workflow_is_named_in_chinese(cast):
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="站务页面审批").exists()
    assert Task.objects.filter(name="站务页面审批").exists()
