"""Two experts approving at the same moment: both opinions kept, the stage advances once."""

import threading

import pytest

from django.db import connection

from review import decisions
from review.models import ReviewAction, ReviewOpinion, Stage

from .conftest import current_state
from .scenario import OPINION, advance_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_simultaneous_approvals_advance_the_stage_exactly_once(cast):
    state = advance_to(cast, Stage.EXPERT)
    barrier = threading.Barrier(2)
    errors = []

    def approve(username):
        try:
            barrier.wait(timeout=10)
            decisions.record_opinion(state, cast[username], **OPINION)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(name,)) for name in ("expert_a", "expert_b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert ReviewOpinion.objects.filter(task_state=state).count() == 2
    assert ReviewAction.objects.filter(task_state=state, action="quorum").count() == 1
    state.refresh_from_db()
    assert state.status == "approved"
    final = current_state(cast["work"])
    assert final.task.specific.stage == Stage.FINAL
    assert final.workflow_state.task_states.filter(task=final.task).count() == 1
