"""Public URLs of outreach.dispatch, under /<language>/outreach/ (outreach/urls.py)."""

urlpatterns = []
