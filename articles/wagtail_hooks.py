"""Admin wiring for the taxonomies: one menu group, each a snippet view set."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Campaign, Discipline, Region


class DisciplineViewSet(SnippetViewSet):
    model = Discipline
    icon = "folder-open-inverse"
    list_display = ["name", "code", "parent", "sort_order", "review_quorum"]
    list_filter = ["parent"]
    search_fields = ["name", "code"]
    ordering = ["parent__sort_order", "sort_order"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "code", "sort_order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["level", "parent"]
    search_fields = ["name", "code"]
    list_per_page = 50


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "date"
    list_display = ["name", "code", "season"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("分类与标签")
    menu_icon = "tag"
    menu_order = 300
    items = (DisciplineViewSet, AudienceViewSet, RegionViewSet, CampaignViewSet)


register_snippet(TaxonomyGroup)
