"""近期活动 in an audience column (articles' TopicPage), drawn through pages' "public_page_extensions"
hook so articles need not know events exist (registered in wagtail_hooks.py)."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html

from articles.models import TopicPage

from .upcoming import index_url, upcoming


def upcoming_in_column(page, request):
    if not isinstance(page, TopicPage) or not page.audience_id:
        return ""
    events = upcoming(audience=page.audience.code, limit=3)
    if not events:
        return ""
    context = {"upcoming_events": events, "events_index_url": index_url()}
    # The column's own template knows nothing of events: their style sheet comes with the block
    # (a stylesheet link is allowed in the body, and the CSP allows this site's styles).
    stylesheet = format_html('<link rel="stylesheet" href="{}">', static("events/events.css"))
    return stylesheet + render_to_string("events/includes/upcoming.html", context, request=request)
