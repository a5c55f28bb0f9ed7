"""A built record for tests: a creator with works in two years (one draft, one retracted, one
translated), an expert with review acts in every stage and dispatched talks, an editor, a volunteer
with recorded hours, and people whose figures must not leak into theirs."""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

from django.utils import timezone

from articles.models import Audience, Discipline, Region
from creators.models import CreatorProfile
from outreach.dispatch.models import OrganisationType, RequestEvent, ServiceRequest, State
from outreach.events.tests.factories import make_event, make_event_index
from outreach.people.models import Volunteer, VolunteerAssignment
from review.models import CaseStatus, CorrectionCase, ExpertProfile, ReviewAction
from tests import factories

ZONE = datetime.timezone(datetime.timedelta(hours=8))


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=ZONE)


def make_creator(username="creator", name="王晓明（演示）", affiliation="示例大学（演示）"):
    user = factories.UserFactory(username=username, email=f"{username}@example.org")
    CreatorProfile.objects.create(
        user=user,
        real_name=name,
        affiliation=affiliation,
        terms_accepted_at=timezone.now(),
        email_verified_at=timezone.now(),
    )
    return user


def make_expert(username="expert", name="李华（演示）", affiliation="示例研究所（演示）"):
    user = factories.UserFactory(username=username, email=f"{username}@example.org")
    ExpertProfile.objects.create(user=user, name=name, affiliation=affiliation)
    return user


def act(user, stage, action, when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return ReviewAction.objects.create(
            page_title="（保密稿件标题）", stage=stage, user=user, action=action
        )


def talk(expert_user, *, state, dispatched, completed=None, attendance=None, phone="13800000001"):
    request = ServiceRequest.objects.create(
        organisation_name="示例化工厂（演示）",
        organisation_type=OrganisationType.ENTERPRISE,
        audience=Audience.objects.get(code="workers"),
        topic="危险化学品安全",
        discipline=Discipline.objects.order_by("pk").first(),
        earliest_date=dispatched.date(),
        latest_date=dispatched.date() + datetime.timedelta(days=30),
        address="包头市昆都仑区示例路 1 号",
        region=Region.objects.get(code="150200"),
        expected_attendance=100,
        contact_name="赵联系（演示）",
        contact_phone=phone,
        contact_email="contact@example.org",
        state=state,
        expert=expert_user.expert_profile,
        dispatched_at=dispatched,
        completed_at=completed,
        attendance=attendance,
    )
    RequestEvent.objects.create(
        request=request,
        action=RequestEvent.Action.DISPATCH,
        from_state=State.SUBMITTED,
        to_state=State.DISPATCHED,
        expert=expert_user.expert_profile,
        at=dispatched,
    )
    return request


def build():
    home, works, _news = factories.make_site()
    creator = make_creator()
    other_creator = make_creator("other", "张三（演示）", "另一单位（演示）")
    expert = make_expert()
    editor = factories.UserFactory(username="editor", first_name="编辑", last_name="赵")

    published = [
        factories.make_work(works, "冬季取暖防范一氧化碳中毒", owner=creator, published_at=at(2025, 3, 1)),
        factories.make_work(works, "沙尘暴来临时怎样防护", owner=creator, published_at=at(2026, 4, 2)),
        factories.make_work(works, "草原鼠害与生态平衡", owner=creator, published_at=at(2026, 6, 3)),
    ]
    translated = factories.make_translation(published[1], "mn", title="沙尘暴防护（蒙古文）")
    factories.make_work(works, "尚未发布的稿件", owner=creator, publish=False)
    retracted = factories.make_work(works, "被撤稿的作品", owner=creator, published_at=at(2026, 2, 1))
    CorrectionCase.objects.create(page=retracted, problem="数据错误", status=CaseStatus.RETRACTED)
    factories.make_work(works, "他人的作品", owner=other_creator, published_at=at(2026, 5, 5))

    acts = [
        act(expert, "expert", "opinion", at(2025, 11, 1)),
        act(expert, "expert", "opinion", at(2026, 1, 5)),
        act(expert, "expert", "opinion", at(2026, 7, 9)),
        act(expert, "expert", "reject", at(2026, 8, 9)),
        act(expert, "correction", "verify", at(2026, 8, 10)),  # not a 三审 act
        act(editor, "editorial", "approve", at(2026, 3, 3)),
        act(editor, "editorial", "reject", at(2026, 3, 4)),
        act(editor, "editorial", "assign", at(2026, 3, 5)),  # an errand, not a review
        act(editor, "final", "approve", at(2025, 12, 31, 23)),
    ]

    talks = [
        talk(
            expert, state=State.COMPLETED, dispatched=at(2026, 3, 1), completed=at(2026, 3, 20), attendance=80
        ),
        talk(
            expert,
            state=State.COMPLETED,
            dispatched=at(2025, 10, 1),
            completed=at(2025, 10, 20),
            attendance=40,
        ),
        talk(expert, state=State.DISPATCHED, dispatched=at(2026, 9, 1)),
    ]

    return SimpleNamespace(
        home=home,
        works=works,
        creator=creator,
        other_creator=other_creator,
        expert=expert,
        editor=editor,
        published=published,
        translated=translated,
        retracted=retracted,
        acts=acts,
        talks=talks,
    )


def add_volunteer(scenario):
    """An approved volunteer with hours recorded at two events and none yet at a third."""
    volunteer = Volunteer.objects.create(
        name="孙志愿（演示）",
        phone="13900000009",
        email="volunteer@example.org",
        region=Region.objects.get(code="150100"),
        status=Volunteer.Status.APPROVED,
    )
    index = make_event_index(scenario.home)
    events = [
        make_event(index, "科技活动周开放日", start=at(2026, 5, 20, 9), hours=4),
        make_event(index, "全国科普日展览", start=at(2026, 9, 16, 9), hours=4),
        make_event(index, "校园科技节", start=at(2025, 10, 12, 9), hours=4),
    ]
    assignments = [
        VolunteerAssignment.objects.create(
            volunteer=volunteer, event=events[0], role="讲解", hours=Decimal("3.5")
        ),
        VolunteerAssignment.objects.create(
            volunteer=volunteer, event=events[1], role="引导", hours=Decimal("2")
        ),
        VolunteerAssignment.objects.create(volunteer=volunteer, event=events[2], role="签到", hours=None),
    ]
    scenario.volunteer, scenario.events, scenario.assignments = volunteer, events, assignments
    return scenario
