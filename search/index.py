"""Segmented search fields: how Chinese text reaches Wagtail's database search index.

SQLite FTS5 and PostgreSQL full-text both split text on spaces and punctuation, so a Chinese
sentence would be one token. Segmented fields hand the index the text cut into words by
`search.analysis` instead — the same words the query side looks for, on every database.
"""

from modelsearch import index

from django.conf import settings


class Segmented:
    """Mixin for a search field whose value is indexed as segmented words."""

    plain_class = None

    def __eq__(self, other):
        # It stands for the plain field it replaces: Wagtail checks that page models keep the
        # core Page fields (title …) in their search fields, and they do, segmented.
        if type(other) is self.plain_class:
            return other.field_name == self.field_name
        return self is other

    __hash__ = object.__hash__

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


class SegmentedSearchField(Segmented, index.SearchField):
    plain_class = index.SearchField


class SegmentedAutocompleteField(Segmented, index.AutocompleteField):
    plain_class = index.AutocompleteField


def segmented(search_fields):
    """`search_fields` with every full-text and autocomplete field segmented (filters kept)."""
    converted = []
    for field in search_fields:
        if type(field) is index.SearchField:
            field = SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = SegmentedAutocompleteField(field.field_name, **field.kwargs)
        converted.append(field)
    return converted
