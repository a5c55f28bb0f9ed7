"""The Elasticsearch engine: what it sends a cluster and how it reads the answers, against a
recording stand-in (fake_elasticsearch); and a few checks that need a real cluster, run only when
ELASTICSEARCH_URL names one. What both engines promise is in test_contract.py."""

import socket
import time

import pytest

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from search import analysis
from search.engines import elasticsearch as es_engine
from search.engines.elasticsearch import ElasticsearchEngine
from search.service import SearchRequest, SearchUnavailable
from tests import factories

from .fake_elasticsearch import FakeElasticsearch, bulk_ok, error, search_response

pytestmark = pytest.mark.django_db
ALIAS = "kepu-works"
NEW_INDEX = rf"/{ALIAS}-[0-9]+"


@pytest.fixture
def cluster(settings):
    fake = FakeElasticsearch().start().healthy(ALIAS)
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = ALIAS
    yield fake
    fake.stop()


@pytest.fixture
def engine(cluster):
    return ElasticsearchEngine()


def searched(cluster):
    """The first search sent (the one asking for every word)."""
    return cluster.sent("POST", f"/{ALIAS}/_search")[0].body


# What it sends: the index ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "index_tokenizer", "search_tokenizer"),
    [
        ([["analysis-ik"]], "ik_max_word", "ik_smart"),
        ([["analysis-smartcn"]], "smartcn_tokenizer", "smartcn_tokenizer"),
        ([["analysis-ik", "analysis-smartcn"]], "ik_max_word", "ik_smart"),
        ([["analysis-smartcn"], []], "standard", "standard"),  # a plugin counts when every node has it
        ([[]], "standard", "standard"),
    ],
)
def test_the_chinese_analyzer_is_the_best_plugin_the_cluster_has(
    cluster, engine, nodes, index_tokenizer, search_tokenizer
):
    plugins = {f"n{n}": {"plugins": [{"name": name} for name in names]} for n, names in enumerate(nodes)}
    cluster.reply("GET", "/_nodes/plugins", {"nodes": plugins})
    engine.rebuild()
    [create] = cluster.sent("PUT", NEW_INDEX)
    analyzers = create.body["settings"]["analysis"]["analyzer"]
    assert analyzers["chinese"]["tokenizer"] == index_tokenizer
    assert analyzers["chinese_search"]["tokenizer"] == search_tokenizer
    if index_tokenizer == "standard":  # the built-in cjk analyzer's bigrams, without its English stop words
        assert analyzers["chinese"]["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]


def test_the_mapping(cluster, engine):
    engine.rebuild()
    engine.rebuild()
    assert len(cluster.sent("GET", "/_nodes/plugins")) == 1  # plugins are asked for once per process
    create = cluster.sent("PUT", NEW_INDEX)[0]
    mapping = create.body["mappings"]
    fields = mapping["properties"]
    assert create.body["settings"]["number_of_shards"] == 1
    assert create.body["settings"]["analysis"]["analyzer"]["segmented"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["lowercase"],
    }
    for name in ("title", "summary", "body", "terms", "creator_name"):
        assert fields[f"{name}_tokens"] == {"type": "text", "analyzer": "segmented"}
        assert fields[name] == {"type": "text", "analyzer": "chinese", "search_analyzer": "chinese_search"}
    for name in ("locale", "discipline", "audience", "league", "form", "year"):
        assert fields[name] == {"type": "keyword"}
    assert fields["published_at"] == {"type": "date"}
    assert fields["reading"] == {"type": "text", "index": False}  # only stored, for snippets
    assert fields["suggest"] == {
        "type": "completion",
        "analyzer": "suggest_prefix",
        "contexts": [{"name": "locale", "type": "category", "path": "locale"}],
    }
    assert mapping["dynamic"] == "strict"
    assert set(mapping["_source"]["excludes"]) == {f"{name}_tokens" for name in es_engine.TEXT_FIELDS}


# What it sends: rebuilding and indexing -------------------------------------------------------


def test_rebuild_fills_a_new_index_then_swaps_the_alias_in_one_step(cluster, engine, es_works):
    cluster.reply("GET", f"/{ALIAS}/_alias", {"kepu-works-1": {"aliases": {ALIAS: {}}}})
    assert engine.rebuild() == 2  # the draft is not indexed
    [create] = cluster.sent("PUT", NEW_INDEX)
    new_index = create.path.lstrip("/")
    steps = [(r.method, r.path) for r in cluster.requests]
    assert steps == [
        ("GET", "/_nodes/plugins"),
        ("PUT", f"/{new_index}"),
        ("PUT", "/_bulk"),
        ("POST", f"/{new_index}/_refresh"),
        ("GET", f"/{ALIAS}/_alias"),
        ("POST", "/_aliases"),
        ("DELETE", "/kepu-works-1"),
    ]
    [swap] = cluster.sent("POST", "/_aliases")
    assert swap.body == {
        "actions": [
            {"remove": {"index": "kepu-works-1", "alias": ALIAS}},
            {"add": {"index": new_index, "alias": ALIAS}},
        ]
    }
    [sent] = cluster.sent("PUT", "/_bulk")
    actions = sent.body[::2]
    assert actions == [
        {"index": {"_index": new_index, "_id": es_works["desert"].pk}},
        {"index": {"_index": new_index, "_id": es_works["fraud"].pk}},
    ]


def test_the_document_of_a_work(cluster, engine, es_works):
    engine.rebuild()
    [sent] = cluster.sent("PUT", "/_bulk")
    desert = sent.body[1]
    work = es_works["desert"]
    assert {key: desert[key] for key in ("page_id", "locale", "title", "summary", "body", "reading")} == {
        "page_id": work.pk,
        "locale": "zh-hans",
        "title": "草原沙化是怎样发生的",
        "summary": "土地沙化的成因与防治。",
        "body": "过度放牧和干旱会让草原土地沙化。",
        "reading": "过度放牧和干旱会让草原土地沙化。",  # the prose snippets are cut from
    }
    # Segmented exactly as the database engine segments it.
    assert desert["title_tokens"] == analysis.index_text("草原沙化是怎样发生的")
    assert desert["body_tokens"] == analysis.index_text("过度放牧和干旱会让草原土地沙化。")
    assert "阿巴嘎旗" in desert["terms"] and "锡林郭勒盟" in desert["terms"]
    assert {key: desert[key] for key in ("discipline", "audience", "league", "form")} == {
        "discipline": ["ecology"],
        "audience": ["farmers-herders", "officials"],
        "league": ["152500"],
        "form": ["article"],
    }
    assert desert["year"] == [str(work.first_published_at.year)]
    assert desert["published_at"].startswith(work.first_published_at.date().isoformat())
    # Any part of the title completes to it; newer works weigh more.
    assert desert["suggest"]["input"][:3] == [
        "草原沙化是怎样发生的",
        "原沙化是怎样发生的",
        "沙化是怎样发生的",
    ]
    fraud = sent.body[3]
    assert fraud["suggest"]["weight"] > desert["suggest"]["weight"] > 0
    assert fraud["discipline"] == ["safety"]  # the sub-field rolls up to its top field


@pytest.mark.parametrize(
    ("aliased", "first_action"),
    [
        (None, "add"),  # the first rebuild
        (
            {ALIAS: {"aliases": {}}},
            "remove_index",
        ),  # an index squatting on the alias's name goes in the same step
    ],
)
def test_rebuild_without_an_alias_to_move(cluster, engine, aliased, first_action):
    if aliased:
        cluster.reply("GET", f"/{ALIAS}/_alias", aliased)
    assert engine.rebuild() == 0
    [swap] = cluster.sent("POST", "/_aliases")
    assert next(iter(swap.body["actions"][0])) == first_action
    assert cluster.sent("DELETE", "/.*") == []


def test_a_failed_rebuild_leaves_the_alias_and_drops_its_new_index(cluster, engine, es_works):
    def one_rejected(recorded):
        answer = bulk_ok(recorded)
        answer["errors"] = True
        answer["items"][0]["index"] |= {"status": 400, "error": {"type": "mapper_parsing_exception"}}
        return answer

    cluster.reply("PUT", "/_bulk", one_rejected)
    with pytest.raises(SearchUnavailable):
        engine.rebuild()
    [create] = cluster.sent("PUT", NEW_INDEX)
    assert [r.path for r in cluster.sent("DELETE", "/.*")] == [create.path]
    assert cluster.sent("POST", "/_aliases") == []


def test_index_work_writes_through_the_alias(cluster, engine, es_works):
    engine.index_work(es_works["fraud"])
    [write] = cluster.sent("PUT", f"/{ALIAS}/_doc/{es_works['fraud'].pk}")
    assert write.params == {"require_alias": "true", "refresh": "wait_for"}
    assert write.body["title"] == "老年人如何防范电信诈骗"
    assert write.body["audience"] == ["elderly"]


def test_index_work_removes_what_readers_may_not_see(cluster, engine, es_works):
    engine.index_work(es_works["draft"])
    restricted = es_works["desert"]
    restriction = PageViewRestriction.objects.create(page=restricted, restriction_type="groups")
    restriction.groups.set([Group.objects.get(name="Editors")])
    engine.index_work(restricted)
    assert [r.path for r in cluster.sent("DELETE", "/.*")] == [
        f"/{ALIAS}/_doc/{es_works['draft'].pk}",
        f"/{ALIAS}/_doc/{restricted.pk}",
    ]
    assert cluster.sent("PUT", f"/{ALIAS}/_doc/.*") == []


def test_removing_a_work_the_index_lacks_is_fine_but_a_missing_index_is_not(cluster, engine):
    cluster.reply("DELETE", f"/{ALIAS}/_doc/7", {"_id": "7", "result": "not_found"}, status=404)
    engine.remove_work(7)
    cluster.reply("DELETE", f"/{ALIAS}/_doc/8", error("index_not_found_exception", "no such index", 404), 404)
    with pytest.raises(SearchUnavailable):
        engine.remove_work(8)


# What it sends: searching ---------------------------------------------------------------------


def token(value):
    """A token in any segmented field: title 4, terms 2, summary 2, creator 1, body 1."""
    boosts = {"title": 4.0, "terms": 2.0, "summary": 2.0, "creator_name": 1.0, "body": 1.0}
    fields = [
        {"term": {f"{name}_tokens": {"value": value, "boost": boost}}} for name, boost in boosts.items()
    ]
    return {"dis_max": {"queries": fields, "tie_breaker": 0.3}}


def test_the_query_for_words_synonyms_facets_date_order_and_page_three(cluster, engine, monkeypatch):
    # 煤气中毒: 煤气 or its synonym 一氧化碳 (itself two tokens), and 中毒.
    groups = ((("煤气",), ("一氧化碳", "一氧化")), (("中毒",),))
    monkeypatch.setattr(analysis, "analyse_query", lambda text: analysis.Query(groups, groups))
    filters = {"audience": ("elderly", "farmers-herders"), "league": ("152500",)}
    request = SearchRequest(text="煤气中毒", filters=filters, sort="date", page=3, per_page=10)
    engine.search(request)
    body = searched(cluster)
    assert body["query"] == {
        "bool": {
            "filter": [{"term": {"locale": "zh-hans"}}],
            "must": [
                {
                    "bool": {
                        "should": [
                            {"bool": {"must": [token("煤气")]}},
                            {"bool": {"must": [token("一氧化碳"), token("一氧化")]}},
                        ]
                    }
                },
                {"bool": {"should": [{"bool": {"must": [token("中毒")]}}]}},
            ],
            "should": [
                {
                    "multi_match": {
                        "query": "煤气中毒",
                        "fields": ["title^4", "terms^2", "summary^2", "creator_name^1", "body^1"],
                        "boost": 0.3,
                    }
                }
            ],
        }
    }
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"audience": ["elderly", "farmers-herders"]}},
                {"terms": {"league": ["152500"]}},
            ]
        }
    }
    assert body["sort"] == [
        {"published_at": {"order": "desc", "missing": "_last"}},
        {"page_id": {"order": "desc"}},
    ]
    assert (body["from"], body["size"]) == (20, 10)
    assert body["track_total_hits"] is True
    assert "highlight" not in body  # highlighted here, see test_highlights_are_escaped


def test_each_facet_counts_with_every_selection_but_its_own(cluster, engine):
    filters = {"audience": ("elderly",), "league": ("152500",)}
    engine.search(SearchRequest(text="沙化", filters=filters))
    aggs = searched(cluster)["aggs"]
    assert list(aggs) == ["discipline", "audience", "league", "form", "year"]
    audience_only = [{"terms": {"audience": ["elderly"]}}]
    league_only = [{"terms": {"league": ["152500"]}}]
    both = audience_only + league_only
    assert {name: agg["filter"]["bool"].get("filter", []) for name, agg in aggs.items()} == {
        "discipline": both,
        "audience": league_only,
        "league": audience_only,
        "form": both,
        "year": both,
    }
    assert searched(cluster)["sort"][0] == "_score"  # relevance first, by default
    assert aggs["discipline"]["aggs"]["values"] == {
        "terms": {"field": "discipline", "size": 100, "order": {"_count": "desc"}}
    }
    assert aggs["year"]["aggs"]["values"]["terms"]["order"] == {"_key": "desc"}


def test_the_real_analysis_sends_synonyms_as_alternatives(cluster, engine):
    [group] = analysis.query_terms("反诈")
    assert len(group) > 1  # the test needs a word with a synonym
    engine.search(SearchRequest(text="反诈"))
    [sent_group] = searched(cluster)["query"]["bool"]["must"]
    alternatives = [
        tuple(t["dis_max"]["queries"][0]["term"]["title_tokens"]["value"] for t in alt["bool"]["must"])
        for alt in sent_group["bool"]["should"]
    ]
    assert alternatives == [tuple(t.lower() for t in alternative) for alternative in group]


def test_a_pasted_essay_is_searched_by_its_beginning(cluster, engine):
    engine.search(SearchRequest(text="草原沙化" * 25_000))
    query = searched(cluster)["query"]["bool"]
    assert query["should"][0]["multi_match"]["query"] == "草原沙化" * 50
    assert len(query["must"]) <= analysis.MAX_QUERY_GROUPS


def test_browsing_by_facet_without_words_sorts_by_date(cluster, engine):
    engine.search(SearchRequest(filters={"form": ("video",)}))
    body = searched(cluster)
    assert body["query"] == {"bool": {"filter": [{"term": {"locale": "zh-hans"}}]}}
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}


def test_nothing_to_search_asks_nothing(cluster, engine):
    result = engine.search(SearchRequest(text="   "))
    assert (result.hits, result.total, result.facets) == ([], 0, [])
    assert cluster.requests == []


def test_deep_pages_are_not_fetched(cluster, engine):
    engine.search(SearchRequest(text="沙化", page=501, per_page=10))
    body = searched(cluster)
    assert body["size"] == 0  # still the total and the facets
    engine.search(SearchRequest(text="沙化", page=500, per_page=10))
    assert cluster.sent("POST", f"/{ALIAS}/_search")[1].body["from"] == 4990


# Reading the answers --------------------------------------------------------------------------


def buckets(*pairs):
    return {
        "doc_count": sum(count for _, count in pairs),
        "values": {"buckets": [{"key": k, "doc_count": c} for k, c in pairs]},
    }


AGGREGATIONS = {
    "discipline": buckets(("ecology", 3), ("safety", 3), ("not-a-discipline", 1)),
    "audience": buckets(("elderly", 2), ("farmers-herders", 5)),
    "league": buckets(("152500", 4)),
    "form": buckets(("video", 1), ("article", 4)),
    "year": buckets(("2026", 2), ("2025", 3)),
}


def test_hits_and_labelled_facets(cluster, engine):
    source = {
        "title": "草原沙化是怎样发生的",
        "summary": "成因与防治。",
        "reading": "过度放牧会让草原土地沙化。",
    }
    hits = [(41, 7.5, source), (42, 2.0, {"title": "防沙", "summary": "", "reading": ""})]
    cluster.reply("POST", f"/{ALIAS}/_search", search_response(hits, 12, AGGREGATIONS))
    result = engine.search(SearchRequest(text="沙化", filters={"audience": ("elderly", "youth")}))
    assert result.total == 12
    first = result.hits[0]
    assert (first.page_id, first.score) == (41, 7.5)
    assert first.title_html == "草原<mark>沙化</mark>是怎样发生的"
    assert first.snippet_html == "过度放牧会让草原<mark>土地沙化</mark>。"  # 土地沙化: a synonym
    assert result.hits[1].snippet_html == ""
    facets = {
        facet.name: [(v.value, v.label, v.count, v.selected) for v in facet.values] for facet in result.facets
    }
    assert [facet.label for facet in result.facets] == ["学科", "人群", "地区", "形式", "年份"]
    assert facets == {
        "discipline": [
            ("ecology", "生态环境", 3, False),
            ("safety", "应急与安全", 3, False),
        ],  # unknown code dropped
        "audience": [
            ("farmers-herders", "农牧民", 5, False),
            ("elderly", "老年人", 2, True),
            ("youth", "青少年", 0, True),  # selected, so still offered though nothing has it
        ],
        "league": [("152500", "锡林郭勒盟", 4, False)],
        "form": [("article", "图文", 4, False), ("video", "视频", 1, False)],
        "year": [("2026", "2026", 2, False), ("2025", "2025", 3, False)],
    }
    assert result.suggestions == []


def test_highlights_are_escaped(cluster, engine):
    hostile = {
        "title": '<script>alert("x")</script>沙化',
        "summary": "<img src=x onerror=alert(1)>",
        "reading": "",
    }
    cluster.reply(
        "POST", f"/{ALIAS}/_search", search_response([(5, 1.0, hostile)], aggregations=AGGREGATIONS)
    )
    [hit] = engine.search(SearchRequest(text="沙化")).hits
    assert "<script" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>沙化</mark>" in hit.title_html
    assert "<img" not in hit.snippet_html and "&lt;img" in hit.snippet_html


def test_few_hits_with_every_word_ask_again_for_some_words(cluster, engine):
    engine.search(SearchRequest(text="草原 诈骗"))
    first, second = [request.body for request in cluster.sent("POST", f"/{ALIAS}/_search")]
    every_word = first["query"]["bool"]["must"]
    assert len(every_word) == 2  # both words
    [some] = second["query"]["bool"]["must"]
    assert some["bool"]["minimum_should_match"] == 1
    assert some["bool"]["should"] == every_word
    # Works with every word score above all others, and say so (matched_queries).
    raw, full = second["query"]["bool"]["should"]
    assert "multi_match" in raw
    assert full == {
        "constant_score": {"filter": {"bool": {"must": every_word}}, "boost": 10_000.0, "_name": "full"}
    }
    assert second["sort"][0] == "_score"
    engine.search(SearchRequest(text="草原"))  # one word: nothing to relax
    assert len(cluster.sent("POST", f"/{ALIAS}/_search")) == 3


def test_a_partial_match_rests_on_meaningful_words_only(cluster, engine):
    # 量子色动力学xyz: 量子, 色, 动力学 (动力 + 力学), xyz. The lone 色 must match with the rest.
    query = analysis.analyse_query("量子色动力学xyz")
    assert len(query.groups) == 4 and len(query.partial) == 3
    engine.search(SearchRequest(text="量子色动力学xyz"))
    first, second = [request.body for request in cluster.sent("POST", f"/{ALIAS}/_search")]
    assert len(first["query"]["bool"]["must"]) == 4
    [some] = second["query"]["bool"]["must"]
    sent = [token["dis_max"]["queries"][0]["term"]["title_tokens"]["value"] for token in _tokens(some)]
    assert sent == ["量子", "动力", "力学", "xyz"]
    assert "色" not in sent
    # 区块链 is 区块 + 链: only 区块 may stand alone.
    engine.search(SearchRequest(text="区块链"))
    [some] = cluster.sent("POST", f"/{ALIAS}/_search")[-1].body["query"]["bool"]["must"]
    assert [token["dis_max"]["queries"][0]["term"]["title_tokens"]["value"] for token in _tokens(some)] == [
        "区块"
    ]


def test_a_nonsense_word_alone_asks_nothing_more(cluster, engine):
    # One meaningful-less query: 嗷, 呜 — no word a partial match could rest on.
    assert analysis.analyse_query("嗷呜").partial == ()
    result = engine.search(SearchRequest(text="嗷呜"))
    assert len(cluster.sent("POST", f"/{ALIAS}/_search")) == 1
    assert (result.total, result.partial_total) == (0, 0)


def _tokens(query):
    """The token queries inside a query body, in order."""
    if isinstance(query, dict):
        if "dis_max" in query:
            return [query]
        return [token for value in query.values() for token in _tokens(value)]
    if isinstance(query, list):
        return [token for item in query for token in _tokens(item)]
    return []


def test_by_date_full_matches_still_come_first(cluster, engine):
    engine.search(SearchRequest(text="草原 诈骗", sort="date"))
    first, second = [request.body for request in cluster.sent("POST", f"/{ALIAS}/_search")]
    assert first["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}
    # Full matches score 1, partial ones 0 (filters score nothing): the score, then the date.
    query = second["query"]["bool"]
    assert "must" not in query and len(query["filter"]) == 2
    assert query["should"][0]["constant_score"]["boost"] == 1.0
    assert second["sort"][:2] == ["_score", {"published_at": {"order": "desc", "missing": "_last"}}]


def test_hits_say_whether_they_matched_fully(cluster, engine):
    def answer(recorded):
        if "constant_score" not in str(recorded.body["query"]):
            return search_response(
                [(1, 5.0, {"title": "草原诈骗", "summary": "", "reading": ""})], 1, AGGREGATIONS
            )
        response = search_response(
            [
                (1, 10_005.0, {"title": "草原诈骗", "summary": "", "reading": ""}),
                (2, 3.0, {"title": "草原沙化", "summary": "", "reading": "过度放牧会让草原沙化。"}),
            ],
            2,
            AGGREGATIONS,
        )
        response["hits"]["hits"][0]["matched_queries"] = ["full"]
        return response

    cluster.reply("POST", f"/{ALIAS}/_search", answer)
    result = engine.search(SearchRequest(text="草原 诈骗"))
    assert [(hit.page_id, hit.partial) for hit in result.hits] == [(1, False), (2, True)]
    assert (result.total, result.partial_total) == (2, 1)
    assert result.hits[1].snippet_html == "过度放牧会让<mark>草原</mark>沙化。"


def test_no_hits_offer_related_queries(cluster, engine):
    empty = {name: buckets() for name in AGGREGATIONS}
    cluster.reply("POST", f"/{ALIAS}/_search", search_response(aggregations=empty))
    result = engine.search(SearchRequest(text="科普 沙尘暴"))
    assert result.total == 0
    assert result.suggestions == analysis.related_queries("科普 沙尘暴")
    assert result.suggestions


def test_suggest_completes_titles_in_the_readers_locale(cluster, engine):
    options = [
        {"text": "沙化是怎样发生的", "_id": "3", "_score": 10.0, "_source": {"title": "草原沙化是怎样发生的"}}
    ]
    suggest = {"titles": [{"text": "沙化", "offset": 0, "length": 2, "options": options}]}
    cluster.reply("POST", f"/{ALIAS}/_search", search_response(suggest=suggest))
    assert "草原沙化是怎样发生的" in engine.suggest("  沙化", limit=5, locale="mn")
    body = searched(cluster)
    assert body["suggest"] == {
        "titles": {
            "prefix": "沙化",
            "completion": {"field": "suggest", "size": 5, "contexts": {"locale": ["mn"]}},
        }
    }
    assert (body["_source"], body["size"]) == (["title"], 0)
    assert engine.suggest("") == []
    assert len(cluster.requests) == 1


# When the cluster cannot answer ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "answer"),
    [
        (503, error("cluster_block_exception", "blocked", 503)),
        (404, error("index_not_found_exception", "no such index [kepu-works]", 404)),
        (429, error("es_rejected_execution_exception", "rejected", 429)),
    ],
)
def test_an_unhealthy_cluster_is_unavailable(cluster, engine, status, answer):
    cluster.reply("POST", f"/{ALIAS}/_search", answer, status=status)
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(text="沙化"))
    with pytest.raises(SearchUnavailable):
        engine.suggest("沙化")


def test_no_server_is_unavailable(settings, site_tree):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    engine = ElasticsearchEngine()
    factories.make_work(site_tree["works"])
    for call in (
        lambda: engine.search(SearchRequest(text="沙化")),
        lambda: engine.suggest("沙化"),
        lambda: engine.remove_work(1),
        engine.rebuild,
    ):
        with pytest.raises(SearchUnavailable):
            call()


def test_a_slow_cluster_is_given_up_on_after_two_seconds(cluster, engine):
    # The answer would come 3 s after the timeout; giving up must come well before it, with room
    # for a loaded machine (the suite may share two cores with other runs).
    cluster.reply("POST", f"/{ALIAS}/_search", search_response(), delay=es_engine.READ_TIMEOUT + 3)
    started = time.perf_counter()
    with pytest.raises(SearchUnavailable):
        engine.search(SearchRequest(text="沙化"))
    assert time.perf_counter() - started < es_engine.READ_TIMEOUT + 1.5
