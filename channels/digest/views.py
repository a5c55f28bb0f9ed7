"""The digest's pages: subscribe, confirm (a button, not the link itself), manage, unsubscribe.

Confirming and unsubscribing take a POST: mail scanners that open every link in a message must not
subscribe or unsubscribe anyone. The one exception is RFC 8058's one-click unsubscribe, a POST the
reader's mail program makes with `List-Unsubscribe=One-Click` and no CSRF token: the signed token in
the URL is the authority there.
"""

import logging
import smtplib

from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import emails, subscriptions, tokens
from .forms import PreferencesForm, SubscribeForm

logger = logging.getLogger(__name__)

# Valid subscription requests from one client address per hour.
SUBSCRIBES_PER_HOUR = 10
ONE_CLICK = ("List-Unsubscribe", "One-Click")


def _client_address(request):
    # Behind the production proxy, REMOTE_ADDR is set from the trusted header (docs/deploy.md).
    return request.META.get("REMOTE_ADDR", "unknown")


def _invalid_link(request):
    return TemplateResponse(request, "digest/invalid_link.html", status=400)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        if not subscriptions.within_limit("subscribe", _client_address(request), SUBSCRIBES_PER_HOUR, 3600):
            return TemplateResponse(
                request, "digest/subscribe.html", {**context, "limited": True}, status=429
            )
        data = form.cleaned_data
        try:
            subscriptions.request_subscription(
                data["email"],
                list(data["audiences"]),
                list(data["disciplines"]),
                lambda token: request.build_absolute_uri(reverse("digest:confirm", args=[token])),
            )
        except (smtplib.SMTPException, OSError):
            logger.exception("digest: the confirmation e-mail could not be sent")
            return TemplateResponse(
                request, "digest/subscribe.html", {**context, "mail_failed": True}, status=503
            )
        # The same answer for every address, subscribed or not.
        return TemplateResponse(request, "digest/subscribe_sent.html", {"email": data["email"]})
    return TemplateResponse(request, "digest/subscribe.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    pending = subscriptions.pending_confirmation(token)
    if pending is None:
        return _invalid_link(request)
    if request.method == "POST":
        if not subscriptions.confirm(pending):
            return _invalid_link(request)
        subscriber = pending["subscriber"]
        manage = reverse("digest:manage", args=[tokens.subscriber_token(subscriber, tokens.MANAGE_SALT)])
        return TemplateResponse(
            request, "digest/confirmed.html", {"subscriber": subscriber, "manage": manage}
        )
    context = {
        "email": pending["subscriber"].email,
        "scope": emails.scope(pending["audiences"], pending["disciplines"]),
    }
    return TemplateResponse(request, "digest/confirm.html", context)


@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = tokens.read_subscriber(token, tokens.MANAGE_SALT)
    if subscriber is None:
        return _invalid_link(request)
    initial = {"audiences": subscriber.audiences.all(), "disciplines": subscriber.disciplines.all()}
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriber.set_preferences(form.cleaned_data["audiences"], form.cleaned_data["disciplines"])
        saved = True
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "unsubscribe": reverse(
            "digest:unsubscribe", args=[tokens.subscriber_token(subscriber, tokens.UNSUBSCRIBE_SALT)]
        ),
    }
    return TemplateResponse(request, "digest/manage.html", context)


@csrf_exempt  # only for the one-click POST: every other POST is checked below
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = tokens.read_subscriber(token, tokens.UNSUBSCRIBE_SALT)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        one_click = request.POST.get(ONE_CLICK[0]) == ONE_CLICK[1]
        if not one_click:
            refusal = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
            if refusal is not None:
                return refusal
        subscriber.unsubscribe()
        return TemplateResponse(request, "digest/unsubscribed.html", {"subscriber": subscriber})
    return TemplateResponse(request, "digest/unsubscribe.html", {"subscriber": subscriber})
