"""Facet values: their labels, the filters a request carries, and counting them over hits.

Values within a facet are OR-ed, facets are AND-ed, and each facet counts the hits that pass
every *other* facet's selection — so choosing 蒙古族 in 人群 still shows how many hits each other
audience has.
"""

from collections import Counter

from django.core.cache import cache

from articles.models import Audience, Discipline, Region, WorkForm

from .service import FACETS, Facet, FacetValue

LABELS_KEY = "search:facet-labels"
MAX_VALUES_PER_FILTER = 20


def labels():
    """{facet: {value: label}} for the taxonomy facets (years label themselves)."""
    found = cache.get(LABELS_KEY)
    if found is None:
        found = {
            "discipline": dict(Discipline.objects.filter(parent=None).values_list("code", "name")),
            "audience": dict(Audience.objects.values_list("code", "name")),
            "league": dict(Region.objects.filter(level=Region.Level.LEAGUE).values_list("code", "name")),
            "form": {value: str(label) for value, label in WorkForm.choices},
        }
        cache.set(LABELS_KEY, found, 300)
    return found


def clean_filters(query_dict):
    """The facet selections of a request's GET parameters, keeping known facets and sane values."""
    filters = {}
    for name in FACETS:
        values = [v[:20] for v in query_dict.getlist(name) if v and v.isascii() and v.isalnum()]
        if values:
            filters[name] = tuple(dict.fromkeys(values))[:MAX_VALUES_PER_FILTER]
    return filters


def matches(values, filters, skip=None):
    """Whether a work with facet `values` ({facet: [codes]}) passes `filters`, ignoring `skip`."""
    for name, selected in filters.items():
        if name != skip and not set(selected).intersection(values.get(name, ())):
            return False
    return True


def count(rows, filters):
    """Facets for the hits `rows` (each a {facet: [codes]} mapping), as the search page shows them."""
    counters = {}
    for name in FACETS:
        counter = counters[name] = Counter()
        for values in rows:
            if matches(values, filters, skip=name):
                counter.update(values.get(name, ()))
    return build(counters, filters)


def build(counters, filters):
    """Facets from each facet's {value: count}: selected values always shown, unknown codes
    dropped, most frequent first (years newest first)."""
    names = labels()
    facets = []
    for name, label in FACETS.items():
        counter = Counter(counters.get(name, {}))
        selected = set(filters.get(name, ()))
        for value in selected:
            counter.setdefault(value, 0)
        if name == "year":
            ordered = sorted(counter, reverse=True)
        else:
            ordered = sorted(counter, key=lambda v: (-counter[v], v))
        values = [
            FacetValue(value, names.get(name, {}).get(value, value), counter[value], value in selected)
            for value in ordered
            if name == "year" or value in names.get(name, {})
        ]
        if values:
            facets.append(Facet(name, str(label), values))
    return facets
