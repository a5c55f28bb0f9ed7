"""Outreach (科普活动与阵地): the plan's people and places, one app per concern, in layers of their own.

    supervision | records   督查 statistics; contribution records and their certificates
    dispatch                点单/派单 service requests
    people                  expert and lecturer teams, volunteers
    events                  brand activities and events (reviewed like works)
    venues                  science venues (科普阵地) and their directory

Each sub-package is a Django app with its own label (events, venues, people, dispatch, records,
supervision). Outreach as a whole sits above channels, creators and search and below home
(pyproject.toml's import-linter contracts); articles and review know nothing of it.
"""
