"""What every search engine promises, run against each one: the database engine always (on SQLite,
and on PostgreSQL in `make test-postgres`), Elasticsearch when a server is given.

The works are written through the normal publishing path; the engines learn of them through the
same signals as in production.
"""

import os
import time

import pytest

from django.contrib.auth.models import Group
from django.db import connection

from wagtail.models import Locale, PageViewRestriction

from search.service import SearchRequest, get_engine
from tests import factories

pytestmark = pytest.mark.django_db

SENTENCE = "科学技术普及工作是推动社会发展的重要基础性工作。"


def _engines():
    yield "database"
    reason = "no Elasticsearch server: set ELASTICSEARCH_URL to run"
    yield pytest.param(
        "elasticsearch", marks=pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=reason)
    )


@pytest.fixture(params=list(_engines()))
def engine(request, settings):
    settings.PORTAL_SEARCH_ENGINE = request.param
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        settings.ELASTICSEARCH_INDEX = f"kepu-test-{os.getpid()}"
    search_engine = get_engine(request.param)
    search_engine.rebuild()
    return search_engine


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def works(site_tree, engine):
    index = site_tree["works"]
    made = {
        "policy": factories.make_work(
            index,
            "科普工作的意义",
            body=paragraph(SENTENCE),
            summary="为什么要做科普。",
            audiences=["officials"],
            published_at=factories.days_ago(400),
        ),
        "desert": factories.make_work(
            index,
            "草原沙化是怎样发生的",
            body=paragraph("过度放牧和干旱会让草原土地沙化。防沙治沙需要禁牧休牧、种草种树。"),
            summary="土地沙化的成因与防治。",
            disciplines=["ecology"],
            audiences=["farmers-herders"],
            regions=["152522"],  # 阿巴嘎旗
            published_at=factories.days_ago(30),
        ),
        "fraud": factories.make_work(
            index,
            "老年人如何防范电信诈骗",
            body=paragraph("接到自称公检法的电话要求转账,一定是诈骗。"),
            summary="防诈骗的几条要诀。",
            disciplines=["fraud-prevention"],
            audiences=["elderly"],
            form="video",
            published_at=factories.days_ago(3),
        ),
    }
    for work in made.values():
        engine.index_work(work)  # published_at was changed after publishing
    return made


def found(engine, text="", **options):
    return [hit.page_id for hit in engine.search(SearchRequest(text=text, **options)).hits]


def test_parts_of_compound_words_are_found(engine, works):
    for query in ["普及", "社会发展", "科学技术普及", "基础性"]:
        assert found(engine, query) == [works["policy"].pk], query


def test_synonyms_traditional_characters_and_full_width(engine, works):
    assert works["policy"].pk in found(engine, "科普")
    assert works["policy"].pk in found(engine, "科學普及")
    assert found(engine, "反诈") == [works["fraud"].pk]


def test_a_county_name_finds_works_tagged_with_it(engine, works):
    assert found(engine, "阿巴嘎旗") == [works["desert"].pk]
    assert found(engine, "锡林郭勒盟") == [works["desert"].pk]  # its league


def test_works_with_every_word_come_first_then_some(engine, works):
    assert found(engine, "草原 沙化")[0] == works["desert"].pk
    # No work has both words: those with either are offered rather than nothing.
    assert sorted(found(engine, "沙化 诈骗")) == sorted([works["desert"].pk, works["fraud"].pk])


def test_highlights_are_marked_and_escaped(engine, site_tree):
    work = factories.make_work(
        site_tree["works"],
        "<script>alert(1)</script>近视防控",
        body=paragraph("近视的孩子越来越多,每天户外活动两小时有助于预防近视。"),
    )
    engine.index_work(work)
    [hit] = engine.search(SearchRequest(text="近视")).hits
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>近视</mark>" in hit.title_html
    assert "<mark>近视</mark>" in hit.snippet_html


def test_facets_count_hits_and_combine(engine, works):
    result = engine.search(SearchRequest(filters={"audience": ("elderly", "farmers-herders")}))
    assert sorted(hit.page_id for hit in result.hits) == sorted([works["fraud"].pk, works["desert"].pk])
    facets = {facet.name: {v.value: (v.count, v.selected) for v in facet.values} for facet in result.facets}
    # A facet's own selection does not narrow its counts; the others' selections do.
    assert facets["audience"]["officials"] == (1, False)
    assert facets["audience"]["elderly"] == (1, True)
    assert facets["form"] == {"video": (1, False), "article": (1, False)}
    assert facets["league"] == {"152500": (1, False)}
    assert facets["discipline"] == {"safety": (1, False), "ecology": (1, False)}  # sub-fields roll up
    narrowed = engine.search(
        SearchRequest(filters={"audience": ("elderly", "farmers-herders"), "form": ("video",)})
    )
    assert [hit.page_id for hit in narrowed.hits] == [works["fraud"].pk]
    year = str(works["fraud"].first_published_at.year)
    assert works["fraud"].pk in found(engine, filters={"year": (year,)})


def test_sort_by_date_and_paging(engine, works):
    newest_first = [works["fraud"].pk, works["desert"].pk, works["policy"].pk]
    everything = {"form": ("article", "video")}
    assert found(engine, filters=everything, sort="date") == newest_first
    pages = [found(engine, filters=everything, sort="date", page=n, per_page=2) for n in (1, 2, 3)]
    assert pages == [newest_first[:2], newest_first[2:], []]
    assert engine.search(SearchRequest(filters=everything, per_page=2)).total == 3


def test_only_live_public_current_locale_works(engine, site_tree, works):
    index = site_tree["works"]
    draft = factories.make_work(index, "近视草稿", publish=False)
    private_section = factories.make_work(index, "近视内部资料")
    restriction = PageViewRestriction.objects.create(page=private_section, restriction_type="groups")
    restriction.groups.set([Group.objects.get(name="Editors")])
    unpublished = factories.make_work(index, "近视已下线")
    unpublished.unpublish()
    english = Locale.objects.create(language_code="en")
    other_locale = factories.make_work(index, "近视英文版", locale=english)
    shown = found(engine, "近视")
    for work in (draft, private_section, unpublished, other_locale):
        assert work.pk not in shown, work.title
    assert shown == []
    restriction.delete()
    assert found(engine, "近视") == [private_section.pk]


def test_republishing_and_unpublishing_follow_at_once(engine, works):
    work = works["fraud"]
    work.unpublish()
    assert found(engine, "诈骗") == []
    revision = work.latest_revision
    factories.clear_import(revision, "测试数据")
    revision.publish()
    assert found(engine, "诈骗") == [work.pk]


def test_suggestions(engine, works):
    assert "草原沙化是怎样发生的" in engine.suggest("草原")
    assert "老年人如何防范电信诈骗" in engine.suggest("老年")
    assert engine.suggest("") == []


def test_zero_results_offer_related_queries(engine, works):
    result = engine.search(SearchRequest(text="新冠"))
    assert result.total == 0
    assert result.suggestions


@pytest.mark.parametrize(
    "query",
    [
        "草" * 100_000,
        "!!!???。。。,,,",
        "'; DROP TABLE wagtailcore_page; --",
        'title:"x" OR 1=1 NEAR(a b) * ^ -',
        "😀🌾🐑",
        "AND OR NOT",
        '"',
        "\\",
    ],
)
def test_hostile_queries_answer_quickly(engine, works, query):
    started = time.perf_counter()
    result = engine.search(SearchRequest(text=query))
    assert time.perf_counter() - started < 1.0
    assert result.total == 0


def test_another_app_process_sees_a_work_leave_at_once(engine, works):
    """Each app process keeps its own copy of what is findable; none may keep an unpublished work."""
    other_process = type(engine)()
    assert works["fraud"].pk in found(other_process, "诈骗")
    works["fraud"].unpublish()  # through this process's signals
    assert found(other_process, "诈骗") == []


def test_partial_matches_rest_on_meaningful_words_only(engine, site_tree):
    index = site_tree["works"]
    factories.make_work(
        index, "植物为什么是绿色的", summary="叶子的颜色。", body=paragraph("叶子看起来是绿色。")
    )
    factories.make_work(
        index, "草原上的食物链", summary="牧草和野兔。", body=paragraph("少了一环,整条链都受影响。")
    )
    quantum = factories.make_work(
        index, "量子通信是怎么回事", summary="密钥的传递。", body=paragraph("量子通信利用量子态传递密钥。")
    )
    # 量子色动力学xyz: 量子 may stand in for the query; 色 (of 绿色) may not. Nothing has every word.
    result = engine.search(SearchRequest(text="量子色动力学xyz"))
    assert [(hit.page_id, hit.partial) for hit in result.hits] == [(quantum.pk, True)]
    assert (result.total, result.partial_total) == (1, 1)
    # 区块链 is cut into 区块 + 链: the 链 of 食物链 is no match.
    assert engine.search(SearchRequest(text="区块链")).total == 0
    full = engine.search(SearchRequest(text="量子通信"))
    assert [(hit.page_id, hit.partial) for hit in full.hits] == [(quantum.pk, False)]
    assert full.partial_total == 0


def test_body_only_matches_rank_by_what_the_body_says_after_title_matches(engine, site_tree):
    index = site_tree["works"]
    filler = "草原生态需要长期保护,牧民和科研人员一起监测草场的变化。"

    def work(title, body, days):
        return factories.make_work(
            index, title, summary="牧区的一年。", body=body, published_at=factories.days_ago(days)
        )

    # The newest work only mentions the word in passing: by date it would come first.
    passing = work("草原生态监测", paragraph(filler * 3 + "有一年还遇上了白灾。" + filler * 2), 1)
    much = work(
        "冬季牧区的风险",
        paragraph("白灾是牧区冬季最大的灾害。白灾来临前要储备饲草,白灾过后要清点牲畜。" + filler),
        300,
    )
    heading = work(
        "牧区冬季怎样准备",
        [
            {"type": "heading", "value": {"text": "白灾来了怎么办"}},
            *paragraph(filler + "提前储备饲草和燃料。"),
        ],
        200,
    )
    titled = work("白灾是什么", paragraph(filler), 400)
    for made in (passing, much, heading, titled):
        engine.index_work(made)  # published_at was changed after publishing
    ranked = found(engine, "白灾")
    assert sorted(ranked) == sorted([passing.pk, much.pk, heading.pk, titled.pk])
    if connection.vendor == "postgresql" and engine.name == "database":
        # Ranked in tiers there: works about the words (title, summary) first. (SQLite's bm25 and
        # Elasticsearch weigh a title match against the body's mentions instead.)
        assert ranked[0] == titled.pk
    assert ranked.index(much.pk) < ranked.index(passing.pk)
    assert ranked.index(heading.pk) < ranked.index(passing.pk)
