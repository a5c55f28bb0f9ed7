"""Remembers in the session that the person who logged in is a creator, so the header of every
public page can offer 我的作品 without a query of its own (those pages are kept cheap to render
and may be cached); editors and experts, who log in to the admin, are offered the admin instead."""

SESSION_KEY = "creator_portal"


def remember_creator(sender, request, user, **kwargs):
    # Any login path counts: the portal's login and the password reset link alike.
    if request is not None and hasattr(user, "creator_profile"):
        request.session[SESSION_KEY] = True
