"""Object-level access over every creator URL: creator B, changing an id in any URL, can never
read, change, withdraw or see the review of creator A's work, whatever state it is in.

Every URL in creators/urls.py must be listed below in exactly one class, so a new URL cannot
be added without deciding how it is protected.
"""

import pytest

from django.urls import reverse

from wagtail.models import Revision, WorkflowState

from creators.urls import urlpatterns
from review import decisions
from review.models import ReviewAction
from review.tests.conftest import current_state
from tests import factories

from .creators import form_data

pytestmark = pytest.mark.django_db

# URLs naming a work by its id: the owner only; anyone else gets 404 (as for no such work).
WORK_URLS = {"edit_work", "withdraw", "work_review", "request_edit"}
# URLs that act on the logged-in creator only (no id in them).
OWN_ACCOUNT_URLS = {
    "my_works",
    "new_work",
    "profile",
    "change_email",
    "change_password",
    "logout",
}
# Public or token-guarded: the token, signed or single-use, is the access check (tested with them).
TOKEN_URLS = {"verify", "password_reset_confirm", "confirm_email"}
PUBLIC_URLS = {"home", "register", "login", "password_reset"}
PRIVATE_TEXT = "只属于作者甲的草稿内容"


def test_every_creator_url_is_classified():
    names = {pattern.name for pattern in urlpatterns}
    classes = [WORK_URLS, OWN_ACCOUNT_URLS, TOKEN_URLS, PUBLIC_URLS]
    assert names == set().union(*classes)
    assert sum(len(c) for c in classes) == len(names)  # each in one class only
    with_ids = {p.name for p in urlpatterns if "pk" in p.pattern.converters}
    assert with_ids == WORK_URLS


def snapshot(work):
    work.refresh_from_db()
    states = WorkflowState.objects.filter(object_id=str(work.pk)).values_list("status", flat=True)
    return (
        work.title,
        work.live,
        work.live_revision_id,
        Revision.objects.filter(object_id=str(work.pk)).count(),
        sorted(states),
        ReviewAction.objects.filter(page=work).count(),
    )


@pytest.fixture
def victims(portal, cast):
    """Creator A's works in every state a portal URL could act on."""
    index = cast["works"]
    works = {}
    for label in ("草稿", "审核中", "退回修改", "已发布"):
        works[label] = factories.make_work(
            index,
            f"{PRIVATE_TEXT}{label}",
            publish=label == "已发布",
            owner=cast["creator"],
            summary=PRIVATE_TEXT,
        )
    for label in ("审核中", "退回修改"):
        cast["workflow"].start(works[label], cast["creator"])
    decisions.act(current_state(works["退回修改"]), cast["editor"], "reject", comment="请补充参考资料")
    return works


def test_another_creator_reaches_none_of_them_by_any_id_url(client, cast, victims):
    client.force_login(cast["other_creator"])
    missing = max(work.pk for work in victims.values()) + 1000
    for name in sorted(WORK_URLS):
        for label, work in victims.items():
            before = snapshot(work)
            for method in ("get", "post"):
                response = getattr(client, method)(
                    reverse(f"creators:{name}", args=[work.pk]),
                    form_data(cast, title="篡改") if method == "post" else None,
                )
                assert response.status_code in (404, 405), (name, label, method, response.status_code)
                assert PRIVATE_TEXT not in response.content.decode(), (name, label, method)
            assert snapshot(work) == before, (name, label)
        # An id that names no work answers the same: nobody learns which ids exist.
        for method in ("get", "post"):
            assert getattr(client, method)(reverse(f"creators:{name}", args=[missing])).status_code in (
                404,
                405,
            )


def test_own_account_urls_never_show_another_creators_works(client, cast, victims):
    client.force_login(cast["other_creator"])
    for name in sorted(OWN_ACCOUNT_URLS - {"logout"}):
        response = client.get(reverse(f"creators:{name}"))
        assert response.status_code == 200, name
        assert PRIVATE_TEXT not in response.content.decode(), name


def test_the_owner_reaches_each_of_them(portal, victims):
    for label, work in victims.items():
        response = portal.get(reverse("creators:work_review", args=[work.pk]))
        assert response.status_code == 200 and PRIVATE_TEXT in response.content.decode(), label
