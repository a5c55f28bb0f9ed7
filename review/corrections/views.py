"""Correction cases: the public report form (no login, rate-limited) and the admin case pages."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from articles.listings import public_works
from review import corrections
from review.corrections.forms import DecisionForm, FindingForm, ReportForm, VerifierForm
from review.models import CaseStatus, CorrectionCase, ReviewAction

# At most this many reports from one address per hour (readers rarely send more than one or two).
REPORTS_PER_HOUR = 5


def _client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def _over_limit(request):
    key = f"correction-reports:{_client_address(request)}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > REPORTS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return False


@require_http_methods(["GET", "POST"])
def report(request, page_id):
    work = get_object_or_404(public_works(), pk=page_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _over_limit(request):
            return TemplateResponse(
                request, "review/report_form.html", {"work": work, "form": form, "limited": True}, status=429
            )
        corrections.file_report(work, **{k: v for k, v in form.cleaned_data.items() if k != "website"})
        return TemplateResponse(request, "review/report_thanks.html", {"work": work})
    return TemplateResponse(request, "review/report_form.html", {"work": work, "form": form})


def cases(request):
    if not corrections.may_handle(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "open")
    queryset = CorrectionCase.objects.select_related("page", "verifier")
    if status == "open":
        queryset = queryset.exclude(
            status__in=[CaseStatus.CORRECTED, CaseStatus.RETRACTED, CaseStatus.DISMISSED]
        )
    return TemplateResponse(request, "review/cases.html", {"cases": queryset[:200], "status": status})


@require_http_methods(["GET", "POST"])
def case(request, case_id):
    case = get_object_or_404(CorrectionCase.objects.select_related("page", "verifier__user"), pk=case_id)
    is_handler = corrections.may_handle(request.user)
    is_verifier = case.verifier is not None and case.verifier.user_id == request.user.pk
    if not (is_handler or is_verifier):
        raise PermissionDenied
    verifier_form = VerifierForm(request.POST if "assign" in request.POST else None)
    finding_form = FindingForm(request.POST if "verify" in request.POST else None)
    decision_form = DecisionForm(request.POST if "decide" in request.POST else None)
    if request.method == "POST":
        try:
            if "assign" in request.POST and verifier_form.is_valid():
                corrections.assign_verifier(case, request.user, verifier_form.cleaned_data["verifier"])
                messages.success(request, _("已请专家核实。"))
                return redirect("review:case", case.pk)
            if "verify" in request.POST and finding_form.is_valid():
                corrections.record_finding(case, request.user, **finding_form.cleaned_data)
                messages.success(request, _("核实意见已提交。"))
                return redirect("review:case", case.pk)
            if "decide" in request.POST and decision_form.is_valid():
                corrections.decide(case, request.user, **decision_form.cleaned_data)
                messages.success(request, _("处理结果已保存。"))
                return redirect("review:case", case.pk)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
    return TemplateResponse(
        request,
        "review/case.html",
        {
            "case": case,
            "is_handler": is_handler,
            "is_verifier": is_verifier,
            "verifier_form": verifier_form,
            "finding_form": finding_form,
            "decision_form": decision_form,
            "history": ReviewAction.objects.filter(stage="correction", data__case=case.pk).select_related(
                "user"
            ),
        },
    )
