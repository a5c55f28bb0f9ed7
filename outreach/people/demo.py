"""The people part of the demo (outreach/demo.py): lecturers with their accounts, speaker profiles for
them and the review experts, the three teams, volunteers and their hours at past demo events. Content
in data/demo.toml; idempotent (everything is looked up before it is made)."""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import Discipline, Region
from outreach.events.models import EventPage
from review.models import ExpertProfile

from .models import (
    SpeakerProfile,
    SpeakerTopic,
    SpeakerUnavailability,
    Team,
    TeamMembership,
    Volunteer,
    VolunteerAssignment,
)

DATA = Path(__file__).parent / "data" / "demo.toml"
CONSENT = ("publish_profile", "publish_photo", "publish_bio", "publish_affiliation")


def load(context):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    _grant_editors(context.groups)
    users = dict(context.users)
    for item in data["lecturers"]:
        users[item["username"]] = _lecturer(item, context)
    speakers = {}
    for item in [*data["lecturers"], *data["experts"]]:
        speakers[item["username"]] = _speaker(users[item["username"]].expert_profile, item)
    for item in data["teams"]:
        _team(item, users)
    volunteers = {item["key"]: _volunteer(item, users.get("admin")) for item in data["volunteers"]}
    assigned = _assignments(data["assignments"], volunteers, users.get("admin"))
    context.users.update(users)
    context.shared["speakers"] = speakers
    context.shared["volunteers"] = volunteers
    context.stdout.write(
        f"People: {len(speakers)} speaker profiles, {len(data['teams'])} teams, {len(volunteers)} volunteers, "
        f"{assigned} volunteer assignments. Lecturer logins: "
        f"{', '.join(item['username'] for item in data['lecturers'])} (the demo users' password)."
    )


def _grant_editors(groups):
    """The editors look after teams, speakers and volunteers (approving volunteers included)."""
    permissions = Permission.objects.filter(
        content_type__app_label="people",
        codename__in=[
            f"{action}_{model}"
            for action in ("add", "change", "view")
            for model in ("team", "speakerprofile", "volunteer", "volunteerassignment")
        ],
    )
    for key in ("editors", "chief-editors"):
        if key in groups:
            groups[key].permissions.add(*permissions)


def _lecturer(item, context):
    User = get_user_model()
    user = User.objects.filter(username=item["username"]).first()
    if user is None:
        user = User(
            username=item["username"],
            email=f"{item['username']}@example.org",
            last_name=item["family"],
            first_name=item["given"],
        )
        # The demo password without importing home (a layer above): the review expert's hash.
        user.password = context.users["expert"].password
        user.save()
        context.created["users"] = context.created.get("users", 0) + 1
    user.groups.add(context.groups["experts"])
    profile, created = ExpertProfile.objects.get_or_create(
        user=user, defaults={"name": item["name"], "title": item["title"], "affiliation": item["affiliation"]}
    )
    if created:
        profile.disciplines.set(Discipline.objects.filter(code__in=item["disciplines"]))
    user.expert_profile = profile
    return user


def _speaker(expert, item):
    speaker = SpeakerProfile.objects.filter(expert=expert).first()
    if speaker is not None:
        return speaker
    speaker = SpeakerProfile.objects.create(
        expert=expert,
        bio=item.get("bio", ""),
        region=Region.objects.get(code=item["region"]),
        accepting_talks=item.get("accepting_talks", True),
        max_talks_per_month=item.get("max_talks_per_month", 4),
        **{flag: item.get(flag, True) for flag in CONSENT},
    )
    disciplines = {
        d.code: d for d in Discipline.objects.filter(code__in=[code for _t, code in item["topics"]])
    }
    for order, (topic, code) in enumerate(item["topics"]):
        SpeakerTopic.objects.create(
            speaker=speaker, topic=topic, discipline=disciplines.get(code), sort_order=order
        )
    today = timezone.localdate()
    for start, end, note in item.get("unavailable", []):
        SpeakerUnavailability.objects.create(
            speaker=speaker,
            start=today + datetime.timedelta(days=start),
            end=today + datetime.timedelta(days=end),
            note=note,
        )
    return speaker


def _team(item, users):
    team, _created = Team.objects.get_or_create(
        slug=item["slug"],
        defaults={
            "kind": item["kind"],
            "name": item["name"],
            "region": Region.objects.filter(code=item.get("region", "")).first(),
            "description": item["description"],
        },
    )
    for order, (username, role) in enumerate(item["members"]):
        TeamMembership.objects.get_or_create(
            team=team, expert=users[username].expert_profile, defaults={"role": role, "sort_order": order}
        )
    return team


def _volunteer(item, decider):
    phone, email = item.get("phone", ""), item.get("email", "")
    found = Volunteer.objects.filter(phone_key=phone).first() if phone else None
    found = found or (Volunteer.objects.filter(email_key=email).first() if email else None)
    if found is not None:
        return found
    decided = item["status"] != Volunteer.Status.PENDING
    volunteer = Volunteer.objects.create(
        name=item["name"],
        phone=phone,
        email=email,
        region=Region.objects.get(code=item["region"]),
        skills=item["skills"],
        weekdays=item["weekdays"],
        weekends=item["weekends"],
        consent_to_contact=True,
        status=item["status"],
        decided_by=decider if decided else None,
        decided_at=timezone.now() if decided else None,
        decision_note=item.get("note", ""),
    )
    volunteer.disciplines.set(Discipline.objects.filter(code__in=item["disciplines"]))
    return volunteer


def _assignments(items, volunteers, recorder):
    past = list(EventPage.objects.live().filter(end__lt=timezone.now()).order_by("start"))
    made = 0
    for item in items:
        if item["event"] >= len(past):
            continue  # fewer past events in the demo than the data expects
        event = past[item["event"]]
        hours = min(Decimal(str(item["hours"])), VolunteerAssignment.max_hours(event))
        assignment = VolunteerAssignment.objects.filter(
            volunteer=volunteers[item["volunteer"]], event=event
        ).first()
        if assignment is None:
            assignment = VolunteerAssignment(
                volunteer=volunteers[item["volunteer"]],
                event=event,
                role=item["role"],
                hours=hours,
                recorded_by=recorder,
                recorded_at=timezone.now(),
            )
            assignment.full_clean()  # the demo meets the same rules as the admin
            assignment.save()
        made += 1
    return made
