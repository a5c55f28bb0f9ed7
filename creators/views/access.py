"""Who reaches the creator portal's pages: verified creators, and each only their own works.

Every view looks a work up by owner, so another creator's id answers 404, exactly like a work that
does not exist. A form posted after the session expired is kept until the creator logs in again.
"""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

from articles.models import ArticlePage
from creators import restore


def creator_required(view=None, *, keep_post=False):
    """Only verified creators pass; others go to log in and come back. With `keep_post`, a form
    posted after the session expired is kept and comes back filled in after login."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            profile = getattr(user, "creator_profile", None) if user.is_authenticated else None
            if profile is None or not profile.is_verified:
                target = request.path
                expired = keep_post and request.method == "POST" and not user.is_authenticated
                if expired and (token := restore.keep(request)):
                    target = f"{request.path}?{urlencode({restore.PARAMETER: token})}"
                    messages.info(request, _("登录已过期。您填写的内容已暂存，重新登录后会回到表单。"))
                return redirect(f"{reverse('creators:login')}?{urlencode({'next': target}, safe='/')}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view else decorator


def own_work(request, pk):
    work = ArticlePage.objects.filter(pk=pk, owner=request.user).first()
    if work is None:
        raise Http404
    return work


def open_workflow(work):
    return (
        WorkflowState.objects.for_instance(work)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .first()
    )
