"""Public pages of teams, speakers and volunteers. Listings and profiles carry no form (a shared
cache may keep them); the registration form has its own URL."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from accounts import throttle

from . import public, volunteering
from .forms import VolunteerForm

# Registrations from one address per 15 minutes (accounts/throttle.py's window).
REGISTRATIONS_PER_ADDRESS = 5


@require_GET
def teams(request):
    return TemplateResponse(request, "people/teams.html", {"groups": public.teams_by_kind()})


@require_GET
def team(request, slug):
    found = public.team(slug)
    if found is None:
        raise Http404
    team, members, unlisted = found
    return TemplateResponse(
        request, "people/team.html", {"team": team, "members": members, "unlisted": unlisted}
    )


@require_GET
def expert(request, expert_id):
    speaker = public.speaker(expert_id)
    if speaker is None:
        raise Http404
    return TemplateResponse(request, "people/expert.html", {"speaker": speaker})


@require_http_methods(["GET", "POST"])
def volunteer_join(request):
    form = VolunteerForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        checks = [
            ("volunteer-join", throttle.client_address(request) or "unknown", REGISTRATIONS_PER_ADDRESS)
        ]
        if throttle.limited_and_counted(checks):
            return TemplateResponse(
                request, "people/volunteer_join.html", {**context, "limited": True}, status=429
            )
        if form.is_valid():
            try:
                volunteering.register(form)
            except volunteering.DuplicateVolunteer:
                return TemplateResponse(
                    request, "people/volunteer_join.html", {**context, "duplicate": True}, status=409
                )
            return redirect("people:volunteer_thanks")
        return TemplateResponse(request, "people/volunteer_join.html", context, status=400)
    return TemplateResponse(request, "people/volunteer_join.html", context)


@require_GET
def volunteer_thanks(request):
    return TemplateResponse(request, "people/volunteer_thanks.html")
