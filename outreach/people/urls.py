"""Public URLs of outreach.people, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
