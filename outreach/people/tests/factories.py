"""Builders for people's tests: experts with speaker profiles, teams, volunteers."""

import itertools

from articles.models import Discipline, Region
from outreach.people.models import SpeakerProfile, SpeakerTopic, Team, TeamMembership, Volunteer
from review.models import ExpertProfile
from tests import factories

_numbers = itertools.count(1)


def make_speaker(
    name=None,
    *,
    region="150102",
    disciplines=("health",),
    topics=("冬季一氧化碳中毒预防",),
    bio=None,
    **consent,
):
    """An expert (user and ExpertProfile) with a speaker profile; consent flags default to all given."""
    n = next(_numbers)
    user = factories.UserFactory(username=f"speaker{n}")
    expert = ExpertProfile.objects.create(
        user=user, name=name or f"专家{n}", title="副主任医师", affiliation=f"示例医院{n}（演示）"
    )
    expert.disciplines.set(Discipline.objects.filter(code__in=disciplines))
    flags = {"publish_profile": True, "publish_photo": True, "publish_bio": True, "publish_affiliation": True}
    flags.update(consent)
    speaker = SpeakerProfile.objects.create(
        expert=expert,
        region=Region.objects.filter(code=region).first(),
        bio=bio if bio is not None else f"长期从事基层健康科普的专家{n}。",
        **flags,
    )
    for topic in topics:
        SpeakerTopic.objects.create(speaker=speaker, topic=topic, discipline=expert.disciplines.first())
    return speaker


def make_team(name="呼和浩特市科普讲师团", kind=Team.Kind.LECTURERS, members=(), slug=None):
    team = Team.objects.create(name=name, kind=kind, slug=slug or f"team-{next(_numbers)}")
    for i, speaker in enumerate(members):
        role = TeamMembership.Role.LEADER if i == 0 else TeamMembership.Role.MEMBER
        TeamMembership.objects.create(team=team, expert=speaker.expert, role=role, sort_order=i)
    return team


def make_volunteer(name="志愿者", status=Volunteer.Status.APPROVED, region="150102", **fields):
    n = next(_numbers)
    fields.setdefault("phone", f"139{n:08d}")
    return Volunteer.objects.create(
        name=name,
        status=status,
        region=Region.objects.get(code=region),
        consent_to_contact=True,
        **fields,
    )
