"""A memo for one HTTP request: what the 三审 rules and Wagtail's page views read again and again
while building one admin page (the work under review, the page's workflow state, group membership).

The rules in review/rules.py are the security boundary, so the memo must never change what they
decide. It holds only while nothing has changed:

- it exists only inside an HTTP request (from Django's `request_started` to `request_finished`),
  starts empty, and is dropped at the end, so nothing is shared between requests or users;
- it stops for the rest of the request at the request's first statement that may change data
  (anything but a SELECT or a savepoint, writes to a few bookkeeping tables the rules never read
  excepted) and when a decision takes its row lock (`stop()`, review/decisions.py): from then on
  every read goes to the database, exactly as without the memo. A decision is therefore always
  checked against fresh reads, and a rolled-back write leaves nothing behind.

Outside a request (tests calling the rules directly, management commands, background jobs run by a
worker) there is no memo and every read goes to the database.
"""

import contextvars
import re

from django.core.signals import request_finished, request_started
from django.db import connections
from django.dispatch import receiver

# None: no memo (outside a request, or stopped). A dict: this request's memo.
_memo = contextvars.ContextVar("review_request_memo", default=None)

# Rows written on every visit of the edit view that no rule reads.
BOOKKEEPING_TABLES = frozenset(
    {"wagtailadmin_editingsession", "wagtailcore_pagesubscription", "django_session"}
)
_READ = re.compile(r"\s*\(*\s*SELECT\b(?!.*\bFOR\s+(?:NO\s+KEY\s+|KEY\s+)?(?:UPDATE|SHARE)\b)", re.I | re.S)
_SAVEPOINT = re.compile(r"\s*(?:SAVEPOINT|RELEASE\s+SAVEPOINT)\b", re.I)
_WRITE_TO = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)[`"]?[\s(]', re.I)


def changes_data(sql):
    """Whether a statement may change what the rules read (conservative: unknown means yes)."""
    if _READ.match(sql) or _SAVEPOINT.match(sql):
        return False
    written = _WRITE_TO.match(sql)
    return not (written and written.group(1).lower() in BOOKKEEPING_TABLES)


def active():
    return _memo.get() is not None


def remember(key, compute):
    """`compute()`, read once per request while the memo holds; every time otherwise (and for a key
    naming an unsaved object)."""
    memo = _memo.get()
    if memo is None or None in key:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def stop():
    """From here to the end of the request, every read goes to the database."""
    if (memo := _memo.get()) is not None:
        memo.clear()
        _memo.set(None)


def _watch(execute, sql, params, many, context):
    if _memo.get() is not None and changes_data(sql):
        stop()
    return execute(sql, params, many, context)


@receiver(request_started, dispatch_uid="review_memo_start")
def start(**kwargs):
    for connection in connections.all():
        # First in the list: a caller's `connection.execute_wrapper()` block pops the last one.
        if _watch not in connection.execute_wrappers:
            connection.execute_wrappers.insert(0, _watch)
    _memo.set({})


@receiver(request_finished, dispatch_uid="review_memo_finish")
def finish(**kwargs):
    stop()


# Wagtail's workflow state of a page ------------------------------------------------------------


def _open_workflow_states(base_content_type_id, object_id):
    from wagtail.models import WorkflowState

    def read():
        # What Wagtail's `current_workflow_state` reads (at most one row is open per object), with
        # what its admin asks of it next (its workflow, who submitted it).
        states = list(
            WorkflowState.objects.filter(base_content_type_id=base_content_type_id, object_id=object_id)
            .active()
            .select_related(
                "current_task_state__task", "current_task_state__revision", "workflow", "requested_by"
            )
            .order_by("pk")
        )
        for state in states:
            task_state = state.current_task_state
            if (
                state.status == WorkflowState.STATUS_IN_PROGRESS
                and task_state is not None
                and task_state.workflow_state_id == state.pk
            ):
                # Wagtail's `current_workflow_task_state` is this task state in its specific class:
                # link both to the rows just read, so that neither fetches them again.
                task_state.workflow_state = state
                specific = task_state.specific
                if specific is not task_state:
                    specific.workflow_state, specific.task = state, task_state.task
                    specific.revision = task_state.revision
        return states

    return remember(("open-workflow-states", base_content_type_id, object_id), read)


class OpenWorkflowStates:
    """Stands in for the list Wagtail's `prefetch_workflow_states()` leaves on a page
    (`_current_workflow_states`, read by `current_workflow_state` and `workflow_in_progress`): the
    page's open workflow states, read through the request's memo, so read again after any write."""

    def __init__(self, page):
        self._page = page

    def _states(self):
        # Keyed by what the page is now (an unsaved copy has no pk: it is not memoised).
        page = self._page
        object_id = None if page.pk is None else str(page.pk)
        return _open_workflow_states(page.get_base_content_type().pk, object_id)

    def __getitem__(self, index):
        return self._states()[index]

    def __len__(self):
        return len(self._states())

    def __iter__(self):
        return iter(self._states())


def read_workflow_state_once(page):
    """Let Wagtail's workflow properties of `page` (`current_workflow_state`, `workflow_in_progress`
    and what is built on them) read through the memo for this request. A page that already carries
    the states (Wagtail's own prefetch in listings) keeps them."""
    if active() and page.pk is not None and not hasattr(page, "_current_workflow_states"):
        page._current_workflow_states = OpenWorkflowStates(page)
    return page


def current_task_state(page):
    """`page.current_workflow_task_state` (the specific task state in progress, or None), read
    once per request while the memo holds."""
    return read_workflow_state_once(page).current_workflow_task_state
