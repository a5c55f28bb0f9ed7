"""Page types declare plain search fields; the setting decides how their text is indexed."""

from django.test import override_settings

from wagtail.search import index

from articles.models import ArticlePage
from pages.indexing import indexed
from search.index import Segmented, SegmentedSearchField


def test_the_works_index_segmented_words():
    body = next(field for field in ArticlePage.search_fields if field.field_name == "body")
    assert isinstance(body, Segmented) and isinstance(body, index.SearchField)


def test_without_a_search_app_fields_stay_plain():
    fields = [index.SearchField("summary"), index.FilterField("form")]
    with override_settings(PORTAL_SEARCH_FIELDS=None):
        assert indexed(fields) == fields and type(indexed(fields)[0]) is index.SearchField
    with override_settings(PORTAL_SEARCH_FIELDS="search.index.segmented"):
        converted = indexed(fields)
    assert type(converted[0]) is SegmentedSearchField and type(converted[1]) is index.FilterField
