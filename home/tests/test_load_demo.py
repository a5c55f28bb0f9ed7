"""`load_demo` builds the whole demo site from the content files, covers every taxonomy, and can
run twice; a file added to the content folder is a new work; a bad file stops it with its name."""

import io
import re
import shutil

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site, WorkflowState
from wagtail.permissions import policy_registry

from articles.models import ArticlePage, Audience, Discipline, NewsPage, WorkForm
from home.demo import content
from home.demo.loader import DemoLoader
from home.models import HomeFeaturedWork, HomePage, PolicyDocumentPage, PolicyIndexPage, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]


def test_page_tree():
    home = HomePage.objects.get(locale__language_code="zh-hans")
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
    section = PolicyIndexPage.objects.get(locale=home.locale)
    assert (section.title, section.show_in_menus, section.get_parent().pk) == ("政策法规", True, home.pk)
    plan = PolicyDocumentPage.objects.child_of(section).get(slug="nmg-kepu-plan-2024")
    assert (plan.document_number, plan.issuers, plan.issued.isoformat()) == (
        "内科政字〔2024〕39号",
        "内蒙古自治区科学技术厅 内蒙古自治区科学技术协会",
        "2024-11-13",
    )
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


def test_second_run_creates_nothing_and_moves_the_site_to_where_it_is_served():
    counts = (Page.objects.count(), get_image_model().objects.count(), get_user_model().objects.count())
    call_command("load_demo", "--address", "127.0.0.1:8000", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        get_user_model().objects.count(),
    ) == counts
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)  # the digest's links point there
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)


@pytest.mark.parametrize("address", ["8000", "127.0.0.1:", "127.0.0.1:http"])
def test_a_bad_address_is_refused(address):
    with pytest.raises(CommandError, match="HOST:PORT"):
        call_command("load_demo", "--address", address, stdout=io.StringIO())


def test_every_demo_page_renders(client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_every_content_file_is_on_the_site():
    works = {item["slug"] for item in content.works()}
    submissions = {item["slug"] for item in content.submissions()}
    assert set(ArticlePage.objects.live().values_list("slug", flat=True)) == works
    assert set(ArticlePage.objects.filter(live=False).values_list("slug", flat=True)) == submissions
    assert set(NewsPage.objects.values_list("slug", flat=True)) == {item["slug"] for item in content.news()}
    pages = {item["slug"] for item in content.pages()}
    assert pages <= set(StandardPage.objects.values_list("slug", flat=True))
    policies = {item["slug"] for item in content.policies()}
    assert set(PolicyDocumentPage.objects.live().values_list("slug", flat=True)) == policies
    assert [
        f.work.slug
        for f in HomePage.objects.get(locale__language_code="zh-hans").featured_works.order_by("sort_order")
    ] == [
        "grassland-desertification-causes-and-control",
        "naadam-sports-injury-prevention-first-aid",
        "wind-and-solar-power-how-they-make-electricity",
        "winter-heating-carbon-monoxide-poisoning-prevention",
    ]
    about = StandardPage.objects.get(slug="about")
    assert about.show_in_menus and not StandardPage.objects.get(slug="privacy").show_in_menus
    assert "（一）" in str(
        PolicyDocumentPage.objects.get(slug="nmg-kepu-plan-2024", locale__language_code="zh-hans").body
    )


def _counts():
    models = [Page, ArticlePage, NewsPage, StandardPage, PolicyDocumentPage, HomeFeaturedWork, Revision]
    models += [WorkflowState, Group]
    return {model.__name__: model.objects.count() for model in models} | {
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_loading_again_keeps_one_copy_of_everything():
    before = _counts()
    DemoLoader(io.StringIO()).run()
    assert _counts() == before
    # One page per slug in each language (a translation shares its source's slug).
    assert not [
        (slug, locale)
        for slug, locale in Page.objects.values_list("slug", "locale")
        if Page.objects.filter(slug=slug, locale=locale, depth__gt=1).count() > 1
    ]


def _copy_content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, folder)
    return folder


def _new_work(text, slug, title):
    text = re.sub(r'^slug = ".*"$', f'slug = "{slug}"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r'^title = ".*"$', f'title = "{title}"', text, count=1, flags=re.MULTILINE)
    return re.sub(r"^featured = .*\n", "", text, flags=re.MULTILINE)


def test_a_file_added_to_the_content_folder_is_loaded_as_a_new_work(tmp_path):
    folder = _copy_content(tmp_path)
    source = (folder / "works" / "how-sandstorms-form.md").read_text(encoding="utf-8")
    (folder / "works" / "a-new-demo-work.md").write_text(
        _new_work(source, "a-new-demo-work", "新加的一篇作品"), encoding="utf-8"
    )
    before = _counts()
    out = io.StringIO()
    with pytest.warns(UserWarning, match="missing from font"):  # 篇 of the new title: not in the demo font
        call_command("load_demo", "--content", str(folder), stdout=out)
    assert "'篇', missing from the demo font" in out.getvalue()
    work = ArticlePage.objects.get(slug="a-new-demo-work")
    assert work.live and work.title == "新加的一篇作品"
    original = ArticlePage.objects.get(slug="how-sandstorms-form")
    assert [b.block_type for b in work.body] == [b.block_type for b in original.body]
    assert set(work.disciplines.all()) == set(original.disciplines.all())
    after = _counts()
    assert after["ArticlePage"] == before["ArticlePage"] + 1 and after["Page"] == before["Page"] + 1


def test_the_content_folder_can_be_set_in_settings(tmp_path, settings):
    source = (content.CONTENT_DIR / "news" / "kepu-law-revised-2024.md").read_text(encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a-new-demo-news.md").write_text(
        _new_work(source, "a-new-demo-news", "新加的一条资讯"), encoding="utf-8"
    )
    settings.DEMO_CONTENT_DIR = tmp_path
    DemoLoader(io.StringIO()).run()
    assert NewsPage.objects.get(slug="a-new-demo-news").title == "新加的一条资讯"


_WORK = "works/how-sandstorms-form.md"
_VIDEO = "works/youth-myopia-outdoor-two-hours.md"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (_WORK, 'disciplines = ["meteorology"', 'disciplines = ["no-such-discipline"', "unknown discipline"),
        (_WORK, "regions = [", 'regions = ["159999", ', r"unknown region code\(s\) \['159999'\]"),
        (_WORK, 'audiences = ["', 'audiences = ["children", "', r"unknown audience code\(s\) \['children'\]"),
        (_WORK, 'form = "article"', 'form = "podcast"', "unknown form 'podcast'"),
        (_WORK, "tags = ", 'campaign = "no-such-campaign"\ntags = ', "unknown campaign"),
        (_WORK, "tags = ", "featured = 7\ntags = ", "featured = 7"),
        (_VIDEO, "::: transcript", "::: fact 不是文字稿", "needs a transcript"),
        (_WORK, 'form = "article"', 'form = "article', r"malformed front matter: .*\(at line 5"),
        ("news/kepu-law-revised-2024.md", "+++\n", "", "must start with a front matter"),
        ("pages/about.md", "## ", "### ", "only one level"),
    ],
)
def test_a_bad_file_stops_the_loader_before_it_writes_and_names_the_file(tmp_path, file, old, new, message):
    folder = _copy_content(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError) as raised:
        call_command("load_demo", "--content", str(folder), stdout=io.StringIO())
    assert str(raised.value).startswith(str(path)), raised.value
    assert re.search(message, str(raised.value)), raised.value
    assert _counts() == before
