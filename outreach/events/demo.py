"""The demo's 科普活动 (part of `manage.py load_demo`, outreach/demo.py): the events index under the
home page with the 三审 workflow, ~16 events across the campaigns and 12 leagues read from
demo_events.toml (dates relative to today; past ones with reports), published as imported content
like the demo's works. Idempotent: what exists (by slug) is left as it is."""

import datetime
import tomllib
from pathlib import Path

from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import Audience, Campaign, Discipline, Region
from review.decisions import clear_import
from review.setup import ensure_review_workflows

from .models import EventIndexPage, EventPage, EventReport, SignUp

DATA = Path(__file__).with_name("demo_events.toml")
# What the editors do with events in the admin: read sign-ups, file reports.
EDITOR_PERMISSIONS = ("view_signup", "add_eventreport", "change_eventreport", "view_eventreport")


def load(context):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    index = _index(context, data["index"])
    ensure_review_workflows(
        editors=context.groups["editors"], chief_editors=context.groups["chief-editors"], sections=[index]
    )
    context.groups["editors"].permissions.add(*Permission.objects.filter(codename__in=EDITOR_PERMISSIONS))
    owner = context.users.get("editor")
    today = timezone.localdate()
    events, made = {}, 0
    for item in data["event"]:
        event = EventPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if event is None:
            event = _event(context, index, item, today, owner, data["import_note"])
            made += 1
        events[item["slug"]] = event
        _report(event, item)
        _signups(event, item)
    context.shared["events"] = events  # people assigns volunteers to some of them, by slug
    context.shared["event_index"] = index
    context.created["pages"] = context.created.get("pages", 0) + made
    context.stdout.write(f"Events: {len(events)} ({made} new).")


def _index(context, item):
    index = EventIndexPage.objects.child_of(context.home).first()
    if index is None:
        index = EventIndexPage(
            title=item["title"], slug=item["slug"], intro=item["intro"], show_in_menus=True
        )
        context.home.add_child(instance=index)
        index.save_revision().publish()
        context.created["pages"] = context.created.get("pages", 0) + 1
    return index


def _moment(day, clock):
    hour, minute = map(int, clock.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _event(context, index, item, today, owner, note):
    first_day = today + datetime.timedelta(days=item["offset"])
    start = _moment(first_day, item["start"])
    end = _moment(first_day + datetime.timedelta(days=item.get("days", 0)), item["end"])
    venue = context.shared.get("venues", {}).get(item.get("venue", ""))
    event = EventPage(
        title=item["title"],
        slug=item["slug"],
        summary=item["summary"],
        search_description=item["summary"],
        campaign=Campaign.objects.filter(code=item.get("campaign", "")).first(),
        start=start,
        end=end,
        format=item.get("format", "offline"),
        venue=venue,
        address=item.get("address", "") if venue is None or "address" in item else "",
        online_url=item.get("online_url", ""),
        organizer=item["organizer"],
        capacity=item.get("capacity", 0),
        description=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in item["description"]],
    )
    if venue is None and not event.address:
        raise ValueError(f"demo event {item['slug']}: no venue (is venues' demo loaded?) and no address")
    event.regions.set(Region.objects.filter(code__in=item["regions"]))
    event.audiences.set(Audience.objects.filter(code__in=item["audiences"]))
    event.disciplines.set(Discipline.objects.filter(code__in=item["disciplines"]))
    event.full_clean(exclude=["path", "depth", "url_path", "slug"])
    index.add_child(instance=event)
    # Published by the loader, not by any person: the credit says it was imported, not reviewed.
    revision = event.save_revision(user=owner)
    clear_import(revision, note)
    revision.publish()
    # Announced two weeks ahead (a past event was not published after it happened).
    announced = min(timezone.now(), start - datetime.timedelta(days=14))
    EventPage.objects.filter(pk=event.pk).update(first_published_at=announced, last_published_at=announced)
    return EventPage.objects.get(pk=event.pk)


def _report(event, item):
    report = item.get("report")
    if report and not EventReport.objects.filter(event=event).exists():
        EventReport.objects.create(
            event=event, participants=report["participants"], summary=report["summary"]
        )


def _signups(event, item):
    """Fictional sign-ups (no mail is sent): the robotics camp is nearly full."""
    wanted = item.get("demo_signups", 0)
    have = event.signups.count()
    SignUp.objects.bulk_create(
        SignUp(
            event=event,
            name=f"演示读者{number:02d}（演示）",
            email=f"reader{number:02d}.{event.pk}@example.org",
            created_at=event.first_published_at + datetime.timedelta(hours=number),
        )
        for number in range(have + 1, wanted + 1)
    )
