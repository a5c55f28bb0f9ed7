"""Works and news items as the API gives them, loaded in bulk: a page of 5 items and a page of 50 cost
the same number of queries (taxonomies, tags, corrections, covers and their renditions, each one
query for the whole page)."""

from django.db.models import Prefetch
from django.utils import timezone

from articles import listings
from articles.models import Region, WorkForm
from pages.blocks import images_in

from .. import credit
from .body import BodyWriter


def _loaded(queryset, *, corrections):
    lookups = [
        "disciplines",
        "audiences",
        Prefetch("regions", queryset=Region.objects.select_related("parent")),
        "tags",
    ]
    if corrections:
        lookups.append("corrections")
    return queryset.prefetch_related(*lookups)


def load_works(queryset, *, body=False):
    """The works of `queryset` (already sliced), with everything an item shows."""
    return _load(_loaded(queryset, corrections=True), body)


def load_news(queryset, *, body=False):
    return _load(_loaded(queryset, corrections=False), body)


def _load(queryset, body):
    # A listing shows no body: not reading it halves the page query at 10,000 works (bench/channels.py).
    pages = list(queryset if body else queryset.defer("body"))
    # Body images are read (one query per image block type) to load their renditions with the covers'.
    extra = [image for page in pages for image in images_in(page.body)] if body else []
    return listings.with_cards(pages, extra_images=extra)


def _term(item, code="code"):
    return {"code": getattr(item, code), "name": item.name}


def _region(region):
    league = region.parent if region.level == Region.Level.COUNTY else None
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "league": _term(league) if league is not None else None,
    }


def _review(value):
    value = value or {}
    reviewed = value.get("kind") == "review"
    return {
        "line": credit.credit_line(value),
        "reviewers": credit.reviewers(value),
        "date": value.get("date") if reviewed else None,
        "fast_track": bool(value.get("fast_track")) if reviewed else False,
    }


class PayloadWriter:
    """Items for one request (which makes their URLs absolute)."""

    def __init__(self, request):
        self.request = request
        self.body = BodyWriter(request.build_absolute_uri)

    def _classified(self, page):
        return {
            "id": page.pk,
            "title": page.title,
            "url": self.request.build_absolute_uri(page.get_url(self.request)),
            "summary": page.summary,
            "disciplines": [_term(d) for d in page.disciplines.all()],
            "audiences": [_term(a) for a in page.audiences.all()],
            "regions": [_region(r) for r in page.regions.all()],
            "tags": [_term(tag, "slug") for tag in sorted(page.tags.all(), key=lambda tag: tag.name)],
            "first_published_at": timezone.localtime(page.first_published_at),
            "last_published_at": timezone.localtime(page.last_published_at),
            "cover": self.body.cover(page.card_image),
            "review": _review(page.review_credit),
        }

    def work(self, page):
        return {
            **self._classified(page),
            "form": {"code": page.form, "name": str(WorkForm(page.form).label)},
            "creator": {"name": page.creator_name, "affiliation": page.creator_affiliation},
            "corrections": [{"date": c.date, "text": c.text} for c in page.corrections.all()],
        }

    def work_detail(self, page):
        return {
            **self.work(page),
            "reading_minutes": page.reading_minutes,
            "body": self.body.blocks(page.body),
        }

    def news(self, page):
        return {**self._classified(page), "source": page.source}

    def news_detail(self, page):
        return {**self.news(page), "body": self.body.blocks(page.body)}
