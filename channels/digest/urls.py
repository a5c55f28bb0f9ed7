"""The e-mail digest: subscribe, confirm, unsubscribe (being built: issue 12)."""

app_name = "digest"
urlpatterns = []
