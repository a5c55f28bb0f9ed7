"""The API's operations, all GET: works, news, and the taxonomies to filter them by.

Works and news are read only through articles.listings.public_works() / public_news() — live,
public, in the zh-hans locale — so drafts, works in review, sent back or retracted never appear.
A retracted work's detail answers 410 with the retraction notice (its page answers 410 too).
"""

from ninja import Query, Router
from ninja.errors import HttpError

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import listings
from articles.models import Audience, Discipline, Region, WorkForm
from review.models import CaseStatus, CorrectionCase

from . import errors, schemas
from .payload import PayloadWriter, load_news, load_works

router = Router()

NEWEST_FIRST = ("-last_published_at", "-pk")
FILTERS = ("discipline", "audience", "region", "form")


def _since(queryset, since):
    if since is None:
        return queryset
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    return queryset.filter(last_published_at__gt=since)


def _page_url(request, offset):
    query = QueryDict(mutable=True)
    query.update(request.GET)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _listing(request, queryset, paging, load, write):
    count = queryset.count()
    start, end = paging.offset, paging.offset + paging.limit
    pages = load(queryset.order_by(*NEWEST_FIRST)[start:end]) if start < count else []
    return {
        "count": count,
        "next": _page_url(request, end) if end < count else None,
        "previous": _page_url(request, max(0, start - paging.limit)) if start > 0 else None,
        "items": [write(page) for page in pages],
    }


@router.get(
    "/works/",
    response={200: schemas.WorkListing, 400: schemas.BadRequest},
    summary="科普作品列表",
    description="经三审发布的科普作品，最近发布或更正的在前。筛选条件可以组合（同时满足）。",
    tags=["科普作品"],
)
def works(request, query: Query[schemas.WorkQuery]):
    queryset = _since(listings.public_works(), query.since)
    chosen = {name: getattr(query, name) for name in FILTERS if getattr(query, name)}
    if chosen:
        filters = listings.WorkFilters(chosen)
        if filters.ignored:
            raise HttpError(
                400, _("无法识别的筛选条件：%(values)s。") % {"values": "、".join(filters.ignored)}
            )
        queryset = filters.apply(queryset)
    return _listing(request, queryset, query, load_works, PayloadWriter(request).work)


@router.get(
    "/works/{int:work_id}/",
    response={200: schemas.WorkDetail, 404: schemas.Problem, 410: schemas.Retracted},
    summary="科普作品详情",
    description="作品的全部公开内容，含正文各段落、图片、知识点、问答和参考文献。已撤稿的作品返回 410 和撤稿说明。",
    tags=["科普作品"],
)
def work(request, work_id: int):
    found = load_works(listings.public_works().filter(pk=work_id), body=True)
    if not found:
        return _retracted(work_id) or errors.not_found()
    return PayloadWriter(request).work_detail(found[0])


def _retracted(work_id):
    """A 410 with the public retraction notice, when the work was taken down by a retraction."""
    case = (
        CorrectionCase.objects.filter(page_id=work_id, status=CaseStatus.RETRACTED, page__live=False)
        .order_by("-decided_at")
        .first()
    )
    if case is None:
        return None
    date = timezone.localdate(case.decided_at) if case.decided_at else None
    return errors.problem(
        410,
        _("已撤稿"),
        _("该作品已撤稿，原文不再提供。"),
        retraction={"date": date.isoformat() if date else None, "note": case.public_note},
    )


@router.get(
    "/news/",
    response={200: schemas.NewsListing, 400: schemas.BadRequest},
    summary="科普资讯列表",
    description="科普活动、政策与科技动态，最近发布的在前。",
    tags=["科普资讯"],
)
def news(request, query: Query[schemas.Paging]):
    queryset = _since(listings.public_news(), query.since)
    return _listing(request, queryset, query, load_news, PayloadWriter(request).news)


@router.get(
    "/news/{int:news_id}/",
    response={200: schemas.NewsDetail, 404: schemas.Problem},
    summary="科普资讯详情",
    tags=["科普资讯"],
)
def news_item(request, news_id: int):
    found = load_news(listings.public_news().filter(pk=news_id), body=True)
    if not found:
        return errors.not_found()
    return PayloadWriter(request).news_detail(found[0])


@router.get(
    "/taxonomies/",
    response=schemas.Taxonomies,
    summary="分类",
    description="学科（含下级学科）、重点人群、盟市及其旗县区、作品形式：作品列表的筛选条件取这里的代码。",
    tags=["分类"],
)
def taxonomies(request):
    disciplines = list(Discipline.objects.order_by("sort_order", "code"))
    regions = list(Region.objects.order_by("code"))

    def subtree(parent_id):
        return [
            {"code": d.code, "name": d.name, "children": subtree(d.pk)}
            for d in disciplines
            if d.parent_id == parent_id
        ]

    def county(region):
        return {"code": region.code, "name": region.name, "kind": region.kind}

    return {
        "disciplines": subtree(None),
        "audiences": [
            {"code": a.code, "name": a.name, "description": a.description} for a in Audience.objects.all()
        ],
        "regions": [
            {**county(league), "counties": [county(r) for r in regions if r.parent_id == league.pk]}
            for league in regions
            if league.level == Region.Level.LEAGUE
        ],
        "forms": [{"code": value, "name": str(label)} for value, label in WorkForm.choices],
    }
