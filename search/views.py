"""The public search page: live, public works in the reader's locale."""

import unicodedata

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles import listings

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Drop control and format characters (NUL, RTL overrides …) that no reader types on purpose."""
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in raw)
    return " ".join(text.split())


def search(request):
    query = clean_query(request.GET.get("q", ""))
    notice = ""
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notice = _("搜索词过长,只使用了前 %(n)s 个字。") % {"n": MAX_QUERY_LENGTH}
    page_obj = None
    if query:
        results = listings.searchable_works().search(query)
        page_obj = listings.paginate(request, results)
        page_obj.object_list = listings.with_cards(page_obj.object_list)
    return render(
        request,
        "search/search.html",
        {"query": query, "page_obj": page_obj, "notice": notice, "filter_query": urlencode({"q": query})},
    )
