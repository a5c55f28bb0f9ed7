"""The public search page, its suggestions as one types, and the JSON API — all through the one
search service (search/service.py), whichever engine settings choose."""

import unicodedata

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.coreutils import get_supported_content_language_variant

from articles import listings
from articles.models import ArticlePage

from . import analysis, facets
from .service import SORTS, SearchRequest, SearchUnavailable, get_engine

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
MAX_PAGE = 100


def clean_query(raw):
    """Drop control and format characters (NUL, RTL overrides …) that no reader types on purpose.
    A format character goes without leaving a space: inside a Mongolian word the vowel separator
    (U+180E, as in ᠰᠠᠷ᠎ᠠ) is one, and the word must stay whole (search.analysis drops it too)."""
    text = "".join(
        ("" if unicodedata.category(c) == "Cf" else " ")
        if unicodedata.category(c).startswith(("C", "Z"))
        else c
        for c in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(text.split())


def _page_number(raw):
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_request(request, per_page=PER_PAGE):
    """The SearchRequest a reader's GET parameters describe, and a notice if the query was cut."""
    query = clean_query(request.GET.get("q", ""))
    notice = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notice = _("搜索词过长，只使用了前 %(n)s 个字。") % {"n": MAX_QUERY_LENGTH}
    sort = request.GET.get("sort")
    filters, ignored = facets.clean_filters(request.GET)
    if ignored:
        notice = " ".join(
            [notice, _("已忽略无效的筛选条件：%(values)s。") % {"values": "、".join(ignored[:5])}]
        ).strip()
    return (
        SearchRequest(
            text=query,
            filters=filters,
            sort=sort if sort in SORTS else "relevance",
            page=_page_number(request.GET.get("page")),
            per_page=per_page,
            locale=get_supported_content_language_variant(request.LANGUAGE_CODE),
        ),
        notice,
    )


def _state_query(search, **changes):
    """The URL query of `search` with `changes` (a facet value toggled, another sort …)."""
    params = [("q", search.text)] if search.text else []
    for name, values in search.filters.items():
        params.extend((name, value) for value in values)
    if search.sort != "relevance":
        params.append(("sort", search.sort))
    for name, value in changes.items():
        params = [(key, v) for key, v in params if key != name]
        if value:
            params.append((name, value))
    return urlencode(params)


def _toggle_query(search, name, value):
    selected = list(search.filters.get(name, ()))
    selected = [v for v in selected if v != value] if value in selected else [*selected, value]
    filters = {**search.filters, name: tuple(selected)}
    return _state_query(SearchRequest(text=search.text, filters=filters, sort=search.sort))


def _works_by_id(hits):
    pages = (
        ArticlePage.objects.live()
        .filter(pk__in=[hit.page_id for hit in hits])
        .only("title", "url_path", "form", "first_published_at", "creator_name", "locale_id")
    )
    return {page.pk: page for page in pages}


@require_GET
def search(request):
    search, notice = search_request(request)
    context = {"query": search.text, "notice": notice, "search": search, "sorts": SORTS}
    if not (search.text or search.filters):
        context["popular"] = listings.topic_pages()
        return render(request, "search/search.html", context)
    try:
        result = get_engine().search(search)
    except SearchUnavailable:
        return render(request, "search/unavailable.html", context, status=503)
    works = _works_by_id(result.hits)
    rows = [(hit, works[hit.page_id]) for hit in result.hits if hit.page_id in works]
    paginator = Paginator(range(result.total), search.per_page)
    try:
        page_obj = paginator.page(search.page)
    except EmptyPage:
        if paginator.num_pages and result.total:
            # Past the end (an old link, a typed number): the last page, said once, not "none found".
            return redirect(f"{request.path}?{_state_query(search, page=str(paginator.num_pages))}")
        page_obj = None
    for facet in result.facets:
        for value in facet.values:
            value.toggle_query = _toggle_query(search, facet.name, value.value)
    context.update(
        result=result,
        rows=rows,
        # Works with every word, then — under their own heading — works with only some.
        full_rows=[row for row in rows if not row[0].partial],
        partial_rows=[row for row in rows if row[0].partial],
        full_total=result.total - result.partial_total,
        page_obj=page_obj,
        filter_query=_state_query(search),
        sort_queries={sort: _state_query(search, sort=sort if sort != "relevance" else "") for sort in SORTS},
        clear_query=_state_query(SearchRequest(text=search.text, sort=search.sort)),
        related=result.suggestions or (analysis.related_queries(search.text) if not result.total else []),
    )
    if not result.total:
        context["popular"] = listings.topic_pages()
    return render(request, "search/search.html", context)


@require_GET
@cache_control(max_age=300, public=True)
def suggest(request):
    """Completions for the search box, as a JSON list of strings."""
    prefix = clean_query(request.GET.get("q", ""))[:50]
    locale = get_supported_content_language_variant(request.LANGUAGE_CODE)
    try:
        suggestions = get_engine().suggest(prefix, locale=locale) if prefix else []
    except SearchUnavailable:
        return JsonResponse({"error": _("搜索服务暂时不可用")}, status=503)
    return JsonResponse(suggestions, safe=False)


@require_GET
def api(request):
    """The same search as JSON, for apps and partners: public works only, highlights as HTML."""
    search, notice = search_request(
        request, per_page=min(_page_number(request.GET.get("per_page", PER_PAGE)), 50)
    )
    if not (search.text or search.filters):
        return JsonResponse({"error": _("请提供搜索词 q 或筛选条件。")}, status=400)
    try:
        result = get_engine().search(search)
    except SearchUnavailable:
        return JsonResponse({"error": _("搜索服务暂时不可用")}, status=503)
    works = _works_by_id(result.hits)
    return JsonResponse(
        {
            "query": search.text,
            "notice": notice,
            "total": result.total,
            "partial_total": result.partial_total,
            "page": search.page,
            "hits": [
                {
                    "id": hit.page_id,
                    "url": request.build_absolute_uri(works[hit.page_id].url),
                    "title": works[hit.page_id].title,
                    "title_html": hit.title_html,
                    "snippet_html": hit.snippet_html,
                    "partial": hit.partial,
                    "form": works[hit.page_id].form,
                    "published": works[hit.page_id].first_published_at.date().isoformat()
                    if works[hit.page_id].first_published_at
                    else None,
                }
                for hit in result.hits
                if hit.page_id in works
            ],
            "facets": [
                {
                    "name": facet.name,
                    "label": facet.label,
                    "values": [
                        {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                        for v in facet.values
                    ],
                }
                for facet in result.facets
            ],
            "suggestions": result.suggestions,
        },
        json_dumps_params={"ensure_ascii": False},
    )
