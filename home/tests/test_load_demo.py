"""`load_demo` builds the whole demo site, covers every taxonomy, and can run twice."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry

from articles.models import ArticlePage, Audience, Discipline, NewsPage, WorkForm
from home.models import HomePage, StandardPage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load once for the module (it takes seconds), then clean up after the module's tests."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        Page.objects.filter(depth__gt=1).delete()
        Site.objects.all().delete()
        get_image_model().objects.all().delete()
        get_user_model().objects.all().delete()
        Group.objects.all().delete()


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_page_tree():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.locale.language_code == "zh-hans"
    titles = set(Page.objects.child_of(home).values_list("title", flat=True))
    assert {
        "科普作品",
        "科普资讯",
        "青少年科普",
        "农牧民科普",
        "老年人健康与防诈骗",
        "产业工人科普",
    } <= titles
    assert {"领导干部科普大讲堂", "关于本站", "投稿须知", "隐私政策", "政策法规"} <= titles
    plan = StandardPage.objects.get(slug="nmg-kepu-plan-2024")
    assert plan.get_parent().title == "政策法规"
    assert "科学技术普及（以下简称科普）" in str(plan.body)


def test_works_cover_every_discipline_audience_and_form():
    works = ArticlePage.objects.live()
    assert works.count() >= 30
    used_disciplines = {d.parent.code if d.parent_id else d.code for w in works for d in w.disciplines.all()}
    top_level = set(Discipline.objects.filter(parent=None).values_list("code", flat=True))
    assert used_disciplines == top_level
    assert {a.code for w in works for a in w.audiences.all()} == set(
        Audience.objects.values_list("code", flat=True)
    )
    assert set(works.values_list("form", flat=True)) == set(WorkForm.values)
    assert len({r.code for w in works for r in w.regions.all()}) >= 10


def test_every_work_has_references_a_fact_box_and_a_fictional_creator():
    for work in ArticlePage.objects.all():
        types = {block.block_type for block in work.body}
        assert {"references", "fact"} <= types, work.slug
        assert work.creator_affiliation.endswith("（演示）"), work.slug
        if work.form in (WorkForm.VIDEO, WorkForm.AUDIO):
            assert work.form in types, work.slug


def test_news_and_demo_people():
    assert NewsPage.objects.live().count() >= 10
    users = {u.username: u for u in get_user_model().objects.all()}
    assert {"admin", "editor", "expert", "chief", "creator"} <= set(users)
    assert users["admin"].is_superuser
    assert users["editor"].groups.filter(name="责任编辑").exists()
    assert users["expert"].groups.filter(name="审核专家").exists()
    assert users["chief"].groups.filter(name="总编").exists()
    assert not users["creator"].has_perm("wagtailadmin.access_admin")
    images = policy_registry.get_by_type(get_image_model())
    assert images.user_has_permission(users["editor"], "add")
    assert not images.user_has_permission(users["creator"], "add")


def test_second_run_creates_nothing():
    counts = (Page.objects.count(), get_image_model().objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        get_user_model().objects.count(),
    ) == counts


def test_every_demo_page_renders(client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
