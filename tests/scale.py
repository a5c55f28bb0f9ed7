"""Many published works, fast: the one generator behind the scale tests (tests/test_scale.py) and
the benchmarks (bench/scale.py, bench/search.py, bench/channels.py).

Page rows are bulk-inserted with their tree paths computed here (adding 10,000 children one by one
through the tree API takes an hour): `add_works()` puts `count` live works under a works index in
a few seconds, classified at random (two disciplines, two audiences, one region), with text drawn
from the demo's sentences; `dress()` gives them what a real listing carries (covers, tags, a
review credit, a correction on one work in twenty). Search indexing is left to the caller.
"""

import re
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page

from articles import listings
from articles.models import (
    ArticlePage,
    ArticlePageTag,
    Audience,
    CorrectionNotice,
    Discipline,
    Region,
    WorkForm,
)

# Rows per INSERT: well inside SQLite's and PostgreSQL's limits on parameters per statement.
BATCH = 400
REVIEW_CREDIT = {
    "kind": "review",
    "reviewers": [
        {"name": "王敏（虚构）", "title": "研究员", "affiliation": "示例农牧业科学院"},
        {"name": "李强（虚构）", "title": "副主任医师", "affiliation": "示例医院"},
    ],
    "date": "2026-05-01",
    "fast_track": False,
}


def sentences():
    """Sentences of the demo works (summaries and body text), as a pool to draw text from."""
    from home.demo import content

    found = []
    for work in content.works():
        found.append(work["summary"])
        for _kind, value in work["body"]:
            texts = (
                [value]
                if isinstance(value, str)
                else [str(v) for v in (value.values() if isinstance(value, dict) else value)]
            )
            for text in texts:
                plain = re.sub(r"<[^>]+>", "", text)
                found.extend(s + "。" for s in plain.split("。") if len(s) > 8)
    return found


def _next_step(index):
    """The tree step after the index's last child (children may have been deleted: not numchild)."""
    last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    return 1 if last is None else Page._str2int(last.path[-Page.steplen :]) + 1


def add_works(index, count, rng, *, pool=None, locale=None):
    """`count` live works under the works index `index`, published over the last four years: their
    ids. Each has two disciplines, two audiences and one county or league, and four paragraphs."""
    pool = pool or sentences()
    disciplines = list(Discipline.objects.all())
    audiences = list(Audience.objects.all())
    regions = list(Region.objects.exclude(level=Region.Level.REGION))
    forms = list(WorkForm.values)
    locale = locale or index.locale
    content_type = ContentType.objects.get_for_model(ArticlePage)
    step = _next_step(index)
    now = timezone.now()
    with transaction.atomic():
        works = []
        for number in range(step, step + count):
            paragraphs = ["<p>" + "".join(rng.sample(pool, 4)) + "</p>" for _ in range(4)]
            title = rng.choice(pool)[:40]
            when = now - timezone.timedelta(days=rng.randrange(1500), seconds=rng.randrange(86400))
            slug = f"scale-{index.pk}-{number}"
            works.append(
                ArticlePage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{index.url_path}{slug}/",
                    path=Page._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    live=True,
                    first_published_at=when,
                    last_published_at=when,
                    summary="".join(rng.sample(pool, 2))[:300],
                    form=rng.choice(forms),
                    body=[{"type": "paragraph", "value": text} for text in paragraphs],
                    creator_name="基准作者",
                )
            )
        page_fields = [f for f in Page._meta.concrete_fields if f.attname != "id"]
        pages = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(w, f.attname) for f in page_fields}) for w in works], batch_size=BATCH
        )
        for work, page in zip(works, pages, strict=True):
            work.page_ptr_id = work.id = page.pk
        # The ArticlePage rows (and its abstract parents' columns), in batches: bulk_create does not
        # take a model with a parent table.
        own_fields = ArticlePage._meta.local_concrete_fields
        for start in range(0, len(works), BATCH):
            ArticlePage._base_manager._insert(works[start : start + BATCH], fields=own_fields, raw=True)
        Page.objects.filter(pk=index.pk).update(numchild=index.get_children_count())
        for field, column, choices, size in (
            ("disciplines", "discipline_id", disciplines, 2),
            ("audiences", "audience_id", audiences, 2),
            ("regions", "region_id", regions, 1),
        ):
            through = getattr(ArticlePage, field).through
            through.objects.bulk_create(
                (
                    through(articlepage_id=work.pk, **{column: item.pk})
                    for work in works
                    for item in rng.sample(choices, size)
                ),
                batch_size=BATCH * 2,
            )
    index.refresh_from_db()
    listings.listings_changed()  # rows written below the signals: the listings' counts are read anew
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics: the planner sees 10,000 rows, not 30
            cursor.execute("ANALYZE")
    return [work.pk for work in works]


def dress(ids, rng, pictures):
    """What a real listing carries, for the works `ids`: covers (the `pictures` shared in turn),
    two tags each, a review credit naming two (fictional) experts, a correction on one in twenty."""
    from taggit.models import Tag

    with transaction.atomic():
        for n, picture in enumerate(pictures):
            ArticlePage.objects.filter(pk__in=ids[n :: len(pictures)]).update(cover_image=picture)
        ArticlePage.objects.filter(pk__in=ids).update(review_credit=REVIEW_CREDIT)
        tags = [
            Tag.objects.get_or_create(name=name)[0]
            for name in ("冬季", "健康", "安全", "草原", "农牧", "天文")
        ]
        ArticlePageTag.objects.bulk_create(
            (ArticlePageTag(content_object_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, 2)),
            batch_size=BATCH * 2,
        )
        CorrectionNotice.objects.bulk_create(
            CorrectionNotice(
                page_id=pk, date="2026-05-02", text="第二段的数据已按最新统计更正。", sort_order=0
            )
            for pk in ids[::20]
        )
