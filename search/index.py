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


# A heading names what a section is about: a word in one weighs more than a word in passing. On
# PostgreSQL the boost gives headings their own weight (C, between the title's B and the rest of
# the body's D; the title keeps B as long as no other field has a boost between 1.5 and 2); on
# SQLite the headings' words are counted twice in the body column.
HEADING_BOOST = 1.5


class SegmentedHeadingsField(Segmented, index.SearchField):
    """The headings of a StreamField body, indexed again beside the whole body."""

    def get_value(self, obj):
        from .reading import heading_texts

        stream = getattr(obj, self.field_name, None)
        if not hasattr(stream, "raw_data"):
            return None
        headings = heading_texts(stream)
        if not headings:
            return None
        text = " ".join(headings)
        if not settings.PORTAL_SEARCH_SEGMENTATION:
            return text
        from . import analysis

        return analysis.index_text(text)


class SegmentedAutocompleteField(Segmented, index.AutocompleteField):
    plain_class = index.AutocompleteField


def segmented(search_fields):
    """`search_fields` with every full-text and autocomplete field segmented (filters kept)."""
    converted = []
    for field in search_fields:
        if type(field) is index.SearchField:
            if field.field_name == "body":
                converted.append(SegmentedHeadingsField(field.field_name, boost=HEADING_BOOST))
            field = SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
        elif type(field) is index.AutocompleteField:
            field = SegmentedAutocompleteField(field.field_name, **field.kwargs)
        converted.append(field)
    return converted
