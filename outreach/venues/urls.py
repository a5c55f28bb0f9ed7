"""Public URLs of outreach.venues, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
