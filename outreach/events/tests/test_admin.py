"""Admin: an event's sign-ups listed and exported as CSV (not editable there), event reports filed
by editors without review; and a venue's page listing its coming events (venues' hook)."""

import csv
import io

import pytest

from django.contrib.auth.models import Group, Permission

from outreach.events import signups
from outreach.events.models import EventReport, SignUp
from outreach.venues.tests.factories import make_venue, make_venue_index
from tests.factories import UserFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    group = Group.objects.create(name="活动编辑")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_signup",
                "change_signup",
                "delete_signup",
                "add_eventreport",
                "change_eventreport",
                "view_eventreport",
            ]
        )
    )
    user = UserFactory(username="events-editor")
    user.groups.add(group)
    return user


def test_signups_of_one_event_listed_and_exported_as_csv(client, index, editor):
    event, other = (
        make_event(index, "草原防火讲座", capacity=1, days=3),
        make_event(index, "别的活动", capacity=5, days=4),
    )
    signups.take(event, "甲（演示）", phone="13800000001")
    signups.take(event, "乙（演示）", email="b@example.org")
    signups.take(other, "丙（演示）", phone="13800000003")
    client.force_login(editor)
    listing = client.get(f"/admin/event_signups/?event={event.pk}")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "甲（演示）" in html and "乙（演示）" in html and "丙（演示）" not in html
    export = client.get(f"/admin/event_signups/?event={event.pk}&export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 3  # the header and the event's two sign-ups
    assert {row[1] for row in rows[1:]} == {"甲（演示）", "乙（演示）"}
    assert any("13800000001" in row for row in rows[1:])


def test_signups_are_not_edited_or_deleted_in_the_admin(client, index, editor):
    event = make_event(index, capacity=1, days=3)
    first = signups.take(event, "甲", phone="13800000001").signup
    signups.take(event, "乙", phone="13800000002")
    client.force_login(editor)
    assert client.get(f"/admin/event_signups/edit/{first.pk}/").status_code in (302, 403)
    client.post(f"/admin/event_signups/edit/{first.pk}/", {"status": "cancelled"})
    client.post(f"/admin/event_signups/delete/{first.pk}/")
    assert SignUp.objects.get(pk=first.pk).status == "confirmed"


def test_an_editor_files_a_report_without_review(client, index, editor):
    event = make_event(index, "已结束的讲座", days=-2)
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/events/eventreport/add/",
        {
            "event": event.pk,
            "participants": "120",
            "summary": "讲解一氧化碳中毒的预防，现场演示报警器安装。",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = EventReport.objects.get(event=event)
    assert report.participants == 120
    assert "120" not in client.get(event.url).content.decode()  # the report stays off the page


def test_a_venue_page_lists_its_coming_events(client, site_tree, index):
    venue = make_venue(make_venue_index(site_tree["home"]))
    make_event(index, "科技馆里的天文夜", days=5, venue=venue)
    make_event(index, "已结束的展览", days=-5, venue=venue)
    make_event(index, "别处的讲座", days=5)
    html = client.get(venue.url).content.decode()
    assert "这里的近期活动" in html and "科技馆里的天文夜" in html
    assert "已结束的展览" not in html and "别处的讲座" not in html


def test_the_admin_lists_open(client, index, editor):
    event = make_event(index, "已结束的讲座", days=-2, campaign="science-day")
    EventReport.objects.create(event=event, participants=45, summary="现场问答踊跃。")
    signup = signups.take(make_event(index, capacity=3, days=2), "甲（演示）", phone="13800000001").signup
    client.force_login(editor)
    reports = client.get("/admin/snippets/events/eventreport/?event__campaign=" + str(event.campaign_id))
    assert reports.status_code == 200 and "已结束的讲座" in reports.content.decode()
    assert client.get(f"/admin/event_signups/inspect/{signup.pk}/").status_code == 200
