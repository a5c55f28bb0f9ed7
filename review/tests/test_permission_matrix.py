"""Every workflow action URL × every role: the expected answer, and no state change when refused.

A crafted POST meets the same rules as the buttons: the rules live in review.rules and are checked
by every view and decision.
"""

import pytest

from django.urls import reverse

from wagtail.models import TaskState

from review.models import ReviewAction, ReviewOpinion, Stage

from .conftest import EDITORIAL_OK, OPINION_OK, action_url, current_state
from .scenario import advance_to

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "creator",
    "other_creator",
    "editor",
    "expert_a",  # assigned expert
    "unassigned",  # expert in the pool, not assigned
    "expert_c",  # assigned, then declared a conflict
    "conflicted",  # same affiliation as the creator
    "chief",
    "root",
]

# (stage, action, data) → the roles that may do it
CASES = {
    ("editorial", "approve"): {"editor", "root"},
    ("editorial", "reject"): {"editor", "root"},
    ("expert", "assign"): {"editor", "root"},
    ("expert", "opinion"): {"expert_a"},
    ("final", "approve"): {"chief", "root"},
    ("final", "reject"): {"chief", "root"},
}
DATA = {
    "approve": EDITORIAL_OK,
    "reject": {"comment": "请补充参考文献。"},
    "opinion": OPINION_OK,
}


def url_for(cast, state, action):
    if action == "assign":
        return reverse("review:assign", args=[state.pk])
    if action == "opinion":
        return reverse("review:opinion", args=[state.pk])
    return action_url(cast["work"], action, state)


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].split("?")[0] in REFUSED_REDIRECTS
    )


def snapshot(state):
    state.refresh_from_db()
    return (
        state.status,
        TaskState.objects.count(),
        ReviewOpinion.objects.count(),
        ReviewAction.objects.exclude(action="assign").count(),
        state.expert_assignments.count(),
    )


def who(cast, role):
    return None if role == "anonymous" else cast[role]


# Refusals: 403, or Wagtail's own answer for the admin (to the login page, or to the dashboard
# with an error message).
REFUSED_REDIRECTS = ("/admin/login/", "/admin/")


@pytest.fixture
def matrix_cast(cast):
    from .conftest import _expert, _user

    unassigned = _user("unassigned", cast["groups"]["专家"])
    _expert(unassigned, "赤峰学院(测试)", "safety")
    cast["unassigned"] = unassigned
    return cast


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("stage", "action"), list(CASES))
def test_action_matrix(client, matrix_cast, stage, action, role):
    cast = matrix_cast
    state = advance_to(cast, Stage(stage))
    user = who(cast, role)
    if user is not None:
        client.force_login(user)
    data = DATA.get(action)
    if action == "assign":  # someone not yet assigned, so that success changes state
        data = {"experts": [cast["unassigned"].expert_profile.pk]}
    if stage == "final" and action == "approve":
        data = {"comment": "同意。"}
    before = snapshot(state)
    response = client.post(url_for(cast, state, action), data)
    allowed = role in CASES[(stage, action)]
    if allowed:
        assert response.status_code == 302, response.content[:300]
        assert response["Location"].split("?")[0] not in REFUSED_REDIRECTS
        assert snapshot(state) != before
    else:
        assert refused(response)
        assert snapshot(state) == before


def test_gets_of_refused_pages_are_refused_too(client, matrix_cast):
    cast = matrix_cast
    state = advance_to(cast, Stage.EXPERT)
    client.force_login(cast["expert_c"])
    assert refused(client.get(reverse("review:opinion", args=[state.pk])))
    client.force_login(cast["expert_a"])
    assert client.get(reverse("review:opinion", args=[state.pk])).status_code == 200
    assert refused(client.get(reverse("review:assign", args=[state.pk])))


def test_task_state_of_another_work_cannot_be_smuggled_in(client, matrix_cast):
    """Wagtail's action view takes the page and the task state from the URL separately."""
    from tests import factories

    cast = matrix_cast
    state = advance_to(cast, Stage.EDITORIAL)
    other = factories.make_work(cast["works"], "另一篇", publish=False, owner=cast["editor"])
    cast["workflow"].start(other, cast["editor"])
    other_state = current_state(other)
    client.force_login(cast["editor"])
    # The editor may approve `cast["work"]` but not their own work `other`.
    response = client.post(action_url(cast["work"], "approve", other_state), EDITORIAL_OK)
    assert refused(response)
    other_state.refresh_from_db()
    assert other_state.status == TaskState.STATUS_IN_PROGRESS
    assert current_state(cast["work"]).pk == state.pk


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_final_stage_pages_follow_the_same_rules(client, matrix_cast, role, action):
    """The 终审 page of our own (the locked editor shows no action menu) refuses exactly like Wagtail's."""
    cast = matrix_cast
    state = advance_to(cast, Stage.FINAL)
    user = who(cast, role)
    if user is not None:
        client.force_login(user)
    before = snapshot(state)
    data = {"comment": "同意。"} if action == "approve" else DATA["reject"]
    response = client.post(reverse("review:decide", args=[state.pk, action]), data)
    if role in CASES[("final", action)]:
        assert response.status_code == 302 and not refused(response)
        assert snapshot(state) != before
    else:
        assert refused(response)
        assert snapshot(state) == before


# The pages that read the record: the trail of a work and its CSV (editors and the chief editor).
READERS_OF_THE_TRAIL = {"editor", "chief", "root"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", ["review:timeline", "review:timeline_csv"])
def test_the_trail_is_read_by_editors_only(client, matrix_cast, role, view):
    cast = matrix_cast
    advance_to(cast, Stage.FINAL)  # past 科学性审核: the trail holds system entries (quorum)
    user = who(cast, role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(view, args=[cast["work"].pk]))
    if role in READERS_OF_THE_TRAIL:
        assert response.status_code == 200
        assert "quorum" in response.content.decode() or "达到专家法定人数" in response.content.decode()
    else:
        assert refused(response)
