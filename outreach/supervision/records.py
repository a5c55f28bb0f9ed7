"""The records behind a figure's row: the works, reviews or answers a number counts, for the admin
list that each figure links to. Each kind reads its rows with the figure's own filters, so the list
is exactly what the number counted."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from articles.models import ArticlePage, Region

from . import figures

PER_PAGE = 50


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class RecordList:
    title: str
    headers: tuple
    page: object  # a Paginator page of rows (lists of Cells)


def _edit(page_id, title):
    return Cell(title, reverse("wagtailadmin_pages:edit", args=[page_id]))


def _split(key):
    name, _sep, value = key.partition(":")
    return name, value


def _works_filter(name, value):
    """The condition on works for a row key of the works figures."""
    if name == "audience":
        return Q(audiences__code=value) if value else Q(audiences=None)
    if name == "discipline":
        if not value:
            return Q(disciplines=None)
        if not value.isdigit():
            raise Http404
        return Q(disciplines__pk=value) | Q(disciplines__parent_id=value)
    if name == "form":
        return Q(form=value)
    if name == "league":
        if not value:
            return Q(regions=None)
        league = Region.objects.filter(code=value).first()
        if league is None:
            raise Http404
        if league.level == Region.Level.REGION:
            return Q(regions=league)
        return Q(pk__in=figures.works_in_league(league))
    raise Http404


def works(key, filters, number):
    name, value = _split(key)
    rows = (
        figures.published_works(filters)
        .filter(_works_filter(name, value))
        .distinct()
        .order_by("-first_published_at", "pk")
        .values_list("pk", "title", "first_published_at", "form")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [
        [_edit(pk, title), Cell(f"{published:%Y-%m-%d}"), Cell(form)]
        for pk, title, published, form in page.object_list
    ]
    return RecordList(_("发布的作品"), (_("作品"), _("首次发布"), _("形式")), page)


def answers(key, filters, number):
    name, value = _split(key)
    answered = figures.answers(filters)
    if name == "audience":
        answered = answered.filter(Q(page__audiences__code=value) if value else Q(page__audiences=None))
    elif name == "league":
        answered = answered.filter(page__in=ArticlePage.objects.filter(_works_filter(name, value)))
    else:
        raise Http404
    rows = (
        answered.values_list("page_id", "page__title")
        .annotate(yes=figures.SHARE["yes"], no=figures.SHARE["no"])
        .order_by("page__title", "page_id")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [
        [_edit(pk, title), Cell(str(yes)), Cell(str(no))] for pk, title, yes, no in page.object_list
    ]
    return RecordList(_("收到回答的作品"), (_("作品"), _("有帮助"), _("没帮助")), page)


def reviews(key, filters, number):
    name, value = _split(key)
    stages = figures.task_stages()
    task_ids = [pk for pk, stage in stages.items() if name == "stage" and stage == value]
    if name != "stage" or value not in figures.Stage.values:
        raise Http404
    rows = (
        figures.finished_task_states(filters)
        .filter(task_id__in=task_ids)
        .order_by("-finished_at", "pk")
        .values_list("workflow_state__object_id", "started_at", "finished_at", "status")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    ids = [int(object_id) for object_id, *_rest in page.object_list]
    titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
    statuses = {"approved": _("通过"), "rejected": _("退回")}
    page.object_list = [
        [
            _edit(int(object_id), titles.get(int(object_id), "—")),
            Cell(f"{started:%Y-%m-%d %H:%M}"),
            Cell(f"{finished:%Y-%m-%d %H:%M}"),
            Cell(f"{(finished - started).total_seconds() / 86400:.1f}"),
            Cell(str(statuses.get(status, status))),
        ]
        for object_id, started, finished, status in page.object_list
    ]
    headers = (_("作品"), _("开始"), _("完成"), _("用时（天）"), _("结果"))
    return RecordList(_("完成的审核环节"), headers, page)


# Figure key → the records behind its rows.
BEHIND = {
    "works_by_audience": works,
    "works_by_discipline": works,
    "works_by_form": works,
    "review_turnaround": reviews,
    "satisfaction_by_audience": answers,
    "satisfaction_by_league": answers,
}


def record_list(figure_key, row_key, filters, number=1):
    if figure_key not in BEHIND:
        raise Http404
    return BEHIND[figure_key](row_key, filters, number)
