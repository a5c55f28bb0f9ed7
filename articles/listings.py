"""What readers may see, and how it is listed: the one gate between pages and public listings.

Every public listing (home, indexes, audience columns, search) starts from `public_works()` /
`public_news()`, so a work that is not live and public in the current locale cannot appear in
any of them. Related works apply the same conditions to a work's siblings (see there).
"""

import hashlib
from typing import NamedTuple

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taggit.models import Tag
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, PageViewRestriction

from media import renditions

from .models import ArticlePage, Audience, Discipline, NewsPage, Region, TopicPage, WorkForm

PER_PAGE = 12


class Term(NamedTuple):
    """A taxonomy term as a page shows it."""

    pk: int
    code: str
    name: str


FILTER_NAMES = ("discipline", "audience", "region", "form")


def outside_restrictions(pages):
    """`pages` without those inside a view-restricted subtree (the restricted page itself or any of
    its descendants), as a NOT EXISTS subquery: read from the database on every listing, so every
    app process sees a restriction the moment it is saved (nothing is cached per process), and the
    listing costs no extra query. A page is inside a restricted page's subtree when the restricted
    page's tree path is a prefix of its own."""
    inside = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.filter(~Exists(inside))


def private_paths():
    """Tree paths of pages with a view restriction (their subtrees are private), read now (one
    query). For listings that cannot take `outside_restrictions()`; never cached: a restriction set
    through one app process must hide the pages in every other process at once."""
    return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))


def _public(model):
    # The locale is matched through a join rather than looked up first: one query fewer per listing.
    language = get_supported_content_language_variant(get_language())
    return outside_restrictions(model.objects.live().filter(locale__language_code=language))


def cards(pages):
    """A listing's pages as cards: the StreamField bodies are not read (a card shows title,
    summary, picture and date; a body is most of a row's width)."""
    return pages.defer_streamfields()


def with_cards(pages, extra_images=()):
    """Load what a card shows (cover and listing images with their renditions) in bulk.

    Pages of several types may be mixed; `extra_images` are other images on the same page whose
    renditions load in the same query.
    """
    if isinstance(pages, QuerySet):
        pages = cards(pages)
    pages = list(pages)
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for group in by_type.values():
        prefetch_related_objects(group, "cover_image", "listing_image")
    renditions.prefetch_renditions([*(page.card_image for page in pages), *extra_images])
    return pages


def public_works():
    return _public(ArticlePage)


def searchable_works():
    """The same gate as `public_works()`, in the form search backends accept (indexed filter
    fields only: the locale by id rather than through a join)."""
    return ArticlePage.objects.live().public().filter(locale=Locale.get_active())


def public_news():
    return _public(NewsPage)


def latest_works(exclude=(), limit=6):
    return list(cards(public_works()).exclude(pk__in=exclude).order_by("-first_published_at")[:limit])


def latest_news(limit=5):
    return list(cards(public_news()).order_by("-first_published_at")[:limit])


def featured(work_ids):
    """The editor's choice of works, in the editor's order, keeping only those still public."""
    ids = list(work_ids)
    visible = {work.pk: work for work in cards(public_works()).filter(pk__in=ids)}
    return [visible[pk] for pk in ids if pk in visible]


def topic_pages():
    columns = cards(_public(TopicPage)).select_related("audience").order_by("audience__sort_order")
    return list(columns)


# Related works are ranked among this many of the most recent siblings sharing a discipline or an
# audience: the cost of a work's page does not grow with the size of its section.
RELATED_CANDIDATES = 200


def _sharing(relation, column, ids):
    """Rows of a work's many-to-many `relation` (disciplines, audiences …) naming one of `ids`."""
    through = getattr(ArticlePage, relation).through
    return through.objects.filter(articlepage_id=OuterRef("pk"), **{f"{column}__in": ids})


def _count(rows):
    counted = rows.order_by().values("articlepage_id").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted), 0)


def related_works(work, disciplines, audiences, limit=4):
    """Other public works in the same section sharing the most disciplines and audiences with `work`.

    Ranked among the `RELATED_CANDIDATES` most recent siblings sharing at least one of them (two
    EXISTS on the taxonomy tables, the candidates' ids only), so a section of 10,000 works costs
    what a section of 300 does; among the candidates, most shared disciplines first, then
    audiences, then the newest. Siblings share every ancestor with `work`, which the reader may
    already see; so only the siblings' own view restrictions need checking.
    """
    discipline_ids = [d.pk for d in disciplines]
    audience_ids = [a.pk for a in audiences]
    if not discipline_ids and not audience_ids:
        return []
    disciplines_shared = _sharing("disciplines", "discipline_id", discipline_ids)
    audiences_shared = _sharing("audiences", "audience_id", audience_ids)
    language = get_supported_content_language_variant(get_language())
    candidates = (
        ArticlePage.objects.sibling_of(work, inclusive=False)
        .live()
        .filter(locale__language_code=language)
        .filter(~Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .filter(Exists(disciplines_shared) | Exists(audiences_shared))
        .order_by("-first_published_at")
        .values("pk")[:RELATED_CANDIDATES]
    )
    works = (
        cards(ArticlePage.objects.filter(pk__in=candidates))
        .select_related("cover_image", "listing_image")
        .annotate(shared_disciplines=_count(disciplines_shared), shared_audiences=_count(audiences_shared))
        .order_by("-shared_disciplines", "-shared_audiences", "-first_published_at")[:limit]
    )
    return list(works)


def classification(page):
    """A page's disciplines, audiences, regions and tags, read in one query (a UNION of the four)."""
    # Model fields first, then annotations in the same order: UNION matches columns by position.
    columns = ("pk", "code", "name", "taxonomy", "order")
    on_page = {page._meta.model_name: page}
    parts = [
        Discipline.objects.filter(**on_page).annotate(taxonomy=Value("disciplines"), order=F("sort_order")),
        Audience.objects.filter(**on_page).annotate(taxonomy=Value("audiences"), order=F("sort_order")),
        Region.objects.filter(**on_page).annotate(taxonomy=Value("regions"), order=Value(0)),
        Tag.objects.filter(pk__in=page.tagged_items.values("tag_id"))
        .annotate(code=F("slug"), taxonomy=Value("tags"), order=Value(0))
        .values("pk", "name", "code", "taxonomy", "order"),
    ]
    # Default orderings are dropped: SQLite refuses ORDER BY inside the parts of a UNION.
    selects = [part.order_by().values(*columns) for part in parts[:3]] + [parts[3].order_by()]
    found = {"disciplines": [], "audiences": [], "regions": [], "tags": []}
    for row in sorted(selects[0].union(*selects[1:], all=True), key=lambda r: (r["order"], r["code"])):
        found[row["taxonomy"]].append(Term(row["pk"], row["code"], row["name"]))
    return found


# A listing's count ("共 N 篇作品", the number of pages) reads every matching row: it is kept in the
# cache, keyed by the listing's SQL and a generation that any publish, unpublish, move, deletion or
# view restriction moves on (articles/apps.py). With a shared cache (Redis) every app process sees
# the new generation at once; with a per-process cache a count may lag by COUNT_TIMEOUT at most.
# Only the count: which works are listed is always read from the database.
COUNT_TIMEOUT = 300
GENERATION_KEY = "listings:generation"


def listings_changed(**kwargs):
    """Signal receiver: what public listings hold may have changed; their counts are read anew."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(GENERATION_KEY, 1, None)


class CountedPaginator(Paginator):
    @cached_property
    def count(self):
        query = self.object_list.query
        generation = cache.get_or_set(GENERATION_KEY, 1, None)
        digest = hashlib.sha256(str(query).encode()).hexdigest()[:32]
        key = f"listings:count:{generation}:{digest}"
        count = cache.get(key)
        if count is None:
            count = self.object_list.count()
            cache.set(key, count, COUNT_TIMEOUT)
        return count


def paginate(request, queryset, per_page=PER_PAGE):
    """A page of results; a missing, non-numeric or out-of-range ?page= falls back gracefully."""
    return CountedPaginator(queryset, per_page).get_page(request.GET.get("page"))


class WorkFilters:
    """Reads the discipline/audience/region/form filters of a listing from the query string.

    Unknown values are ignored, and the reader is told which ones; filters combine with AND.
    """

    def __init__(self, params, fixed=()):
        self.fixed = set(fixed)
        self.selected = {}
        self.ignored = []
        self.disciplines = list(Discipline.objects.all())
        self.audiences = list(Audience.objects.all())
        self.regions = list(Region.objects.all())
        for name in FILTER_NAMES:
            if name in self.fixed:
                continue
            raw = params.get(name, "")
            if not raw:
                continue
            value = getattr(self, f"_find_{name}")(raw.strip())
            if value is None:
                self.ignored.append(raw[:50])
            else:
                self.selected[name] = value

    def _find_discipline(self, code):
        return next((d for d in self.disciplines if d.code == code), None)

    def _find_audience(self, code):
        return next((a for a in self.audiences if a.code == code), None)

    def _find_region(self, code):
        return next((r for r in self.regions if r.code == code), None)

    def _find_form(self, code):
        return code if code in WorkForm.values else None

    def _discipline_ids(self, discipline):
        ids, frontier = {discipline.pk}, {discipline.pk}
        while frontier:
            frontier = {d.pk for d in self.disciplines if d.parent_id in frontier}
            ids |= frontier
        return ids

    def _region_ids(self, region):
        if region.level == Region.Level.REGION:
            return None  # the whole autonomous region: no restriction
        if region.level == Region.Level.LEAGUE:
            return {region.pk} | {r.pk for r in self.regions if r.parent_id == region.pk}
        return {region.pk, region.parent_id}

    def apply(self, works):
        """`works` narrowed by the chosen filters, each an EXISTS on its taxonomy table: no join, so
        no duplicate rows and no DISTINCT (which made the count and the sort read whole rows)."""
        if "discipline" in self.selected:
            ids = self._discipline_ids(self.selected["discipline"])
            works = works.filter(Exists(_sharing("disciplines", "discipline_id", ids)))
        if "audience" in self.selected:
            works = for_audience(works, self.selected["audience"].pk)
        if "region" in self.selected:
            region_ids = self._region_ids(self.selected["region"])
            if region_ids is not None:
                works = works.filter(Exists(_sharing("regions", "region_id", region_ids)))
        if "form" in self.selected:
            works = works.filter(form=self.selected["form"])
        return works

    def querystring(self):
        """The active filters as a query string, for pagination links."""
        values = {}
        for name, value in self.selected.items():
            values[name] = value if name == "form" else value.code
        return urlencode(values)

    def options(self):
        top = [d for d in self.disciplines if d.parent_id is None]
        leagues = [r for r in self.regions if r.level == Region.Level.LEAGUE]
        return {
            "disciplines": [(d, [c for c in self.disciplines if c.parent_id == d.pk]) for d in top],
            "audiences": [] if "audience" in self.fixed else self.audiences,
            "leagues": [
                (league, [r for r in self.regions if r.parent_id == league.pk]) for league in leagues
            ],
            "forms": WorkForm.choices,
        }

    def message(self):
        if not self.ignored:
            return ""
        return _("已忽略无法识别的筛选条件：%(values)s") % {"values": "、".join(self.ignored)}


def for_audience(works, audience_id):
    """The works written for one audience (an audience column's listing)."""
    return works.filter(Exists(_sharing("audiences", "audience_id", [audience_id])))


def filtered_works(request, works, fixed=()):
    filters = WorkFilters(request.GET, fixed=fixed)
    ordered = cards(filters.apply(works)).order_by("-first_published_at", "-pk")
    page_obj = paginate(request, ordered)
    page_obj.object_list = with_cards(page_obj.object_list)
    return {
        "page_obj": page_obj,
        "filters": filters,
        "filter_options": filters.options(),
        "filter_query": filters.querystring(),
    }
