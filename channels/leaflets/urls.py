"""Printable leaflets of reviewed works (being built: issue 12)."""

app_name = "leaflets"
urlpatterns = []
