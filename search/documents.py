"""What a search engine indexes for a work: one plain dict, the same for every engine.

Only live, public works in their locale become documents (`indexable_works()`); everything else
is removed from the index when it changes (see signals.py).
"""

from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from articles.models.pages import body_text

from .reading import reading_text
from .service import FACETS


def indexable_works():
    """Every work that may be found: live and without a view restriction on it or above it."""
    works = ArticlePage.objects.live()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        works = works.exclude(path__startswith=path)
    return works.select_related("locale").prefetch_related(
        "disciplines__parent__parent", "audiences", "regions__parent", "tags"
    )


def _top_discipline(discipline):
    while discipline.parent_id is not None:
        discipline = discipline.parent
    return discipline


def work_document(page: ArticlePage) -> dict:
    """The fields both engines index. Text fields are raw text (engines segment them)."""
    tops = {}
    for discipline in page.disciplines.all():
        top = _top_discipline(discipline)
        tops[top.code] = top.name
    regions = list(page.regions.all())
    leagues = {}
    for region in regions:
        league = region.league
        if league is not None and league.level == league.Level.LEAGUE:
            leagues[league.code] = league.name
    published = page.first_published_at or page.last_published_at
    return {
        "id": page.pk,
        "locale": page.locale.language_code,
        "url": page.url_path,
        "title": page.title,
        "summary": page.summary,
        "body": body_text(page.body),
        # Not searched: the text snippets are cut from (see reading_text).
        "reading": reading_text(page.body),
        "creator_name": page.creator_name,
        # Names are searchable text too: a county's name finds the works tagged with it.
        "terms": " ".join(
            [
                *(d.name for d in page.disciplines.all()),
                *tops.values(),
                *(a.name for a in page.audiences.all()),
                *(r.name for r in regions),
                *leagues.values(),
            ]
        ),
        "discipline": sorted(tops),
        "audience": sorted(a.code for a in page.audiences.all()),
        "league": sorted(leagues),
        "form": page.form,
        "year": str(published.year) if published else "",
        "published_at": published.isoformat() if published else None,
    }


def facet_values(document):
    """{facet: [codes]} of a work's document: every facet as a list, empty values left out."""
    values = {}
    for name in FACETS:
        value = document.get(name)
        items = value if isinstance(value, list) else [value]
        values[name] = [item for item in items if item]
    return values
