"""Volunteers: registration without an account (unique by normalised contact, rate-limited, mailed),
the administrator's decision, and assignments to events held by the model's rules."""

import datetime
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Discipline, Region
from outreach.events.tests.factories import make_event, make_event_index
from outreach.people import views
from outreach.people.models import Volunteer, VolunteerAssignment
from tests import factories

from .factories import make_volunteer

pytestmark = pytest.mark.django_db

JOIN = "people:volunteer_join"


def form_data(**changes):
    data = {
        "name": "高志愿（演示）",
        "phone": "139 0471 0001",
        "email": "",
        "region": str(Region.objects.get(code="150102").pk),
        "skills": "会讲解，会蒙古语",
        "service_days": ["weekends"],
        "availability": "每月第一个周六上午",
        "disciplines": [str(Discipline.objects.get(code="health").pk)],
        "consent_to_contact": "on",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_join_page_is_its_own_private_url_and_registration_thanks_and_mails(client, site_tree, mailoutbox):
    page = client.get(reverse(JOIN))
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "public" not in page.get("Cache-Control", "")
    response = client.post(reverse(JOIN), form_data(email="Gao@Example.org"))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:volunteer_thanks")
    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.PENDING
    assert (volunteer.phone_key, volunteer.email_key) == ("13904710001", "gao@example.org")
    assert volunteer.weekends and not volunteer.weekdays
    assert list(volunteer.disciplines.values_list("code", flat=True)) == ["health"]
    assert len(mailoutbox) == 1
    assert "志愿者" in mailoutbox[0].subject and mailoutbox[0].to == ["Gao@Example.org"]
    assert "高志愿（演示）" in mailoutbox[0].body
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"phone": "13904710001"}, {"phone": "+86 139-0471-0001"}),
        ({"phone": "", "email": "a@example.org"}, {"phone": "", "email": " A@EXAMPLE.org "}),
        (
            {"phone": "13904710001", "email": "a@example.org"},
            {"phone": "13800000000", "email": "a@example.org"},
        ),
    ],
)
def test_one_volunteer_per_contact_with_a_message_and_nothing_lost(client, site_tree, first, second):
    assert client.post(reverse(JOIN), form_data(**first)).status_code == 302
    response = client.post(reverse(JOIN), form_data(name="第二次（演示）", **second))
    html = response.content.decode()
    assert response.status_code == 400
    assert "已经报名过科普志愿者" in html
    assert "第二次（演示）" in html  # what was typed is still there
    assert Volunteer.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "", "email": ""}, "至少填写一项"),
        ({"phone": "12345"}, "11 位手机号"),
        ({"consent_to_contact": None}, "需要您同意"),
        ({"region": "abc"}, "请选择所在地区"),
        ({"name": "   "}, "请填写姓名"),
        ({"email": "not-an-address"}, "有效的电子邮箱"),
    ],
)
def test_bad_input_is_a_400_with_a_chinese_message(client, site_tree, changes, message):
    response = client.post(reverse(JOIN), form_data(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Volunteer.objects.exists()


def test_honeypot_refuses_bots(client, site_tree):
    assert client.post(reverse(JOIN), form_data(website="http://spam.example")).status_code == 400
    assert not Volunteer.objects.exists()


def test_registrations_are_rate_limited_per_address(client, site_tree):
    for i in range(views.REGISTRATIONS_PER_ADDRESS):
        assert client.post(reverse(JOIN), form_data(phone=f"1390471{i:04d}")).status_code == 302
    response = client.post(reverse(JOIN), form_data(phone="13904719999", name="太多次（演示）"))
    assert response.status_code == 429
    assert "太多次（演示）" in response.content.decode()
    assert Volunteer.objects.count() == views.REGISTRATIONS_PER_ADDRESS


def test_a_simultaneous_duplicate_meets_the_database_constraint(site_tree):
    from django.db import IntegrityError, transaction

    make_volunteer(phone="13904710001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Volunteer.objects.create(
            name="同时",
            phone="+8613904710001",
            region=Region.objects.get(code="150102"),
            consent_to_contact=True,
        )


# The administrator's decision ------------------------------------------------------------------


def _admin(username, codenames):
    user = factories.UserFactory(username=username)
    group = Group.objects.create(name=f"g-{username}")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    return user


def test_administrator_approves_and_the_volunteer_is_mailed(client, site_tree, mailoutbox):
    volunteer = make_volunteer("待审（演示）", status=Volunteer.Status.PENDING, email="v@example.org")
    manager = _admin("manager", ["change_volunteer", "view_volunteer"])
    client.force_login(manager)
    url = reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "approve", "note": "欢迎加入"})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED
    assert volunteer.decided_by == manager
    assert mailoutbox[-1].to == ["v@example.org"] and "欢迎加入" in mailoutbox[-1].body
    # Decided once: a second POST is refused with a message, the decision stands.
    again = client.post(url, {"action": "reject"})
    assert again.status_code == 400 and "已经审核过了" in again.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED


def test_rejection_and_a_missing_action(client, site_tree, mailoutbox):
    volunteer = make_volunteer(status=Volunteer.Status.PENDING, email="r@example.org", phone="")
    client.force_login(_admin("manager", ["change_volunteer"]))
    url = reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk])
    assert client.post(url, {"action": "delete-everything"}).status_code == 400
    assert client.post(url, {"action": "reject"}).status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.REJECTED
    assert "未能通过" in mailoutbox[-1].body


def test_only_those_allowed_to_change_volunteers_decide(client, site_tree):
    volunteer = make_volunteer(status=Volunteer.Status.PENDING)
    client.force_login(_admin("viewer", ["view_volunteer"]))
    url = reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk])
    assert client.post(url, {"action": "approve"}).status_code == 302  # Wagtail: to the dashboard
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.PENDING


# Assignments ------------------------------------------------------------------------------------


@pytest.fixture
def events(site_tree):
    index = make_event_index(site_tree["home"])
    past = make_event(index, "科普讲解（过去）", days=-3, hours=3)
    draft = make_event(index, "草稿活动", days=5, publish=False)
    return {"past": past, "draft": draft}


def _assignment_form(client, volunteer, event, hours=""):
    return client.post(
        reverse("wagtailsnippets_people_volunteerassignment:add"),
        {"volunteer": volunteer.pk, "event": event.pk, "role": "讲解", "hours": hours, "note": ""},
    )


def test_crafted_posts_cannot_assign_an_unapproved_volunteer_or_a_draft_event(client, events):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    approved = make_volunteer("已通过（演示）")
    pending = make_volunteer("待审（演示）", status=Volunteer.Status.PENDING)
    rejected = make_volunteer("未通过（演示）", status=Volunteer.Status.REJECTED)
    for volunteer in (pending, rejected):
        response = _assignment_form(client, volunteer, events["past"])
        assert response.status_code == 200 and "只能安排已通过审核的志愿者" in response.content.decode()
    response = _assignment_form(client, approved, events["draft"])
    assert "只能安排到已发布的活动" in response.content.decode()
    assert not VolunteerAssignment.objects.exists()
    assert _assignment_form(client, approved, events["past"], hours="3.5").status_code == 302
    assignment = VolunteerAssignment.objects.get()
    assert assignment.hours == Decimal("3.5") and assignment.recorded_by == root


@pytest.mark.parametrize(
    ("hours", "message"),
    [("-1", "不能为负数"), ("0", None), ("5", None), ("5.1", "最多 5.0 小时"), ("40", "最多 5.0 小时")],
)
def test_hours_within_the_event_length_plus_a_margin(client, events, hours, message):
    client.force_login(factories.UserFactory(username="root", is_superuser=True, is_staff=True))
    response = _assignment_form(client, make_volunteer(), events["past"], hours=hours)  # 3 h event: ≤ 5 h
    assert VolunteerAssignment.objects.exists() is (message is None)
    if message:
        assert response.status_code == 200
        assert message in response.content.decode()


def test_max_hours_for_a_multi_day_event(events):
    event = events["past"]
    event.end = event.start + datetime.timedelta(days=2)
    assert VolunteerAssignment.max_hours(event) == Decimal("50.0")


def test_those_who_decide_are_told_of_a_new_registration(client, site_tree, mailoutbox):
    manager = _admin("manager", ["change_volunteer"])
    _admin("bystander", ["view_volunteer"])
    assert client.post(reverse(JOIN), form_data()).status_code == 302
    volunteer = Volunteer.objects.get()
    to_managers = [m for m in mailoutbox if manager.email in m.to]
    assert len(mailoutbox) == 1 and len(to_managers) == 1
    assert reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk]) in to_managers[0].body


def test_admin_list_filters_by_league_and_refuses_a_duplicate_with_a_message(client, site_tree):
    client.force_login(factories.UserFactory(username="root", is_superuser=True, is_staff=True))
    make_volunteer("呼市志愿者（演示）", region="150102", phone="13904710001")
    make_volunteer("包头志愿者（演示）", region="150200")
    hohhot = Region.objects.get(code="150100")
    listing = client.get(reverse("wagtailsnippets_people_volunteer:list"), {"league": hohhot.pk})
    assert "呼市志愿者" in listing.content.decode() and "包头志愿者" not in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_people_volunteer:add"),
        {
            "name": "重复（演示）",
            "phone": "139-0471-0001",
            "email": "",
            "region": Region.objects.get(code="150102").pk,
            "skills": "",
            "availability": "",
            "consent_to_contact": "on",
        },
    )
    assert response.status_code == 200
    assert "已经报名过科普志愿者" in response.content.decode()
    assert Volunteer.objects.count() == 2
