"""The portal's URLs plus one test-only endpoint that makes an editor's change inside the app server
that receives it (so "publish through A" runs in A's process, with A's caches and signals):
POST /_test/change/ with the token from PORTAL_TEST_CHANGE_TOKEN. Never in portal.urls."""

import hmac
import os

from django.contrib.auth import get_user_model
from django.http import HttpResponse, HttpResponseForbidden
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from portal.urls import urlpatterns as portal_urlpatterns
from review.models import CaseStatus, ExpertProfile
from tests import factories


def _cast():
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=["editor", "expert_c"])
    }
    return {
        "editor": users["editor"],
        "expert_c": users["expert_c"],
        "experts": {"expert_c": ExpertProfile.objects.get(user=users["expert_c"])},
    }


@csrf_exempt
@require_POST
def change(request):
    token = os.environ.get("PORTAL_TEST_CHANGE_TOKEN", "")
    if not token or not hmac.compare_digest(request.headers.get("X-Test-Token", ""), token):
        return HttpResponseForbidden("no")
    work = ArticlePage.objects.get(pk=int(request.POST["work"]))
    action = request.POST["action"]
    if action == "publish":
        work.title = request.POST["title"]
        factories.publish_imported(work)
    elif action == "retract":
        from channels.tests.exports import handle_case

        handle_case(_cast(), work, CaseStatus.RETRACTED, "关键数据来源无法核实，予以撤稿。")
    elif action == "restrict":
        PageViewRestriction.objects.create(page=work, restriction_type=PageViewRestriction.LOGIN)
    elif action == "password":
        PageViewRestriction.objects.create(
            page=work, restriction_type=PageViewRestriction.PASSWORD, password="kepu-readers-2026"
        )
    else:
        return HttpResponse("unknown action", status=400)
    return HttpResponse("done")


urlpatterns = [path("_test/change/", change), *portal_urlpatterns]
