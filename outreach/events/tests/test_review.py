"""Events are reviewed like works: nobody publishes one by hand, not even a superuser; a 三审 pass
publishes it and credits its reviewers; experts are matched by the event's disciplines."""

import pytest

from django.core.exceptions import PermissionDenied

from outreach.events.models import EventPage
from review import decisions
from review.setup import ensure_review_workflows
from review.tests.conftest import build_cast, current_state
from review.tests.scenario import CHECKLIST, OPINION
from tests.admin_forms import page_form_data

from .factories import make_event, make_event_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(site_tree):
    cast = build_cast(site_tree)
    cast["events"] = make_event_index(site_tree["home"])
    ensure_review_workflows(
        editors=cast["groups"]["编辑"], chief_editors=cast["groups"]["总编"], sections=[cast["events"]]
    )
    return cast


def draft_event(cast):
    return make_event(
        cast["events"],
        "冬季取暖防范一氧化碳中毒讲座",
        days=10,
        publish=False,
        owner=cast["creator"],
        disciplines=["safety"],
    )


def test_a_superuser_cannot_publish_an_event(cast):
    event = draft_event(cast)
    assert not event.permissions_for_user(cast["root"]).can_publish()
    assert not cast["events"].permissions_for_user(cast["root"]).can_publish_subpage()
    revision = event.save_revision(user=cast["root"])
    with pytest.raises(PermissionDenied):
        revision.publish(user=cast["root"])
    assert not EventPage.objects.get(pk=event.pk).live


def test_a_superuser_publish_through_the_admin_is_refused(client, cast):
    event = draft_event(cast)
    client.force_login(cast["root"])
    data = page_form_data(event, cast["root"])
    data["action-publish"] = "action-publish"
    client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert not EventPage.objects.get(pk=event.pk).live


def test_three_reviews_publish_the_event_and_credit_the_reviewers(client, cast):
    event = draft_event(cast)
    cast["workflow"].start(event, cast["creator"])
    decisions.act(current_state(event), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    assert not EventPage.objects.get(pk=event.pk).live
    # The experts suggested for an event are matched by its disciplines (应急与安全).
    ranked = decisions.suggestions(current_state(event))
    matched = {entry["profile"].pk for entry in ranked if entry["match"]}
    assert cast["experts"]["expert_a"].pk in matched and cast["experts"]["expert_b"].pk in matched
    decisions.assign_experts(
        current_state(event), cast["editor2"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    for name in ("expert_a", "expert_b"):
        decisions.record_opinion(current_state(event), cast[name], **OPINION)
    assert not EventPage.objects.get(pk=event.pk).live  # 终审 still to come
    decisions.act(current_state(event), cast["chief"], "approve", comment="同意发布")
    live = EventPage.objects.get(pk=event.pk)
    assert live.live
    assert [reviewer["name"] for reviewer in live.review_credit["reviewers"]] == ["expert_a", "expert_b"]
    assert client.get(live.url).status_code == 200


def test_an_editor_creates_an_event_in_the_admin_as_a_draft_and_bad_dates_are_refused(client, cast):
    import datetime

    from django.utils import timezone

    from outreach.events.models import EventPage as Event

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    new = Event(
        title="草原防火讲座",
        slug="grassland-fire",
        summary="讲解草原火灾的成因与避险。",
        start=start,
        end=start - datetime.timedelta(hours=1),
        organizer="示例科协（演示）",
        address="锡林浩特市示例路 1 号",
    )
    client.force_login(cast["editor"])
    url = f"/admin/pages/add/events/eventpage/{cast['events'].pk}/"
    refused = client.post(url, page_form_data(new, cast["editor"], parent=cast["events"]))
    assert refused.status_code == 200
    assert "结束时间不能早于开始时间" in refused.content.decode()
    assert not Event.objects.filter(slug="grassland-fire").exists()
    new.end = start + datetime.timedelta(hours=2)
    data = page_form_data(new, cast["editor"], parent=cast["events"])
    data["action-publish"] = "action-publish"  # asked for, and not granted: a new event starts as a draft
    client.post(url, data)
    created = Event.objects.get(slug="grassland-fire")
    assert not created.live
