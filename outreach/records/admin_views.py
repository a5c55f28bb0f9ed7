"""The admin's 科普工作量: everyone's figures for a period (filtered by role), a person's record page,
issuing a certificate (the PDF, and its row), downloading and revoking one, changing a consent.
Who may do what is decided in rules.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import certificates, rules
from . import figures as records
from .forms import ConsentForm, RevokeForm
from .models import Certificate
from .views import pdf_response

PER_PAGE = 50


@require_GET
def index(request):
    rules.require(rules.may_see_all(request.user))
    period, period_error = records.Period.from_query(request.GET)
    role = request.GET.get("role", "")
    if role not in records.ROLES:
        role = ""
    page = Paginator(records.people(role or None), PER_PAGE).get_page(request.GET.get("p"))
    figures = records.figures_for(page.object_list, period)
    rows = []
    for person in page.object_list:
        person_figures = figures[person.key]
        rows.append({"person": person, "figures": person_figures})
    query = period.query() | ({"role": role} if role else {})
    context = {
        "rows": rows,
        "page": page,
        "period": period,
        "period_error": period_error,
        "role": role,
        "roles": records.ROLES.items(),
        "query": query,
        "stages": records.STAGES,
    }
    return TemplateResponse(request, "records/admin/index.html", context, status=400 if period_error else 200)


def _person(key):
    person = records.person_by_key(key)
    if person is None:
        raise Http404
    return person


def _record_page(request, person, *, consent_form=None, revoke_form=None, status=200):
    period, period_error = records.Period.from_query(request.GET)
    record = records.record(person, period)
    lookup = {"user": person.user} if person.user is not None else {"volunteer": person.volunteer}
    context = {
        "person": person,
        "period": period,
        "period_error": period_error,
        "period_query": period.query(),
        "record": record,
        "lines": records.lines(record.figures, certificates.groups_of(person.roles, record.figures)),
        "consent_form": consent_form or ConsentForm(instance=certificates.consent_of(person)),
        "revoke_form": revoke_form or RevokeForm(),
        "certificates": Certificate.objects.filter(**lookup).select_related("issued_by", "revoked_by"),
        "may_issue": rules.may_issue_for(request.user, person),
        "may_revoke": rules.may_revoke(request.user),
        "may_change_consent": rules.may_change_consent(request.user, person),
    }
    return TemplateResponse(request, "records/admin/person.html", context, status=status)


@require_GET
def person(request, key):
    rules.require(rules.may_see_all(request.user))
    return _record_page(request, _person(key))


@require_POST
def issue(request, key):
    person = _person(key)
    rules.require(rules.may_see_all(request.user) and rules.may_issue_for(request.user, person))
    period, error = records.Period.from_query(request.POST)
    if error:
        messages.error(request, error)
        return redirect("records_admin:person", key)
    certificate, _created = certificates.issue(person, period, request.user)
    return pdf_response(certificate)


@require_POST
def consent(request, key):
    person = _person(key)
    rules.require(rules.may_see_all(request.user) and rules.may_change_consent(request.user, person))
    form = ConsentForm(request.POST, instance=certificates.consent_of(person))
    if not form.is_valid():
        return _record_page(request, person, consent_form=form, status=400)
    form.save()
    messages.success(request, _("已保存公开范围。"))
    return redirect("records_admin:person", key)


@require_GET
def download(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    rules.require(rules.may_download(request.user, certificate) and rules.may_see_all(request.user))
    return pdf_response(certificate)


@require_POST
def revoke(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    rules.require(rules.may_revoke(request.user))
    person = certificates.person_of(certificate)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _record_page(request, person, revoke_form=form, status=400)
    if not certificate.revoked:
        certificates.revoke(certificate, request.user, form.cleaned_data["reason"])
        messages.success(request, _("证明 %(serial)s 已撤销。") % {"serial": certificate.serial})
    return redirect("records_admin:person", person.key)
