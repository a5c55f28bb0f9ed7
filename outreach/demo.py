"""The outreach part of `manage.py load_demo`: venues, events, people, requests, records, in the
order their models depend on each other. Each sub-app's `demo.load(context)` is idempotent and
reads its content from data files beside it (never prose in Python)."""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

ORDER = ("venues", "events", "people", "dispatch", "records", "supervision")


@dataclass
class DemoContext:
    """What the home loader hands over: the site's home page (default language), the demo users
    by username, the groups by key (people.GROUPS), the taxonomies by code, and where to report."""

    home: Any
    users: dict
    groups: dict
    disciplines: dict
    audiences: dict
    regions: dict
    campaigns: dict
    stdout: Any
    created: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)  # what one sub-app's loader leaves for the next


def load(context):
    for name in ORDER:
        try:
            module = import_module(f"outreach.{name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"outreach.{name}.demo":
                raise
            continue
        module.load(context)
