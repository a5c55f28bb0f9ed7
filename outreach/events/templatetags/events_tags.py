"""{% upcoming_events %}: the 近期活动 block for the home page and the audience columns."""

from django import template

from outreach.events.upcoming import index_url, upcoming

register = template.Library()


@register.inclusion_tag("events/includes/upcoming.html", takes_context=True)
def upcoming_events(context, audience=None, limit=4):
    return {
        "upcoming_events": upcoming(audience=audience, limit=limit),
        "events_index_url": index_url(),
        "elder_mode": context.get("elder_mode"),
    }
