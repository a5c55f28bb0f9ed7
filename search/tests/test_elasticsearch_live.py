"""Checks that need a real Elasticsearch cluster: run only when ELASTICSEARCH_URL names one."""

import os
import uuid

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from search.service import SearchRequest

pytestmark = pytest.mark.django_db


live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="no Elasticsearch server: set ELASTICSEARCH_URL to run"
)


@pytest.fixture
def live_engine(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = f"kepu-live-{uuid.uuid4().hex[:8]}"
    engine = ElasticsearchEngine()
    yield engine
    made = list(engine.client.indices.get(index=f"{engine.alias}-*").body)
    if made:  # by name: clusters refuse wildcard deletes by default
        engine.client.indices.delete(index=made)


def aliased(engine):
    return sorted(engine.client.indices.get_alias(name=engine.alias).body)


@live
def test_live_rebuild_leaves_the_alias_on_exactly_one_index(live_engine, es_works):
    assert live_engine.rebuild() == 2
    first = aliased(live_engine)
    assert live_engine.rebuild() == 2
    second = aliased(live_engine)
    assert len(first) == len(second) == 1 and first != second
    indices = live_engine.client.indices.get(index=f"{live_engine.alias}-*").body
    assert sorted(indices) == second  # the old index is gone


@live
def test_live_search_keeps_answering_while_rebuilding(live_engine, es_works, monkeypatch):
    live_engine.rebuild()
    request = SearchRequest(text="沙化")
    seen_during = []
    fill = ElasticsearchEngine._fill

    def fill_and_search(self, name):
        count = fill(self, name)
        seen_during.append([hit.page_id for hit in self.search(request).hits])
        return count

    monkeypatch.setattr(ElasticsearchEngine, "_fill", fill_and_search)
    live_engine.rebuild()
    assert seen_during == [[es_works["desert"].pk]]
    assert [hit.page_id for hit in live_engine.search(request).hits] == [es_works["desert"].pk]


@live
def test_live_facets_highlights_and_suggestions(live_engine, es_works):
    live_engine.rebuild()
    result = live_engine.search(SearchRequest(text="沙化", filters={"audience": ("elderly",)}))
    assert result.total == 0
    audience = {v.value: v.count for v in next(f for f in result.facets if f.name == "audience").values}
    assert audience == {"elderly": 0, "farmers-herders": 1, "officials": 1}
    [hit] = live_engine.search(SearchRequest(text="沙化")).hits
    assert "<mark>沙化</mark>" in hit.title_html
    assert "草原沙化是怎样发生的" in live_engine.suggest("沙化")
    live_engine.remove_work(es_works["desert"].pk)
    assert live_engine.search(SearchRequest(text="沙化")).hits == []
