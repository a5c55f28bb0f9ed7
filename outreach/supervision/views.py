"""Public view of supervision: the answer to 这篇有帮助吗 (the question itself is drawn on the work
page by wagtail_hooks.helpful_question)."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.origin import sent_from_this_site

from . import helpful

CHOICES = {"yes": True, "no": False}
# What the work page shows after the answer (?helpful=…): each a URL of its own, cached like any other.
SHOWN = {helpful.ACCEPTED: "1", helpful.ALREADY: "2"}


def _plain(text, status):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@csrf_exempt  # checked by origin instead: see helpful.py
@require_POST
def answer(request, page_id):
    work = helpful.answerable_work(page_id)
    if work is None:
        raise Http404(_("没有这篇作品，或它已不再公开。"))
    if not sent_from_this_site(request):
        return _plain(_("请在本站的作品页上回答“这篇有帮助吗”。"), 403)
    choice = request.POST.get("helpful")
    if choice not in CHOICES:
        return _plain(_("请选择“有帮助”或“没帮助”。"), 400)
    outcome = helpful.answer(request, work, CHOICES[choice])
    if outcome == helpful.TOO_MANY:
        return _plain(_("今天收到的反馈已经很多了，请明天再来。谢谢！"), 429)
    url = work.get_url(request) or "/"
    return HttpResponseRedirect(f"{url}?helpful={SHOWN[outcome]}#helpful", status=303)
