"""The venue directory's and venue page's context: filters, near-me order, map or schematic."""


def directory_context(index, request):
    return {}


def venue_context(venue, request):
    return {}
