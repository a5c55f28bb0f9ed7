"""WAGTAIL_FINISH_WORKFLOW_ACTION. Wagtail imports this while its own models load, so it stays light."""


def publish_after_review(workflow_state, user=None):
    from .decisions import publish_after_review as publish

    return publish(workflow_state, user=user)
