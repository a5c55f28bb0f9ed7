"""Nothing of an event that has not passed 三审 — a draft, one in review at each stage, one sent back,
one unpublished after being live, and the unreviewed new version of a live event — appears in the
index list, the calendar, the .ics feeds, 近期活动, sign-up, the poster, the sitemap or its own URL."""

import pytest

from django.urls import reverse
from django.utils import timezone

from outreach.events.models import EventPage
from outreach.events.upcoming import upcoming
from review import decisions
from review.models import Stage
from review.setup import ensure_review_workflows
from review.tests.conftest import build_cast, current_state
from review.tests.scenario import CHECKLIST, OPINION

from .factories import make_event, make_event_index

pytestmark = pytest.mark.django_db

MARKER = "机密活动草稿"
DAYS = 4  # every event starts this many days from now, so it is in the upcoming list


@pytest.fixture
def cast(site_tree):
    cast = build_cast(site_tree)
    cast["events"] = make_event_index(site_tree["home"])
    ensure_review_workflows(
        editors=cast["groups"]["编辑"], chief_editors=cast["groups"]["总编"], sections=[cast["events"]]
    )
    return cast


def unpublished(cast, label):
    return make_event(
        cast["events"],
        f"{MARKER}:{label}",
        days=DAYS,
        capacity=20,
        publish=False,
        owner=cast["creator"],
        disciplines=["safety"],
        audiences=["elderly"],
        regions=["150102"],
        summary=f"{MARKER} {label}",
    )


@pytest.fixture
def every_state(cast):
    cast["public"] = make_event(
        cast["events"], "已发布的防诈骗讲座", days=DAYS, capacity=20, audiences=["elderly"]
    )
    workflow, states = cast["workflow"], {"draft": unpublished(cast, "草稿")}
    for stage in Stage:
        event = unpublished(cast, f"审核中-{stage.value}")
        workflow.start(event, cast["creator"])
        if stage != Stage.EDITORIAL:
            decisions.act(current_state(event), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
            decisions.assign_experts(
                current_state(event),
                cast["editor2"],
                [cast["experts"]["expert_a"], cast["experts"]["expert_b"]],
            )
        if stage == Stage.FINAL:
            for name in ("expert_a", "expert_b"):
                decisions.record_opinion(current_state(event), cast[name], **OPINION)
        states[f"in review: {stage.label}"] = event
    sent_back = unpublished(cast, "退回修改")
    workflow.start(sent_back, cast["creator"])
    decisions.act(current_state(sent_back), cast["editor"], "reject", comment="请写明主办单位")
    states["sent back"] = sent_back
    withdrawn = make_event(cast["events"], f"{MARKER}:撤下", days=DAYS, capacity=20, audiences=["elderly"])
    withdrawn.unpublish()
    states["unpublished after being live"] = EventPage.objects.get(pk=withdrawn.pk)
    edited = make_event(cast["events"], "已发布的讲座", days=DAYS, capacity=20, audiences=["elderly"])
    edited.title = f"{MARKER}:已发布活动的新版本"
    edited.save_revision(user=cast["creator"])
    workflow.start(edited, cast["creator"])
    cast["edited"] = edited
    return states


def surfaces(cast):
    index = cast["events"].url
    month = timezone.localdate().strftime("%Y-%m")
    return {
        "index": index,
        "index filtered": index + "?audience=elderly&region=150100",
        "index, past": index + "?past=1",
        "calendar": index + f"?view=calendar&month={month}",
        "calendar, next month": index + "?view=calendar&month=" + _next_month(month),
        "feed": reverse("events:feed"),
        "feed filtered": reverse("events:feed") + "?audience=elderly",
        "sitemap": "/sitemap.xml",
        "home": cast["home"].url,
    }


def _next_month(month):
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def test_no_unreviewed_event_reaches_any_public_surface(client, cast, every_state):
    assert len(every_state) == 6
    for name, url in surfaces(cast).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        assert MARKER not in content, name
        for state, event in every_state.items():
            assert f"/{event.slug}/" not in content, (name, state)
    listed = {event.pk for event in upcoming(limit=50)}
    assert cast["public"].pk in listed and cast["edited"].pk in listed
    assert not listed & {event.pk for event in every_state.values()}
    assert all(MARKER not in event.title for event in upcoming(limit=50))


def test_no_unreviewed_event_has_a_page_signup_poster_or_file(client, cast, every_state):
    for state, event in every_state.items():
        for url in (
            f"{cast['events'].url}{event.slug}/",
            reverse("events:signup", args=[event.pk]),
            reverse("events:poster", args=[event.pk]),
            reverse("events:ics", args=[event.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 404, (state, url, response.status_code)
            assert MARKER not in response.content.decode()
        signup = client.post(
            reverse("events:signup", args=[event.pk]), {"name": "甲", "phone": "13800000000"}
        )
        assert signup.status_code == 404, state
    # The live event's new version waits in review: its page, poster and file show the reviewed one.
    edited = cast["edited"]
    for url in (edited.url, reverse("events:ics", args=[edited.pk])):
        response = client.get(url)
        assert response.status_code == 200 and MARKER not in response.content.decode(), url
