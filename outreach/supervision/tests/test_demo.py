"""The supervision demo: the answers its data file names, on the works it names, made once; the
dashboard permission for the groups it names."""

import io

import pytest

from django.contrib.auth.models import Group

from outreach.demo import DemoContext
from tests import factories

from .. import demo
from ..models import HelpfulAnswer

pytestmark = pytest.mark.django_db


def test_demo_answers_are_made_once(site_tree, tmp_path, monkeypatch):
    work = factories.make_work(
        site_tree["works"], "冬季取暖防范一氧化碳中毒", published_at=factories.days_ago(400)
    )
    data = tmp_path / "demo.toml"
    data.write_text(
        f'dashboard_groups = ["editors"]\nspread_days = 90\n[answers]\n"{work.slug}" = [9, 3]\n"missing" = [1, 1]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(demo, "DATA", data)
    editors = Group.objects.create(name="责任编辑（测试）")
    context = DemoContext(
        home=site_tree["home"],
        users={},
        groups={"editors": editors},
        disciplines={},
        audiences={},
        regions={},
        campaigns={},
        stdout=io.StringIO(),
    )
    demo.load(context)
    demo.load(context)
    answers = HelpfulAnswer.objects.filter(page=work)
    assert answers.count() == 12
    assert answers.filter(helpful=False).count() == 3
    days = sorted(answers.values_list("created", flat=True))
    assert (days[-1] - days[0]).days == 90
    assert editors.permissions.filter(codename="view_dashboard").exists()


def test_the_demo_data_names_real_demo_works():
    import tomllib
    from pathlib import Path

    data = tomllib.loads(demo.DATA.read_text(encoding="utf-8"))
    works = Path(__file__).resolve().parents[3] / "home" / "demo" / "content" / "works"
    for slug, (yes, no) in data["answers"].items():
        assert (works / f"{slug}.md").exists(), slug
        assert yes > no >= 0
