"""The database dropping in the middle of the final 三审 approval: nothing is half-published. On
PostgreSQL the connection is really terminated (pg_terminate_backend from a second connection) at
the chosen point; on SQLite the same point raises OperationalError. Either way the work is not live,
has no clearance, the workflow still waits at 终审, `manage.py audit_live` is clean — and the same
approval given again publishes it completely."""

import io

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import Error, OperationalError, connection, connections
from django.db.models.signals import post_save

from wagtail.models import WorkflowState
from wagtail.signals import page_published

from articles.models import ArticlePage
from review import decisions
from review.models import ReviewAction, ReviewClearance, Stage
from review.tests.conftest import current_state
from review.tests.scenario import advance_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def drop_the_database():
    """Lose the connection here and now, as a database restart or a network cut would."""
    if connection.vendor != "postgresql":
        raise OperationalError("disk I/O error")  # what Django raises when SQLite fails
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    killer = connections.create_connection("default")
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the next statement of the publish meets the dead connection


POINTS = {
    # The clearance is written, the page not yet live.
    "after the clearance": (post_save, {"sender": ReviewClearance}),
    # The page is live in this transaction; the log entry and the e-mail not yet written.
    "after the page went live": (page_published, {}),
}


@pytest.mark.parametrize("point", POINTS)
def test_no_half_published_state_when_the_database_drops(cast, point):
    state = advance_to(cast, Stage.FINAL)
    work = cast["work"]
    signal, options = POINTS[point]

    def fail(**kwargs):
        drop_the_database()

    signal.connect(fail, weak=False, dispatch_uid="fault-drop", **options)
    try:
        with pytest.raises(Error):
            decisions.act(state, cast["chief"], "approve", comment="同意发布")
    finally:
        signal.disconnect(dispatch_uid="fault-drop", **options)
    connection.close()  # a new connection, as the next request would get

    work = ArticlePage.objects.get(pk=work.pk)
    assert not work.live and work.live_revision_id is None
    assert not ReviewClearance.objects.filter(page_id=work.pk).exists()
    assert not ReviewAction.objects.filter(page_id=work.pk, action__in=["publish"]).exists()
    assert not ReviewAction.objects.filter(page_id=work.pk, stage=Stage.FINAL).exists()
    waiting = current_state(work)
    assert waiting.task.specific.stage == Stage.FINAL and waiting.status == "in_progress"
    assert WorkflowState.objects.get(pk=waiting.workflow_state_id).status == "in_progress"
    assert not [m for m in mail.outbox if "已发布" in m.subject]
    call_command("audit_live", stdout=io.StringIO())  # raises CommandError if anything live is uncleared

    # The chief editor tries again once the database is back: published completely, told once.
    decisions.act(waiting, cast["chief"], "approve", comment="同意发布")
    work.refresh_from_db()
    assert work.live and ReviewClearance.objects.filter(page_id=work.pk, revision=work.live_revision).exists()
    assert current_state(work) is None
    assert WorkflowState.objects.get(pk=waiting.workflow_state_id).status == "approved"
    assert ReviewAction.objects.filter(page_id=work.pk, action="publish").count() == 1
    assert [m.to for m in mail.outbox if "已发布" in m.subject] == [[cast["creator"].email]]
