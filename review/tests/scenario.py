"""Moves the cast's work to a given stage through the real decisions, for tests that start mid-way."""

from review import decisions
from review.models import ExpertAssignment, ExpertConflict, Stage

from .conftest import current_state

CHECKLIST = {"complete": True, "original": True, "form_ok": True, "compliant": True}
OPINION = {
    "verdict": "approve",
    "facts_accurate": True,
    "sources_reliable": True,
    "no_pseudoscience": True,
    "suits_audience": True,
    "security_cleared": True,
    "comments_for_creator": "准确。",
}


def advance_to(cast, stage):
    """Submit the work and walk it to `stage` (editorial, expert or final); returns the task state."""
    work = cast["work"]
    cast["workflow"].start(work, cast["creator"])
    if stage == Stage.EDITORIAL:
        return current_state(work)
    decisions.act(current_state(work), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    state = current_state(work)
    decisions.assign_experts(
        state, cast["editor2"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    # An expert assigned before they declared a conflict: still may not act.
    ExpertAssignment.objects.create(
        task_state=state, expert=cast["experts"]["expert_c"], due_at=state.started_at
    )
    ExpertConflict.objects.create(expert=cast["experts"]["expert_c"], page_id=work.pk, reason="曾指导作者")
    if stage == Stage.EXPERT:
        return state
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    return current_state(work)


def publish_through_review(cast, work, *, editor="editor2", experts=("expert_a", "expert_b"), chief="chief"):
    """Submit `work` (or resubmit it after a send-back) and pass the three stages with the cast."""
    from wagtail.models import WorkflowState

    open_state = WorkflowState.objects.for_instance(work).filter(status="needs_changes").first()
    if open_state is not None:
        open_state.resume(user=work.owner)
    elif current_state(work) is None:
        cast["workflow"].start(work, work.owner)
    decisions.act(current_state(work), cast[editor], "approve", comment="初审通过", **CHECKLIST)
    decisions.assign_experts(current_state(work), cast[editor], [cast["experts"][name] for name in experts])
    for name in experts:
        decisions.record_opinion(current_state(work), cast[name], **OPINION)
    decisions.act(current_state(work), cast[chief], "approve", comment="同意发布")
    work.refresh_from_db()
    assert work.live
    return work
