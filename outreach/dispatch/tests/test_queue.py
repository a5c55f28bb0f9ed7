"""The dispatch queue and 我的派单: filters, overdue flags, a bounded number of queries at 3 and 30
requests, and who may see them; the request page's cost does not grow with its timeline."""

import datetime
import json

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Region
from outreach.dispatch.models import ServiceRequest, State

from .conftest import client_for, make_request

pytestmark = pytest.mark.django_db
QUEUE = "/admin/dispatch/"


def _fill(cast, n):
    states = [
        State.SUBMITTED,
        State.DISPATCHED,
        State.ACCEPTED,
        State.SCHEDULED,
        State.COMPLETED,
        State.CANCELLED,
    ]
    regions = list(Region.objects.filter(code__in=["150203", "150102", "152502"]))
    for i in range(n):
        state = states[i % len(states)]
        make_request(
            state=state,
            region=regions[i % len(regions)],
            expert=None if state == State.SUBMITTED else cast["materials"],
            organisation_name=f"示例单位{i}（演示）",
            dispatched_at=timezone.now(),
        )


@pytest.mark.parametrize("n", [3, 30])
def test_queue_queries_are_bounded(cast, django_assert_max_num_queries, n):
    _fill(cast, n)
    client = client_for(cast["dispatcher"])
    with django_assert_max_num_queries(25):
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert response.content.decode().count("示例单位") == n
    with django_assert_max_num_queries(25):
        assert client.get(QUEUE + "?state=open&league=150200&overdue=1").status_code == 200
    with django_assert_max_num_queries(30):  # a first admin page for this user: Wagtail reads more
        assert client_for(cast["materials"].user).get(QUEUE + "mine/").status_code == 200


def test_queue_costs_the_same_at_3_and_30_requests(cast):
    client = client_for(cast["dispatcher"])
    expert = client_for(cast["materials"].user)
    client.get(QUEUE), expert.get(QUEUE + "mine/")  # warm the sessions and Wagtail's per-user reads
    counts = []
    for n in (3, 27):
        _fill(cast, n)
        with CaptureQueriesContext(connection) as queue:
            client.get(QUEUE + "?state=open")
        with CaptureQueriesContext(connection) as mine:
            expert.get(QUEUE + "mine/")
        counts.append((len(queue), len(mine)))
    assert counts[0] == counts[1]


def test_filters_by_state_league_and_overdue(cast):
    long_ago = timezone.now() - datetime.timedelta(days=10)
    baotou = make_request(organisation_name="包头示例厂（演示）")
    hohhot = make_request(
        organisation_name="呼和浩特示例社区（演示）", region=Region.objects.get(code="150102")
    )
    late = make_request(
        organisation_name="迟迟未答复（演示）",
        state=State.DISPATCHED,
        expert=cast["materials"],
        dispatched_at=long_ago,
        region=Region.objects.get(code="150102"),
    )
    client = client_for(cast["dispatcher"])

    def shown(query):
        html = client.get(QUEUE + query).content.decode()
        return {r.organisation_name for r in (baotou, hohhot, late) if r.organisation_name in html}

    assert shown("?league=150200") == {baotou.organisation_name}
    assert shown("?league=150100") == {hohhot.organisation_name, late.organisation_name}
    assert shown("?state=dispatched") == {late.organisation_name}
    assert shown("?overdue=1") == {late.organisation_name}
    html = client.get(QUEUE).content.decode()
    assert "专家超过 3 天未答复" in html
    assert shown("?state=bogus&league=nowhere") == set()


def test_overdue_by_the_latest_date_and_after_acceptance(cast):
    past_latest = make_request(state=State.SUBMITTED)
    ServiceRequest.objects.filter(pk=past_latest.pk).update(
        earliest_date=timezone.localdate() - datetime.timedelta(days=5),
        latest_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    unscheduled = make_request(
        state=State.ACCEPTED,
        expert=cast["materials"],
        accepted_at=timezone.now() - datetime.timedelta(days=8),
    )
    fresh = make_request(state=State.ACCEPTED, expert=cast["materials"], accepted_at=timezone.now())
    overdue = set(ServiceRequest.objects.overdue().values_list("pk", flat=True))
    assert overdue == {past_latest.pk, unscheduled.pk}
    assert fresh.overdue_reasons() == []
    assert unscheduled.overdue_reasons() == ["接受后超过 7 天未排期"]


def test_only_administrators_see_the_queue_and_only_the_assigned_expert_a_request(cast):
    r = make_request(state=State.DISPATCHED, expert=cast["materials"])
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message
    for user in (cast["materials"].user, cast["nobody"]):
        response = client_for(user).get(QUEUE)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client_for(cast["materials"].user).get(f"{QUEUE}{r.pk}/").status_code == 200
    refused = client_for(cast["health"].user).get(f"{QUEUE}{r.pk}/")
    assert refused.status_code == 302 and r.organisation_name not in refused.content.decode()
    page = client_for(cast["dispatcher"]).get(f"{QUEUE}{r.pk}/")
    assert page.status_code == 200 and "取消" in page.content.decode()
    mine = client_for(cast["materials"].user).get(QUEUE + "mine/").content.decode()
    assert r.organisation_name in mine and "接受 / 婉拒" in mine
    assert r.organisation_name not in client_for(cast["health"].user).get(QUEUE + "mine/").content.decode()


def test_request_page_shows_suggestions_with_reasons_to_the_dispatcher(cast, new_request):
    html = client_for(cast["dispatcher"]).get(f"{QUEUE}{new_request.pk}/").content.decode()
    assert "推荐专家" in html and "擅长学科“材料”" in html and "同在昆都仑区" in html


def test_remind_dispatch_mails_once_per_deadline(cast):
    late = make_request(
        state=State.DISPATCHED,
        expert=cast["materials"],
        dispatched_at=timezone.now() - datetime.timedelta(days=5),
    )
    make_request(state=State.DISPATCHED, expert=cast["health"], dispatched_at=timezone.now())
    mail.outbox.clear()
    call_command("remind_dispatch", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast["materials"].user.email, cast["dispatcher"].email])
    assert all("逾期提醒" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    call_command("remind_dispatch", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert late.events.filter(action="remind").count() == 1


def test_menu_shows_the_queue_to_administrators_and_my_requests_to_experts(cast):
    def menu(user):
        html = client_for(user).get("/admin/").content.decode()
        # the sidebar is drawn from JSON in the page, where Chinese may be \u-escaped
        return {
            label for label in ("派单队列", "我的派单") if label in html or json.dumps(label)[1:-1] in html
        }

    assert menu(cast["dispatcher"]) == {"派单队列"}
    assert menu(cast["materials"].user) == {"我的派单"}
    assert menu(cast["nobody"]) == set()


def test_the_queue_permission_is_offered_in_the_group_editor(db):
    from wagtail import hooks

    offered = {
        f"{p.content_type.app_label}.{p.codename}"
        for hook in hooks.get_hooks("register_permissions")
        for p in hook()
    }
    assert "dispatch.change_servicerequest" in offered
