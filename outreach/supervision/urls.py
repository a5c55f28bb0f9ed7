"""Public URLs of outreach.supervision, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
