"""The events app's admin URLs, classified for review/tests/test_admin_paths.py."""

NOT_PAGE_CONTENT = {
    "event_signups": (
        "readers' sign-ups: listed, inspected and exported as CSV; adding, editing and deleting are "
        "refused by the permission policy; a sign-up is not page content"
    ),
    "wagtailsnippets_events_eventreport": (
        "the report editors file after an event (participants, photos, summary): statistics kept out "
        "of the event's page, so it changes nothing a reader sees"
    ),
    "wagtailsnippetchoosers_events_eventreport": "picking a report: changes nothing until saved",
}
