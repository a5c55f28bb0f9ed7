"""CSV of the figures: UTF-8 with a byte-order mark (so Excel reads the Chinese), and no cell that a
spreadsheet would run as a formula."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Numbers as they are; text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response


def _period(filters):
    league = filters.league.name if filters.league else _("全区")
    return [_("时段"), f"{filters.start:%Y-%m-%d}", f"{filters.end:%Y-%m-%d}", _("地区"), league]


def figure_csv(figure, filters):
    """One figure: a line naming period and league, the header, one line per row."""
    response = _response(f"supervision-{figure.key}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in _period(filters)])
    writer.writerow([safe_cell(_("项目")), *(safe_cell(str(c)) for c in figure.columns)])
    for row in figure.rows:
        writer.writerow([safe_cell(row.label), *(safe_cell(v) for v in row.values)])
    return response


def all_csv(figures, filters):
    """Every figure in one file, one value a line: figure, row, column, value."""
    response = _response(f"supervision-all-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in _period(filters)])
    writer.writerow([_("统计"), _("项目"), _("指标"), _("数值")])
    for figure in figures:
        for row in figure.rows:
            for column, value in zip(figure.columns, row.values, strict=True):
                writer.writerow(
                    [safe_cell(str(figure.title)), safe_cell(row.label), safe_cell(str(column)), value]
                )
    return response
