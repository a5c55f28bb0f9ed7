"""What the public may see of teams and speakers: the one place that reads the consent flags.

A speaker appears only with publish_profile (and while in the expert pool); the photo, bio and
affiliation each only with their own flag. Views and templates get a PublicSpeaker, never the
model, so a field the expert did not agree to publish cannot reach a page by a template's slip.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from media.renditions import prefetch_renditions

from .models import SpeakerProfile, SpeakerTopic, Team, TeamMembership


@dataclass(frozen=True)
class PublicSpeaker:
    expert_id: int
    name: str
    title: str
    region: str
    disciplines: tuple
    topics: tuple
    affiliation: str = ""
    bio: str = ""
    photo: object = None
    teams: tuple = field(default=())


def published_speakers():
    return SpeakerProfile.objects.filter(publish_profile=True, expert__is_active=True)


def _speakers_with_details(queryset):
    return queryset.select_related("expert", "region__parent", "photo").prefetch_related(
        "expert__disciplines",
        Prefetch("topics", queryset=SpeakerTopic.objects.order_by("sort_order", "pk")),
    )


def public_face(speaker, teams=()):
    """The consented part of `speaker` (a SpeakerProfile with publish_profile)."""
    region = speaker.region
    if region is not None and region.parent_id and region.level == region.Level.COUNTY:
        region_name = f"{region.parent.name}{region.name}"
    else:
        region_name = region.name if region is not None else ""
    return PublicSpeaker(
        expert_id=speaker.expert_id,
        name=speaker.expert.name,
        title=speaker.expert.title,
        region=region_name,
        disciplines=tuple(d.name for d in speaker.expert.disciplines.all()),
        topics=tuple(t.topic for t in speaker.topics.all()),
        affiliation=speaker.expert.affiliation if speaker.publish_affiliation else "",
        bio=speaker.bio if speaker.publish_bio else "",
        photo=speaker.photo if speaker.publish_photo else None,
        teams=tuple(teams),
    )


def speaker(expert_id):
    """The PublicSpeaker of expert `expert_id`, or None when they did not agree to a public page."""
    found = _speakers_with_details(published_speakers().filter(expert_id=expert_id)).first()
    if found is None:
        return None
    memberships = (
        TeamMembership.objects.filter(expert_id=expert_id)
        .select_related("team")
        .order_by("team__kind", "team__name")
    )
    teams = [(m.team.name, m.team.slug, m.get_role_display()) for m in memberships]
    face = public_face(found, teams)
    prefetch_renditions([face.photo])
    return face


def teams_by_kind():
    """[(kind label, [(team, published member count)])] in the order of Team.Kind."""
    teams = list(Team.objects.select_related("region").prefetch_related(_published_memberships()))
    groups = []
    for kind, label in Team.Kind.choices:
        rows = [(team, len(team.published)) for team in teams if team.kind == kind]
        if rows:
            groups.append((label, rows))
    return groups


def _published_memberships():
    return Prefetch(
        "memberships",
        queryset=TeamMembership.objects.filter(
            expert__speaker__publish_profile=True, expert__is_active=True
        ).order_by("sort_order", "pk"),
        to_attr="published",
    )


ROLE_ORDER = {TeamMembership.Role.LEADER: 0, TeamMembership.Role.DEPUTY: 1, TeamMembership.Role.MEMBER: 2}


def team(slug):
    """(team, [(role label, PublicSpeaker)], members not shown) for the team page, or None."""
    found = Team.objects.select_related("region").filter(slug=slug).first()
    if found is None:
        return None
    memberships = list(found.memberships.select_related("expert").order_by("sort_order", "pk"))
    published = {
        s.expert_id: s
        for s in _speakers_with_details(
            published_speakers().filter(expert_id__in=[m.expert_id for m in memberships])
        )
    }
    members = [
        (m.get_role_display(), public_face(published[m.expert_id]))
        for m in sorted(memberships, key=lambda m: ROLE_ORDER.get(m.role, 9))
        if m.expert_id in published
    ]
    prefetch_renditions([face.photo for _role, face in members])
    return found, members, len(memberships) - len(members)
