"""What readers may see of events, and how it is listed (filled in below)."""


def index_context(request, index):
    return {}


def detail_context(event):
    return {}
