"""The 督查 dashboard in the admin: figures for a period and a league, as charts and tables, their
CSV, and the records behind each row. Only for users with supervision.view_dashboard (editors and
chief editors in the demo) and superusers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import charts, export, figures, records
from .forms import PRESETS, FilterForm

PERMISSION = "supervision.view_dashboard"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied(_("只有编辑和管理员可以查看督查统计。"))


def _filters(request):
    """The form and, when it is valid, its Filters."""
    form = FilterForm(request.GET)
    return form, (form.filters() if form.is_valid() else None)


def _bad_filter(request, form):
    context = {"form": form, "figures": [], "presets": PRESETS}
    return TemplateResponse(request, "supervision/dashboard.html", context, status=400)


def dashboard(request):
    _require(request)
    form, filters = _filters(request)
    if filters is None:
        return _bad_filter(request, form)
    query = urlencode(filters.query())
    shown = [
        {"figure": figure, "chart": charts.figure_chart(figure), "query": query}
        for figure in figures.all_figures(filters)
    ]
    context = {"form": form, "filters": filters, "figures": shown, "query": query, "presets": PRESETS}
    return TemplateResponse(request, "supervision/dashboard.html", context)


def figure_csv(request, key):
    _require(request)
    if key not in figures.BUILDERS:
        raise Http404
    form, filters = _filters(request)
    if filters is None:
        return _bad_filter(request, form)
    return export.figure_csv(figures.figure(key, filters), filters)


def all_csv(request):
    _require(request)
    form, filters = _filters(request)
    if filters is None:
        return _bad_filter(request, form)
    return export.all_csv(figures.all_figures(filters), filters)


def behind(request, key):
    _require(request)
    form, filters = _filters(request)
    if filters is None:
        return _bad_filter(request, form)
    row_key = request.GET.get("row", "")
    listing = records.record_list(key, row_key, filters, request.GET.get("p", 1))
    params = {**filters.query(), "row": row_key}
    context = {
        "listing": listing,
        "filters": filters,
        "figure_title": figures.figure_title(key),
        "query": urlencode(params),
        "dashboard_query": urlencode(filters.query()),
    }
    return TemplateResponse(request, "supervision/records.html", context)
