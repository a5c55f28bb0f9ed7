"""Admin: the events' sign-ups (listed, filtered by event, exported as CSV; changed only by the
reader's own signed links) and the reports editors file after an event (not page content: no 三审)."""

import django_filters

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.listings import with_cards

from .models import EventPage, EventReport, SignUp

VENUE_EVENTS = 6


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Model permissions, minus adding, changing and deleting: a sign-up changes only through the
    reader's cancel link, which also promotes the waiting list (outreach/events/signups.py)."""

    refused = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in self.refused and super().user_has_permission_for_instance(user, action, instance)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.refused])


register_permission_policy(SignUp, ReadOnlyPolicy(SignUp))


class SignUpFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("活动"), queryset=EventPage.objects.order_by("-start"), empty_label=_("全部活动")
    )

    class Meta:
        model = SignUp
        fields = ["event", "status"]


class SignUpIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class SignUpViewSet(ModelViewSet):
    model = SignUp
    name = "event_signups"
    icon = "group"
    menu_label = _("活动报名")
    index_view_class = SignUpIndexView
    list_display = ["name", "event", "status", "phone", "email", "created_at"]
    list_export = ["event", "name", "phone", "email", "status", "created_at", "promoted_at", "cancelled_at"]
    export_filename = "event-signups"
    filterset_class = SignUpFilterSet
    search_fields = ["name", "phone", "email"]
    form_fields = ["status"]  # required by Wagtail; the policy refuses the edit view
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50


class EventReportViewSet(SnippetViewSet):
    model = EventReport
    icon = "doc-full"
    menu_label = _("活动总结")
    list_display = ["event", "participants", "updated_at"]
    list_filter = ["event__campaign"]
    search_fields = ["summary"]
    add_to_reference_index = False


class EventsAdminGroup(ModelViewSetGroup):
    menu_label = _("科普活动")
    menu_icon = "date"
    menu_order = 250
    items = (SignUpViewSet, EventReportViewSet)


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsAdminGroup()


@hooks.register("public_page_extensions")
def upcoming_events_in_audience_columns(page, request):
    from .columns import upcoming_in_column

    return upcoming_in_column(page, request)


@hooks.register("venue_page_context")
def venue_coming_events(page, request, context):
    """A venue's page lists its coming live public events (two queries and the pictures')."""
    from .listing import cards, upcoming_events

    events = with_cards(cards(upcoming_events().filter(venue=page))[:VENUE_EVENTS])
    if events:
        html = render_to_string(
            "events/includes/venue_events.html",
            {"venue_events": events, "elder_mode": context.get("elder_mode")},
            request=request,
        )
        context["venue_sections"].append(html)
