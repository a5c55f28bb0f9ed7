"""政策法规: the section lists its documents with their number, issuers and dates, the region's
documents first and each level newest first; a document page shows the same data; page rules."""

import datetime
import re

import pytest

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, PolicyDocumentPage, PolicyIndexPage, StandardPage

pytestmark = pytest.mark.django_db


def _document(section, title, level, issued, **fields):
    page = PolicyDocumentPage(
        title=title,
        slug=f"doc-{issued}",
        level=level,
        issuers=fields.pop("issuers", "国务院"),
        issued=datetime.date.fromisoformat(issued),
        **fields,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def section(site_tree):
    section = PolicyIndexPage(title="政策法规", slug="policy", show_in_menus=True, intro="法律和政策。")
    site_tree["home"].add_child(instance=section)
    section.save_revision().publish()
    return section


def test_the_section_lists_region_documents_first_each_level_newest_first(client, section):
    _document(section, "旧的国家文件", "national", "2021-06-03", document_number="国发〔2021〕9号")
    _document(section, "新的国家法律", "national", "2024-12-25", published=datetime.date(2024, 12, 25))
    _document(
        section,
        "自治区实施方案",
        "region",
        "2024-11-13",
        document_number="内科政字〔2024〕39号",
        issuers="内蒙古自治区科学技术厅 内蒙古自治区科学技术协会",
    )
    draft = _document(section, "草稿文件", "region", "2025-01-01")
    draft.unpublish()

    content = client.get(section.url).content.decode()
    titles = re.findall(r'class="policy-item__title"><a href="[^"]+">([^<]+)</a>', content)
    assert titles == ["自治区实施方案", "新的国家法律", "旧的国家文件"]
    assert content.index("自治区政策文件") < content.index("自治区实施方案")
    assert content.index("国家法律法规和政策") < content.index("新的国家法律")
    assert "<dt>文号</dt><dd>内科政字〔2024〕39号</dd>" in content
    assert "<dd>内蒙古自治区科学技术厅 内蒙古自治区科学技术协会</dd>" in content
    assert '<time datetime="2024-11-13">2024年11月13日</time>' in content
    # A document without a publication date shows none, and one without a number shows no 文号.
    law = content[content.index("新的国家法律") : content.index("旧的国家文件")]
    assert "发布日期" in law
    assert "文号" not in law


def test_a_document_page_shows_its_data_and_the_way_back(client, section):
    plan = _document(
        section,
        "自治区实施方案",
        "region",
        "2024-11-13",
        document_number="内科政字〔2024〕39号",
        intro="方案的导语。",
        body=[{"type": "paragraph", "value": "<p>科学技术普及是……</p>"}],
    )
    content = client.get(plan.url).content.decode()
    assert "<h1>自治区实施方案</h1>" in content
    assert "<dd>内科政字〔2024〕39号</dd>" in content
    assert "2024年11月13日" in content
    assert "科学技术普及是……" in content
    assert f'<a href="{section.url}">政策法规</a>' in content


def test_the_section_is_in_the_main_menu_and_the_footer(client, section, site_tree):
    content = client.get(site_tree["home"].url).content.decode()
    start = content.index('<nav class="main-nav"')
    nav = content[start : content.index("</nav>", start)]
    footer = content[content.index('<footer class="site-footer"') :]
    assert f'href="{section.url}"' in nav
    assert f'href="{section.url}"' in footer


class PolicyPageRulesTest(WagtailPageTestCase):
    def test_documents_sit_in_the_section_and_the_section_under_home(self):
        self.assertAllowedParentPageTypes(PolicyIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyIndexPage, {PolicyDocumentPage})
        self.assertAllowedParentPageTypes(PolicyDocumentPage, {PolicyIndexPage})
        self.assertAllowedSubpageTypes(PolicyDocumentPage, set())
        self.assertCanNotCreateAt(StandardPage, PolicyDocumentPage)


def test_the_loader_replaces_an_older_demos_plain_policy_page(site_tree):
    from home.demo import content
    from home.demo.loader import DemoLoader

    home = site_tree["home"]
    old = StandardPage(title="政策法规", slug="policy", intro="旧的栏目页。")
    home.add_child(instance=old)
    old.save_revision().publish()
    old_plan = StandardPage(title="旧的方案页", slug="nmg-kepu-plan-2024", intro="旧的方案页。")
    old.add_child(instance=old_plan)

    loader = DemoLoader()
    loader.policies = content.policies()
    loader.load_policies(home)
    loader.load_policies(home)  # a second run changes nothing

    assert not StandardPage.objects.filter(pk__in=[old.pk, old_plan.pk]).exists()
    section = PolicyIndexPage.objects.child_of(home).get(slug="policy")
    documents = PolicyDocumentPage.objects.child_of(section).live()
    assert sorted(documents.values_list("slug", flat=True)) == [
        "kepu-law",
        "national-science-literacy-plan-2021-2035",
        "nmg-kepu-plan-2024",
    ]
    law = documents.get(slug="kepu-law")
    assert (law.level, law.document_number, law.issued, law.published) == (
        "national",
        "",
        datetime.date(2024, 12, 25),
        datetime.date(2024, 12, 25),
    )
