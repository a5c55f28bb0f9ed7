"""The administrator's decision on a volunteer's registration (approve or reject, with a note)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import volunteering
from .forms import DecisionForm
from .models import Volunteer


@require_http_methods(["GET", "POST"])
def decide_volunteer(request, pk):
    if not volunteering.may_decide(request.user):
        raise PermissionDenied
    volunteer = get_object_or_404(
        Volunteer.objects.select_related("region", "decided_by").prefetch_related("disciplines"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("approve", "reject"):
            form.add_error(None, _("请选择“通过”或“不通过”。"))
        if form.is_valid():
            try:
                volunteering.decide(volunteer, request.user, action == "approve", form.cleaned_data["note"])
            except volunteering.NotAllowed as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("已通过 %(name)s 的报名。") % {"name": volunteer.name}
                    if action == "approve"
                    else _("已拒绝 %(name)s 的报名。") % {"name": volunteer.name},
                )
                return redirect("wagtailsnippets_people_volunteer:list")
        status = 400
    return TemplateResponse(
        request, "people/admin/decide.html", {"volunteer": volunteer, "form": form}, status=status
    )
