"""Events' public views that are not pages: sign-up and cancellation (forms, on their own URLs so the
event page stays cacheable), the iCalendar feed and per-event file, the printable poster."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import throttle

from . import ical, listing, signups
from . import poster as posters
from .forms import SignUpForm

# Sign-up attempts from one client address in throttle.WINDOW (15 minutes).
SIGNUPS_PER_WINDOW = 10
THROTTLE_SCOPE = "events.signup"
FEED_MAX_AGE = 600


def _public_event(event_id):
    return get_object_or_404(listing.public_events().select_related("campaign", "venue"), pk=event_id)


def _refusal(request, message, status):
    return TemplateResponse(request, "events/refused.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def signup(request, event_id):
    event = _public_event(event_id)
    if not event.takes_signups:
        return _refusal(request, _("本活动无需报名，欢迎直接参加。"), status=404)
    if event.has_ended:
        return _refusal(request, _("本活动已结束，不再接受报名。"), status=410)
    form = SignUpForm(request.POST or None)
    context = {
        "event": event,
        "form": form,
        "event_url": event.get_url(request),
        "places_left": signups.places_left(event),
    }
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request) or "unknown"
        if form.cleaned_data["website"] or throttle.too_many(THROTTLE_SCOPE, address, SIGNUPS_PER_WINDOW):
            context["limited"] = True
            return TemplateResponse(request, "events/signup.html", context, status=429)
        throttle.record(THROTTLE_SCOPE, address)
        data = form.cleaned_data
        try:
            outcome = signups.take(event, data["name"], data["phone"], data["email"])
        except signups.SignUpRefused:
            form.add_error(None, _("这个手机号或邮箱已经报名了本活动，无需重复报名。"))
            return TemplateResponse(request, "events/signup.html", context, status=409)
        return TemplateResponse(request, "events/signup_done.html", {**context, "outcome": outcome})
    return TemplateResponse(request, "events/signup.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def cancel(request, event_id, token):
    found = signups.signup_for_token(token, event_id)
    if found is None:
        return _refusal(
            request, _("取消链接无效：链接可能不完整或已被改动，请从确认邮件中重新打开。"), status=400
        )
    context = {"signup": found, "event": found.event}
    if request.method == "POST":
        signups.cancel(found)
        found.refresh_from_db()
        return TemplateResponse(request, "events/cancelled.html", context)
    # A GET only asks: mail scanners that open every link must not cancel anyone.
    return TemplateResponse(request, "events/cancel.html", context)


def _calendar_response(data, filename, request):
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@require_GET
def calendar_feed(request):
    filters = listing.EventFilters(request.GET)
    events = list(listing.cards(filters.apply(listing.upcoming_events()))[: ical.FEED_LIMIT])
    return _calendar_response(
        ical.calendar(events, request, _("内蒙古科普 · 科普活动")), "events.ics", request
    )


@require_GET
def event_ics(request, event_id):
    event = _public_event(event_id)
    return _calendar_response(ical.calendar([event], request, event.title), f"event-{event.pk}.ics", request)


@require_GET
def poster(request, event_id):
    event = _public_event(event_id)
    url = request.build_absolute_uri(event.get_url(request))
    try:
        data = posters.cached(event, url)
    except posters.FontMissing as missing:
        message = _(
            "服务器缺少海报所用的中文字体文件（%(path)s），请管理员检查 PORTAL_LEAFLET_FONT 设置。"
        ) % {"path": missing}
        return _refusal(request, message, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="event-{event.pk}-poster.pdf"'
    patch_cache_control(response, public=True, max_age=posters.MAX_AGE)
    return response
