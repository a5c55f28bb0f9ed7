"""Charts drawn on the server as SVG: horizontal bars, each labelled with its value. No script, no
library, nothing fetched; the same figures stand in a table beside each chart (the chart is
role="img" with a title and a description for screen readers)."""

from django.utils.html import format_html, format_html_join

WIDTH = 480  # about the width it is shown at beside its table, so 14px text stays ~14px
LABEL_WIDTH = 140  # the row labels (Chinese: up to 9 characters at 14px)
VALUE_ROOM = 56  # the value after the longest bar
BAR = 22
GAP = 10
TOP = 8
BAR_COLOUR = "#2f7d4f"  # grassland green (portal.css): one colour, the bars differ only in length


def _number(value):
    if isinstance(value, float):
        return f"{value:.1f}"
    return f"{int(value):,}"


def horizontal_bars(chart_id, title, rows, unit="", maximum=None):
    """SVG of one bar per (label, value) in `rows`; `title` names it for screen readers. The longest
    bar stands for `maximum` (a share's 100) or, without one, for the largest value."""
    rows = list(rows)
    biggest = maximum or max((value for _label, value in rows), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    height = TOP * 2 + len(rows) * (BAR + GAP)
    bars = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * (BAR + GAP)
        length = round(span * value / biggest, 1) if value else 0
        bars.append(
            format_html(
                '<g><text x="{}" y="{}" text-anchor="end" font-size="14" fill="#1f2a24">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="14" fill="#1f2a24">{}</text></g>',
                LABEL_WIDTH - 8,
                y + BAR * 0.72,
                label,
                LABEL_WIDTH,
                y,
                length,
                BAR,
                BAR_COLOUR,
                LABEL_WIDTH + length + 6,
                y + BAR * 0.72,
                _number(value),
            )
        )
    description = "；".join(f"{label}：{_number(value)}" for label, value in rows)
    return format_html(
        '<svg class="supervision-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc" '
        'font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif">'
        '<title id="{}-title">{}（{}）</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        unit,
        chart_id,
        description,
        format_html_join("", "{}", ((bar,) for bar in bars)),
    )


def figure_chart(figure):
    """The chart of a figure (figures.Figure): its chart column, one bar per row."""
    column = figure.chart_column
    return horizontal_bars(
        f"chart-{figure.key}",
        figure.title,
        [(row.label, row.values[column]) for row in figure.rows],
        unit=figure.chart_unit,
        maximum=figure.chart_max,
    )
