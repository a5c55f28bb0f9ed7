"""The cast of dispatch's tests: an administrator who dispatches, three experts (one with a published
speaker profile in 包头), a reader with admin access and no role, and a builder of requests."""

import datetime

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from articles.models import Audience, Discipline, Region
from outreach.dispatch.models import RequestEvent, ServiceRequest, State
from outreach.dispatch.notifications import tracking_token
from outreach.people.models import SpeakerProfile, SpeakerTopic
from review.models import ExpertProfile
from tests import factories


def _admin_user(username, *permissions):
    user = factories.UserFactory(username=username)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"), *permissions)
    return user


def _expert(username, name, *codes):
    user = _admin_user(username)
    profile = ExpertProfile.objects.create(
        user=user, name=name, title="研究员", affiliation="示例研究院（演示）"
    )
    profile.disciplines.set(Discipline.objects.filter(code__in=codes))
    return profile


@pytest.fixture
def cast(db):
    group = Group.objects.create(name="派单管理员")
    group.permissions.add(Permission.objects.get(codename="change_servicerequest"))
    dispatcher = _admin_user("dispatcher")
    dispatcher.groups.add(group)
    materials = _expert("expert1", "材料专家（演示）", "materials")
    health = _expert("expert2", "健康专家（演示）", "disease-prevention")
    other = _expert("expert3", "天文专家（演示）", "astronomy")
    speaker = SpeakerProfile.objects.create(
        expert=materials, publish_profile=True, region=Region.objects.get(code="150203")
    )
    SpeakerTopic.objects.create(
        speaker=speaker, topic="稀土新材料与产业工人安全", discipline=Discipline.objects.get(code="materials")
    )
    SpeakerProfile.objects.create(
        expert=other, publish_profile=False, region=Region.objects.get(code="150102")
    )
    return {
        "dispatcher": dispatcher,
        "materials": materials,
        "health": health,
        "other": other,
        "nobody": _admin_user("nobody"),
    }


def make_request(**fields):
    today = timezone.localdate()
    values = {
        "organisation_name": "示例稀土新材料有限公司（演示）",
        "organisation_type": "enterprise",
        "audience": Audience.objects.get(code="workers"),
        "topic": "稀土新材料与安全生产",
        "discipline": Discipline.objects.get(code="materials"),
        "earliest_date": today + datetime.timedelta(days=10),
        "latest_date": today + datetime.timedelta(days=30),
        "address": "示例路 1 号",
        "region": Region.objects.get(code="150203"),
        "expected_attendance": 80,
        "contact_name": "张联系（演示）",
        "contact_phone": "0472-1234567",
        "contact_email": "contact@example.org",
    }
    values.update(fields)
    service_request = ServiceRequest.objects.create(**values)
    RequestEvent.objects.create(
        request=service_request, action="submit", to_state=State.SUBMITTED, by_requester=True
    )
    return service_request


@pytest.fixture
def new_request(cast):
    return make_request()


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def track_url(service_request, suffix=""):
    return f"/zh-hans/outreach/requests/track/{tracking_token(service_request)}/{suffix}"


def act_url(service_request, action):
    return f"/admin/dispatch/{service_request.pk}/{action}/"
