"""RSS 2.0 and Atom feeds of reviewed works: all works, the news, an audience, a league.

They read only through articles.listings' public gate, so a draft, a work in review or a retracted
work never appears; a correction published on a work updates its entry (its date and the
correction's text), and a retraction removes it."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles import listings
from articles.models import Region
from media import renditions

from . import credit

ITEMS = 30
# Each language's feeds list its own locale's works (the public gate reads the active language). RSS's
# own list of language values has zh-cn for Simplified Chinese; Atom takes BCP 47 (with the script).
RSS_LANGUAGES = {"zh-hans": "zh-cn", "mn": "mn"}
ATOM_LANGUAGES = {"zh-hans": "zh-Hans", "mn": "mn-Mong"}
RSS_LANGUAGE = property(lambda feed: RSS_LANGUAGES.get(get_language(), get_language()))
ATOM_LANGUAGE = property(lambda feed: ATOM_LANGUAGES.get(get_language(), get_language()))


class PageEntries:
    """What every feed entry takes from its page: title, link, and the two dates."""

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class WorksFeed(PageEntries, Feed):
    """RSS 2.0 of the latest reviewed works, optionally narrowed to an audience or a league."""

    feed_type = Rss201rev2Feed
    language = RSS_LANGUAGE

    def get_object(self, request, kind="works", code=""):
        self.request = request
        if kind == "works":
            return {"kind": kind, "name": _("科普作品"), "filters": {}}
        if kind not in ("audience", "region"):
            raise Http404
        filters = listings.WorkFilters({kind: code})
        chosen = filters.selected.get(kind)
        if chosen is None or (kind == "region" and chosen.level != Region.Level.LEAGUE):
            raise Http404
        return {"kind": kind, "name": chosen.name, "filters": filters, "code": code}

    def title(self, obj):
        site = _("内蒙古科普")
        return site if obj["kind"] == "works" else f"{site} · {obj['name']}"

    def link(self, obj):
        index = listings.public_works().first()
        section = index.section_url if index else "/"
        return section if obj["kind"] == "works" else f"{section}?{obj['kind']}={obj['code']}"

    def description(self, obj):
        reviewed = _("内蒙古科普发布的科普作品（本站实行三审制，每篇注明其审核情况）")
        return reviewed if obj["kind"] == "works" else f"{reviewed}：{obj['name']}"

    def items(self, obj):
        works = listings.public_works()
        if obj["filters"]:
            works = obj["filters"].apply(works)
        works = works.order_by("-last_published_at").prefetch_related("corrections", "disciplines")
        return listings.with_cards(works[:ITEMS])

    def item_description(self, item):
        return "\n".join([item.summary, *credit.correction_lines(item.corrections.all())])

    def item_author_name(self, item):
        return item.creator_name

    def item_categories(self, item):
        return [discipline.name for discipline in item.disciplines.all()]

    def item_enclosures(self, item):
        image = item.card_image
        if image is None:
            return []
        rendition = renditions.existing(image, [renditions.CARD]).get(renditions.CARD)
        if rendition is None:  # not made yet (the job is asked for it): no enclosure this time
            return []
        url = self.request.build_absolute_uri(rendition.url)
        return [Enclosure(url, str(rendition.file.size), "image/webp")]


class WorksAtomFeed(WorksFeed):
    feed_type = Atom1Feed
    language = ATOM_LANGUAGE

    def subtitle(self, obj):
        return self.description(obj)


class NewsFeed(PageEntries, Feed):
    """RSS 2.0 of the latest news items (科普资讯)."""

    feed_type = Rss201rev2Feed
    language = RSS_LANGUAGE

    def title(self):
        return _("内蒙古科普 · 科普资讯")

    def link(self):
        item = listings.public_news().first()
        return item.get_parent().url if item else "/"

    def description(self):
        return _("科普活动、政策与科技动态")

    def items(self):
        return listings.public_news().order_by("-last_published_at")[:ITEMS]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    language = ATOM_LANGUAGE

    def subtitle(self):
        return self.description()
