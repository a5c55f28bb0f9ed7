"""outreach.people's admin URLs, classified for review/tests/test_admin_paths.py."""

NOT_PAGE_CONTENT = {
    "wagtailsnippets_people_team": "teams of experts: names and members, never a reviewed page's content",
    "wagtailsnippets_people_speakerprofile": "experts' public profiles (consent, bio, topics): not page content",
    "wagtailsnippets_people_volunteer": "volunteer registrations and their approval: not page content",
    "wagtailsnippets_people_volunteerassignment": (
        "volunteers assigned to events and their hours: a row beside the event, the page is not changed"
    ),
    "wagtailsnippetchoosers_people_team": "picking a snippet: changes nothing until a form is saved",
    "wagtailsnippetchoosers_people_speakerprofile": "same",
    "wagtailsnippetchoosers_people_volunteer": "same",
    "wagtailsnippetchoosers_people_volunteerassignment": "same",
}
