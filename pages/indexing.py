"""How page types declare their search fields. The search app decides how their text reaches the
index (`settings.PORTAL_SEARCH_FIELDS` names its callable: Chinese is segmented there)."""

from django.conf import settings
from django.utils.module_loading import import_string


def indexed(search_fields):
    """`search_fields` as the configured search app indexes them (unchanged when none is set)."""
    name = getattr(settings, "PORTAL_SEARCH_FIELDS", None)
    return import_string(name)(search_fields) if name else list(search_fields)
