"""Which public pages of people a change makes stale. The pages are cached publicly (caching/policy.py)
and people sits below caching, so it says which paths changed through a signal: `public_pages_changed`
(sender: the model, paths: language-prefixed paths such as /zh-hans/outreach/teams/). caching
connects to it and purges them on commit, so a withdrawn consent leaves no copy behind."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.urls import reverse
from django.utils import translation

from review.models import ExpertProfile

from .models import SpeakerProfile, SpeakerTopic, Team, TeamMembership

public_pages_changed = Signal()


def paths(team_slugs=(), expert_ids=()):
    """The paths, in every language, of the teams list, the teams `team_slugs` and the experts."""
    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.append(reverse("people:teams"))
            found += [reverse("people:team", args=[slug]) for slug in team_slugs if slug]
            found += [reverse("people:expert", args=[expert_id]) for expert_id in expert_ids]
    return list(dict.fromkeys(found))


def _teams_of(expert_id):
    return list(TeamMembership.objects.filter(expert_id=expert_id).values_list("team__slug", flat=True))


def _announce(sender, team_slugs=(), expert_ids=()):
    public_pages_changed.send(sender=sender, paths=paths(team_slugs, expert_ids))


@receiver([post_save, post_delete], sender=Team)
def team_changed(sender, instance, **kwargs):
    members = list(TeamMembership.objects.filter(team_id=instance.pk).values_list("expert_id", flat=True))
    _announce(sender, [instance.slug], members if instance.pk else [])


@receiver([post_save, post_delete], sender=TeamMembership)
def membership_changed(sender, instance, **kwargs):
    slug = Team.objects.filter(pk=instance.team_id).values_list("slug", flat=True).first()
    _announce(sender, [slug], [instance.expert_id])


@receiver([post_save, post_delete], sender=SpeakerProfile)
def speaker_changed(sender, instance, **kwargs):
    _announce(sender, _teams_of(instance.expert_id), [instance.expert_id])


@receiver([post_save, post_delete], sender=SpeakerTopic)
def topic_changed(sender, instance, **kwargs):
    expert_id = (
        SpeakerProfile.objects.filter(pk=instance.speaker_id).values_list("expert_id", flat=True).first()
    )
    if expert_id is not None:
        _announce(sender, _teams_of(expert_id), [expert_id])


@receiver([post_save, post_delete], sender=ExpertProfile)
def expert_changed(sender, instance, **kwargs):
    # Name, title, affiliation or leaving the pool show on the expert's page and their teams'.
    _announce(sender, _teams_of(instance.pk), [instance.pk])
