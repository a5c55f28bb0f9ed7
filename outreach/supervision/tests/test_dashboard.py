"""The 督查 dashboard: who may read it, its filters, bounded queries at two sizes, CSV that parses
back to the figures' numbers, and the records behind each row."""

import csv
import io
from datetime import date

import pytest

from django.contrib.auth import get_user_model

from .. import figures
from ..export import safe_cell
from ..figures import Filters
from .conftest import build_outreach, build_world

pytestmark = pytest.mark.django_db

URL = "/admin/supervision/"
PERIOD = {"from": "2025-01-01", "to": "2026-06-15"}


@pytest.fixture
def world(site_tree, tasks):
    return build_world(site_tree["works"], tasks, 6)


@pytest.fixture
def admin_client(client, supervisor):
    client.force_login(supervisor)
    return client


def test_only_users_with_the_permission(client, supervisor, site_tree):
    assert client.get(URL).status_code == 302  # to the login
    User = get_user_model()
    from django.contrib.auth.models import Permission

    plain = User.objects.create_user("plain", "p@example.org", "pw")
    plain.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(plain)
    for url in (URL, f"{URL}csv/", f"{URL}csv/works_by_form/", f"{URL}records/works_by_form/?row=form:video"):
        assert client.get(url).status_code in (302, 403), url
    assert '"/admin/supervision/"' not in client.get("/admin/").content.decode()  # no menu item
    client.force_login(supervisor)
    assert client.get(URL).status_code == 200
    assert '"/admin/supervision/"' in client.get("/admin/").content.decode()  # 报告 → 督查统计
    superuser = User.objects.create_superuser("root", "r@example.org", "pw")
    client.force_login(superuser)
    assert client.get(URL).status_code == 200


def test_the_dashboard_shows_every_figure_as_chart_and_table(admin_client, world):
    response = admin_client.get(URL, PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    for key, title in figures.TITLES.items():
        assert f'id="{key}"' in page
        assert str(title) in page
        assert f'id="chart-{key}-title"' in page
    assert page.count('role="img"') == len(figures.BUILDERS)
    assert "<script" not in page.split('class="nice-padding supervision"')[1]


def test_presets_and_defaults(admin_client, site_tree):
    today = date.today()
    page = admin_client.get(URL).content.decode()
    assert f'value="{today.year}-01-01"' in page
    response = admin_client.get(URL, {"preset": "30d", "league": "150100"})
    assert response.context["filters"].end == today
    assert (response.context["filters"].end - response.context["filters"].start).days == 29
    assert response.context["filters"].league.code == "150100"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-01", "to": "2026-12-31"}, "年-月-日"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "不能晚于"),
        ({"from": "2026-05-01"}, "同时填写"),
        ({"league": "999999"}, "没有这个盟市"),
    ],
)
def test_bad_filters_are_a_400_that_keeps_the_input(admin_client, site_tree, params, message):
    response = admin_client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if "from" in params:
        assert f'value="{params["from"]}"' in page
    assert admin_client.get(f"{URL}csv/", params).status_code == 400


def _queries(admin_client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert admin_client.get(URL, PERIOD).status_code == 200
    with django_assert_max_num_queries(limit):
        assert admin_client.get(URL, {**PERIOD, "league": "150100"}).status_code == 200


QUERY_BUDGET = 37  # measured 36 at both sizes: session, user, permissions, each figure a few, the menu


@pytest.mark.parametrize("size", [2, 8])
def test_the_dashboard_costs_a_bounded_number_of_queries(
    admin_client, site_tree, tasks, size, django_assert_max_num_queries
):
    build_world(site_tree["works"], tasks, size)
    build_outreach(site_tree["home"], size)
    _queries(admin_client, django_assert_max_num_queries, QUERY_BUDGET)


def test_csv_of_a_figure_parses_back_to_its_numbers(admin_client, world):
    filters = Filters(date(2025, 1, 1), date(2026, 6, 15))
    for key in figures.BUILDERS:
        response = admin_client.get(f"{URL}csv/{key}/", PERIOD)
        assert response["Content-Type"].startswith("text/csv")
        body = response.content.decode("utf-8")
        assert body.startswith("\ufeff")
        lines = list(csv.reader(io.StringIO(body[1:])))
        figure = figures.figure(key, filters)
        assert lines[1][1:] == [str(c) for c in figure.columns]
        parsed = {line[0]: [float(v) for v in line[1:]] for line in lines[2:]}
        assert parsed == {row.label: [float(v) for v in row.values] for row in figure.rows}


def test_one_csv_of_everything(admin_client, world):
    filters = Filters(date(2025, 1, 1), date(2026, 6, 15))
    body = admin_client.get(f"{URL}csv/", PERIOD).content.decode("utf-8")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[2:]
    values = {(title, label, column): float(value) for title, label, column, value in lines}
    expected = {
        (str(f.title), row.label, str(column)): float(value)
        for f in figures.all_figures(filters)
        for row in f.rows
        for column, value in zip(f.columns, row.values, strict=True)
    }
    assert values == expected


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\t=1"])
def test_formula_cells_are_neutralised(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("内蒙古") == "内蒙古"
    assert safe_cell(-3) == -3


def test_the_records_behind_a_row_are_what_it_counts(admin_client, world):
    filters = Filters(date(2025, 1, 1), date(2026, 6, 15))
    article_figures = [
        key for key in figures.BUILDERS if key.startswith(("works_", "review_", "satisfaction_"))
    ]
    assert len(article_figures) == 6
    for key in article_figures:  # the outreach figures' records: test_outreach_figures.py
        for row in figures.figure(key, filters).rows:
            response = admin_client.get(f"{URL}records/{key}/", {**PERIOD, "row": row.key})
            assert response.status_code == 200, (key, row.key)
            listing = response.context["listing"]
            if key.startswith("works_") or key == "review_turnaround":
                assert listing.page.paginator.count == row.values[0], (key, row.key)
            else:  # answers: the works answered, with their yes and no adding up to the row
                listed = listing.page.object_list
                assert sum(int(r[1].text) for r in listed) == row.values[1], (key, row.key)
                assert sum(int(r[2].text) for r in listed) == row.values[2], (key, row.key)


def test_unknown_records_are_404(admin_client, site_tree):
    assert admin_client.get(f"{URL}records/nothing/", {"row": "x:y"}).status_code == 404
    assert admin_client.get(f"{URL}records/works_by_form/", {"row": "colour:red"}).status_code == 404
    assert admin_client.get(f"{URL}csv/nothing/").status_code == 404


@pytest.mark.parametrize("size", [3, 9])
def test_the_records_lists_cost_a_bounded_number_of_queries(
    admin_client, site_tree, tasks, size, django_assert_max_num_queries
):
    build_world(site_tree["works"], tasks, size)
    build_outreach(site_tree["home"], size)
    rows = {
        "works_by_form": "form:article",
        "review_turnaround": "stage:expert",
        "satisfaction_by_league": "league:150100",
        "events_by_campaign": "campaign:",
        "venues_by_type": "type:science-museum",
        "requests_by_state": "state:submitted",
        "volunteers_by_league": "league:150100",
    }
    for key, row in rows.items():
        with django_assert_max_num_queries(14):
            assert admin_client.get(f"{URL}records/{key}/", {**PERIOD, "row": row}).status_code == 200
