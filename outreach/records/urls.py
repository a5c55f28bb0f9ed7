"""Public URLs of outreach.records, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
