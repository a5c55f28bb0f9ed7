"""Public URLs of outreach.events, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
