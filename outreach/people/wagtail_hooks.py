"""The admin of outreach.people: teams, speakers' public pages, volunteers (with the approve/reject
page) and their assignments to events, under one menu 专家与志愿者."""

import django_filters

from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from articles.models import Region

from . import admin_views
from .models import SpeakerProfile, Team, Volunteer, VolunteerAssignment


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("专家团队")
    list_display = ["name", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("description"),
        InlinePanel("memberships", label=_("成员"), panels=[FieldPanel("expert"), FieldPanel("role")]),
    ]


class SpeakerIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("expert", "region")


class SpeakerProfileViewSet(SnippetViewSet):
    model = SpeakerProfile
    icon = "user"
    menu_label = _("讲师主页")
    index_view_class = SpeakerIndexView
    list_display = ["expert", "region", "publish_profile", "accepting_talks", "max_talks_per_month"]
    list_filter = ["publish_profile", "accepting_talks"]
    search_fields = ["expert__name"]
    panels = [
        FieldPanel("expert"),
        MultiFieldPanel(
            [
                FieldPanel("publish_profile"),
                FieldRowPanel(
                    [
                        FieldPanel("publish_photo"),
                        FieldPanel("publish_bio"),
                        FieldPanel("publish_affiliation"),
                    ]
                ),
            ],
            heading=_("本人同意公开的内容"),
            help_text=_(
                "只勾选专家本人书面同意公开的项目。未勾选“同意公开个人主页”时，网站上不出现这位专家的任何信息。"
            ),
        ),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("accepting_talks"), FieldPanel("max_talks_per_month")], heading=_("派单")),
        InlinePanel("topics", label=_("讲题"), panels=[FieldPanel("topic"), FieldPanel("discipline")]),
        InlinePanel(
            "unavailable",
            label=_("不可派单日期"),
            panels=[FieldPanel("start"), FieldPanel("end"), FieldPanel("note")],
        ),
    ]


class VolunteerIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("region")


class VolunteerFilterSet(WagtailFilterSet):
    league = django_filters.ModelChoiceFilter(
        label=_("盟市"),
        queryset=Region.objects.filter(level=Region.Level.LEAGUE),
        method="in_league",
        empty_label=_("全部"),
    )

    class Meta:
        model = Volunteer
        fields = ["status", "league", "weekdays", "weekends"]

    def in_league(self, queryset, name, value):
        return queryset.filter(Q(region=value) | Q(region__parent=value)) if value else queryset


class VolunteerViewSet(SnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("科普志愿者")
    index_view_class = VolunteerIndexView
    list_display = [
        "name",
        "region",
        TitleColumn(
            "get_status_display",
            label=_("状态（点击审核）"),
            get_url=lambda volunteer: reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk]),
        ),
        Column("created_at", label=_("报名时间")),
    ]
    filterset_class = VolunteerFilterSet
    search_fields = ["name", "phone", "email", "skills"]
    # Status changes only through the decision page (volunteering.decide), which mails the volunteer.
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("region"),
        FieldPanel("skills"),
        FieldRowPanel([FieldPanel("weekdays"), FieldPanel("weekends")]),
        FieldPanel("availability"),
        FieldPanel("disciplines"),
        FieldPanel("consent_to_contact"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", admin_views.decide_volunteer, name="decide"),
        ]


class AssignmentIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("volunteer", "event")


class VolunteerAssignmentViewSet(SnippetViewSet):
    model = VolunteerAssignment
    icon = "date"
    menu_label = _("志愿服务安排")
    index_view_class = AssignmentIndexView
    list_display = ["volunteer", "event", "role", "hours"]
    search_fields = ["volunteer__name", "role"]
    panels = [
        FieldPanel("volunteer"),
        FieldPanel("event"),
        FieldPanel("role"),
        FieldPanel("hours"),
        FieldPanel("note"),
    ]


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("专家与志愿者")
    menu_icon = "group"
    menu_order = 330
    items = (TeamViewSet, SpeakerProfileViewSet, VolunteerViewSet, VolunteerAssignmentViewSet)


register_snippet(PeopleGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def note_who_recorded_hours(request, instance):
    """Whoever saves an assignment with hours is its recorder (the form does not ask)."""
    if isinstance(instance, VolunteerAssignment) and instance.hours is not None:
        VolunteerAssignment.objects.filter(pk=instance.pk).update(
            recorded_by=request.user, recorded_at=timezone.now()
        )
