"""Segmented search fields: how Chinese text reaches Wagtail's database search index.

SQLite FTS5 and PostgreSQL full-text both split text on spaces and punctuation, so a Chinese
sentence would be one token. A `SegmentedSearchField` hands the index the text cut into words by
`search.analysis` instead — the same words the query side looks for, on every database.
"""

from modelsearch import index

from django.conf import settings


class SegmentedSearchField(index.SearchField):
    def __eq__(self, other):
        # It stands for the plain field it replaces: Wagtail checks that page models keep the
        # core Page fields (title …) in their search fields, and they do, segmented.
        if type(other) is index.SearchField:
            return other.field_name == self.field_name
        return self is other

    __hash__ = index.SearchField.__hash__

    def get_value(self, obj):
        value = super().get_value(obj)
        if value is None:
            return value
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value)
        if not settings.PORTAL_SEARCH_SEGMENTATION:
            return str(value)
        from . import analysis  # loads the dictionary: only when something is indexed

        return analysis.index_text(str(value))


def segmented(search_fields):
    """`search_fields` with every full-text field segmented (filter and autocomplete fields kept)."""
    return [
        SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        if type(field) is index.SearchField
        else field
        for field in search_fields
    ]
