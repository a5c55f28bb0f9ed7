"""Facet values: their labels, the filters a request carries, and counting them over hits.

Values within a facet are OR-ed, facets are AND-ed, and each facet counts the hits that pass
every *other* facet's selection — so choosing 蒙古族 in 人群 still shows how many hits each other
audience has.
"""

import re
from collections import Counter

from django.core.cache import cache

from articles.models import Audience, Discipline, Region, WorkForm

from .service import FACETS, Facet, FacetValue

LABELS_KEY = "search:facet-labels"
MAX_VALUES_PER_FILTER = 20
YEAR = re.compile(r"(19|20)[0-9]{2}")


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
    """The facet selections of a request's GET parameters — known codes and plausible years only —
    and the values left out (a reader is told, and they never show as chosen)."""
    known = labels()
    filters, ignored = {}, []
    for name in FACETS:
        values = []
        for value in query_dict.getlist(name)[:MAX_VALUES_PER_FILTER]:
            valid = YEAR.fullmatch(value) if name == "year" else value in known.get(name, {})
            if valid:
                values.append(value)
            elif value:
                ignored.append(value[:20])
        if values:
            filters[name] = tuple(dict.fromkeys(values))
    return filters, ignored


def narrowed(ids, by_value, filters, skip=None):
    """The works among `ids` that pass every facet selection in `filters` except `skip`'s.
    `by_value` is {facet: {value: set of work ids}}."""
    for name, selected in filters.items():
        if name != skip:
            ids = ids & set().union(*(by_value.get(name, {}).get(value, ()) for value in selected))
    return ids


def count(ids, by_value, filters):
    """Facets for the hits `ids`, as the search page shows them: each facet counted over the hits
    that pass the *other* facets' selections."""
    counters = {}
    for name in FACETS:
        base = narrowed(ids, by_value, filters, skip=name)
        counters[name] = {
            value: found
            for value, members in by_value.get(name, {}).items()
            if (found := len(base & members))
        }
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
