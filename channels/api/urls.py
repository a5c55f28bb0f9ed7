"""The public read-only API, under /api/v1/ (being built: issue 12)."""

urlpatterns = []
