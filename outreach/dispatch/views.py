"""The requester's pages, no account needed: the order form, and through the signed tracking link the
status and timeline, cancelling, and rating once. The tracking page holds no form (cancel and rate
have their own URLs) and is never kept by a shared cache: its state changes."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import throttle
from outreach.signing import read_token

from . import transitions
from .forms import RatingForm, ReasonForm, ServiceRequestForm
from .models import RequestEvent, ServiceRequest, State
from .notifications import TRACKING, tracking_token

# Valid orders per client address and per contact e-mail in an hour.
ORDERS_PER_ADDRESS = 5
ORDERS_PER_EMAIL = 3
HOUR = timedelta(hours=1)


@require_http_methods(["GET", "POST"])
def order(request):
    form = ServiceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checks = [
            ("dispatch-order-address", throttle.client_address(request) or "unknown", ORDERS_PER_ADDRESS),
            ("dispatch-order-email", form.cleaned_data["contact_email"], ORDERS_PER_EMAIL),
        ]
        if throttle.limited_and_counted(checks, window=HOUR):
            return TemplateResponse(
                request, "dispatch/order.html", {"form": form, "limited": True}, status=429
            )
        service_request = transitions.submit(**form.cleaned_data)
        return redirect(reverse("dispatch:track", args=[tracking_token(service_request)]) + "?new=1")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "dispatch/order.html", {"form": form}, status=status)


def _from_token(token):
    value = read_token(TRACKING, token)
    if not isinstance(value, dict) or not isinstance(value.get("r"), int):
        raise Http404(_("链接无效或已被改动。"))
    try:
        return ServiceRequest.objects.select_related(
            "region__parent", "discipline__parent", "audience", "expert__speaker"
        ).get(pk=value["r"])
    except ServiceRequest.DoesNotExist:
        raise Http404(_("找不到这项申请。")) from None


def public_expert(service_request):
    """(name, link to their public page) when the expert's speaker profile is published; otherwise
    (已安排专家, None); ("", None) before dispatch."""
    expert = service_request.expert
    if expert is None:
        return "", None
    speaker = getattr(expert, "speaker", None)  # RelatedObjectDoesNotExist is an AttributeError
    if speaker is not None and speaker.publish_profile:
        return expert.name, reverse("people:expert", args=[expert.pk])
    return _("已安排专家"), None


def _timeline(service_request):
    """The steps the requester may see: no reminders, no administrator's names, no expert's name."""
    shown = []
    for event in service_request.events.exclude(action=RequestEvent.Action.REMIND).order_by("at", "pk"):
        note = (
            event.note if event.action in (RequestEvent.Action.CANCEL, RequestEvent.Action.SCHEDULE) else ""
        )
        shown.append({"at": event.at, "label": event.get_action_display(), "note": note})
    return shown


@never_cache
@require_GET
def track(request, token):
    service_request = _from_token(token)
    actions = transitions.requester_actions(service_request)
    expert_name, expert_url = public_expert(service_request)
    context = {
        "service_request": service_request,
        "token": token,
        "new": request.GET.get("new") == "1",
        "expert_name": expert_name,
        "expert_url": expert_url,
        "timeline": _timeline(service_request),
        "may_cancel": RequestEvent.Action.CANCEL in actions,
        "may_rate": RequestEvent.Action.RATE in actions,
        "tracking_url": request.build_absolute_uri(reverse("dispatch:track", args=[token])),
        "states": State,
    }
    return TemplateResponse(request, "dispatch/track.html", context)


def _refused(request, service_request, token, error):
    context = {"service_request": service_request, "token": token, "message": error.message}
    return TemplateResponse(request, "dispatch/refused.html", context, status=error.status)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    service_request = _from_token(token)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transitions.cancel(service_request.pk, form.cleaned_data["reason"], requester=True)
        except transitions.Refused as error:
            return _refused(request, service_request, token, error)
        return redirect("dispatch:track", token=token)
    if service_request.state not in transitions.MOVES[RequestEvent.Action.CANCEL][0]:
        error = transitions.Refused(
            _("这项申请已经%(state)s，不能再取消。") % {"state": service_request.get_state_display()}
        )
        return _refused(request, service_request, token, error)
    context = {"service_request": service_request, "token": token, "form": form}
    return TemplateResponse(request, "dispatch/cancel.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def rate(request, token):
    service_request = _from_token(token)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transitions.rate(service_request.pk, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except transitions.Refused as error:
            return _refused(request, service_request, token, error)
        return redirect("dispatch:track", token=token)
    if RequestEvent.Action.RATE not in transitions.requester_actions(service_request):
        if service_request.rating is not None:
            error = transitions.Refused(_("这项服务已经评价过，每项申请只能评价一次。"))
        else:
            error = transitions.Refused(_("讲座完成后才能评价。"))
        return _refused(request, service_request, token, error)
    context = {"service_request": service_request, "token": token, "form": form}
    return TemplateResponse(request, "dispatch/rate.html", context, status=400 if form.errors else 200)
