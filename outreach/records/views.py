"""Public pages of contribution records: the certificate verification page (anyone, cache friendly,
no forms) and 我的科普工作量 (a signed-in creator or expert: their own record, what they make public,
their certificates)."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import throttle

from . import certificates, pdf, rules
from . import figures as records
from .forms import ConsentForm
from .models import Certificate

# New certificates a person may have made in an hour (asking again for the same record makes none).
ISSUES_PER_HOUR = 10


@require_GET
def verify(request, token):
    result = certificates.verify(token)
    # A link that is not ours (bad signature, unknown serial) is bad input; a genuine link answers 200.
    status = 400 if result.certificate is None else 200
    return TemplateResponse(request, "records/verify.html", {"result": result}, status=status)


def _signed_in(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('creators:login')}?{urlencode({'next': request.path}, safe='/')}")
        return never_cache(view)(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _mine(request, *, period=None, period_error=None, consent_form=None, status=200):
    person = records.person_for_user(request.user)
    if not rules.has_own_record(request.user, person):
        return TemplateResponse(request, "records/no_record.html", status=403)
    if period is None:
        period, period_error = records.Period.from_query(request.GET)
    record = records.record(person, period)
    groups = certificates.groups_of(person.roles, record.figures)
    consent = certificates.consent_of(person)
    context = {
        "person": person,
        "period": period,
        "period_error": period_error,
        "period_query": period.query(),
        "lines": records.lines(record.figures, groups),
        "record": record,
        "consent_form": consent_form or ConsentForm(instance=consent),
        "certificates": Certificate.objects.filter(user=request.user),
        "years": range(timezone.localdate().year, records.EARLIEST_YEAR + 15, -1),
    }
    return TemplateResponse(request, "records/mine.html", context, status=status)


@_signed_in
@require_GET
def mine(request):
    return _mine(request)


@_signed_in
@require_POST
def mine_consent(request):
    person = records.person_for_user(request.user)
    rules.require(rules.may_change_consent(request.user, person))
    form = ConsentForm(request.POST, instance=certificates.consent_of(person))
    if not form.is_valid():
        return _mine(request, consent_form=form, status=400)
    form.save()
    messages.success(request, _("已保存。核验页今后按新的选择显示。"))
    return redirect("records:mine")


@_signed_in
@require_POST
def mine_certificate(request):
    """A certificate of the signed-in person's own record (the request names no person: only oneself)."""
    person = records.person_for_user(request.user)
    rules.require(rules.may_issue_for(request.user, person))
    period, error = records.Period.from_query(request.POST)
    if error:
        return _mine(request, period=period, period_error=error, status=400)
    if throttle.too_many(
        "records-certificate", request.user.pk, ISSUES_PER_HOUR, datetime.timedelta(hours=1)
    ):
        messages.error(request, _("一小时内开具的证明太多，请稍后再试。"))
        return _mine(request, period=period, status=429)
    certificate, created = certificates.issue(person, period, request.user)
    if created:
        throttle.record("records-certificate", request.user.pk, datetime.timedelta(hours=1))
    return pdf_response(certificate)


@_signed_in
@require_http_methods(["GET", "HEAD"])
def mine_download(request, serial):
    certificate = Certificate.objects.filter(serial=serial).first()
    # Another person's certificate answers exactly like one that does not exist.
    if (
        certificate is None
        or not rules.may_download(request.user, certificate)
        or certificate.user_id != request.user.pk
    ):
        raise Http404
    return pdf_response(certificate)


def pdf_response(certificate):
    consent = certificates.consent_of(certificates.person_of(certificate))
    data = pdf.render(
        certificate, url=certificates.verify_url(certificate), show_affiliation=consent.show_affiliation
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
