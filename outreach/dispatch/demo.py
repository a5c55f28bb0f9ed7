"""The dispatch part of the demo (outreach/demo.py): service requests in every state from fictional
organisations, replayed step by step onto the demo experts and lecturers (looked up, never made).
Content in data/demo.toml; idempotent (a request is looked up by organisation and topic first)."""

import datetime
import tomllib
from pathlib import Path

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from articles.models import Audience, Discipline, Region

from .models import ENTERED_AT, RequestEvent, ServiceRequest, State
from .transitions import PERMISSION

DATA = Path(__file__).parent / "data" / "demo.toml"
Action = RequestEvent.Action
# Where each replayed step leads (transitions.MOVES says the same for the live moves).
LEADS_TO = {
    Action.DISPATCH: State.DISPATCHED,
    Action.ACCEPT: State.ACCEPTED,
    Action.DECLINE: State.SUBMITTED,
    Action.SCHEDULE: State.SCHEDULED,
    Action.COMPLETE: State.COMPLETED,
    Action.CANCEL: State.CANCELLED,
    Action.RATE: State.COMPLETED,
}


def _grant_editors(groups):
    """The editors (责任编辑) run the dispatch queue in the demo (transitions.PERMISSION)."""
    app_label, codename = PERMISSION.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    if "editors" in groups:
        groups["editors"].permissions.add(permission)


def load(context):
    _grant_editors(context.groups)
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    made = 0
    for item in data["requests"]:
        if ServiceRequest.objects.filter(
            organisation_name=item["organisation_name"], topic=item["topic"]
        ).exists():
            continue
        with transaction.atomic():
            _replay(_request(item), item["steps"], context.users)
        made += 1
    states = ", ".join(sorted(set(ServiceRequest.objects.values_list("state", flat=True))))
    context.created["service requests"] = context.created.get("service requests", 0) + made
    context.stdout.write(
        f"Dispatch: {made} demo service requests made ({states}). The queue is at /admin/dispatch/, "
        "expert2's 我的派单 at /admin/dispatch/mine/."
    )


def _at(days, clock="10:00"):
    day = timezone.localdate() + datetime.timedelta(days=days)
    hour, minute = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _request(item):
    today = timezone.localdate()
    return ServiceRequest.objects.create(
        organisation_name=item["organisation_name"],
        organisation_type=item["organisation_type"],
        audience=Audience.objects.get(code=item["audience"]),
        topic=item["topic"],
        discipline=Discipline.objects.get(code=item["discipline"]),
        earliest_date=today + datetime.timedelta(days=item["earliest"]),
        latest_date=today + datetime.timedelta(days=item["latest"]),
        region=Region.objects.get(code=item["region"]),
        address=item["address"],
        expected_attendance=item["attendance"],
        contact_name=item["contact_name"],
        contact_phone=item["contact_phone"],
        contact_email=item["contact_email"],
        note=item.get("note", ""),
        submitted_at=_at(item["submitted"], "09:00"),
    )


def _replay(service_request, steps, users):
    RequestEvent.objects.create(
        request=service_request,
        action=Action.SUBMIT,
        to_state=State.SUBMITTED,
        by_requester=True,
        at=service_request.submitted_at,
    )
    for step in steps:
        action = Action(step["action"])
        at = _at(step["days"], "11:00" if step["days"] else timezone.localtime().strftime("%H:%M"))
        by_requester = step["by"] == "requester"
        actor = None if by_requester else users[step["by"]]
        from_state, to_state = service_request.state, LEADS_TO[action]
        expert = service_request.expert
        note = step.get("note", "")
        if action == Action.DISPATCH:
            expert = service_request.expert = users[step["expert"]].expert_profile
        elif action == Action.DECLINE:
            note = step["reason"]
            service_request.expert = None
            service_request.decline_reason = note
            service_request.decline_count += 1
            service_request.dispatched_at = None
        elif action == Action.SCHEDULE:
            service_request.scheduled_start = _at(step["start_days"], step["start_time"])
        elif action == Action.COMPLETE:
            service_request.report = note = step["report"]
            service_request.attendance = step["attendance"]
        elif action == Action.CANCEL:
            service_request.cancel_reason = note = step["reason"]
        elif action == Action.RATE:
            service_request.rating = step["rating"]
            service_request.rating_comment = note = step.get("comment", "")
            service_request.rated_at = at
        if to_state != from_state and to_state in ENTERED_AT:
            setattr(service_request, ENTERED_AT[to_state], at)
        service_request.state = to_state
        RequestEvent.objects.create(
            request=service_request,
            action=action,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            by_requester=by_requester,
            expert=expert,
            at=at,
            note=note,
        )
    service_request.save()
