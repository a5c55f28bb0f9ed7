"""Issue 15's walk in the demo, in a real browser: a reader browses the events calendar and the venue
directory on a phone and signs up for an event; a factory orders a talk (点单) without an account; an
editor dispatches it to a suggested expert (派单), the expert accepts it in the admin, the factory's
tracking link follows each step; the chief editor reads the 督查 dashboard."""

import datetime
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from articles.models import Audience, Discipline, Region
from outreach.dispatch.models import ServiceRequest, State
from outreach.events.models import EventIndexPage, EventPage, SignUp
from review.models import ExpertProfile

from .admin_steps import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FACTORY = "示例稀土永磁材料有限公司（演示）"


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def submit(page, selector="main form button[type=submit]"):
    with page.expect_navigation():
        page.locator(selector).first.click()
    page.wait_for_load_state("networkidle")


def test_calendar_venues_sign_up_order_dispatch_accept_and_the_dashboard(browser, live_server, phone):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url

    # The month calendar and the list of events, on a phone.
    index = EventIndexPage.objects.get(locale__language_code="zh-hans")
    upcoming = (
        EventPage.objects.live()
        .filter(locale__language_code="zh-hans", end__gte=timezone.now(), capacity__gt=0)
        .order_by("start")
    )
    event = next(e for e in upcoming if e.signups.filter(status=SignUp.Status.CONFIRMED).count() < e.capacity)
    month = timezone.localtime(event.start).strftime("%Y-%m")
    phone.goto(f"{base}{index.url}?view=calendar&month={month}")
    assert phone.locator("table").count() >= 1
    assert phone.locator(f"a[href='{event.url}']").count() >= 1  # the event on its day
    assert fits_the_phone(phone)
    phone.goto(base + index.url)
    assert phone.locator(f"a[href='{event.url}']").count() >= 1
    assert fits_the_phone(phone)

    # The venue directory: the drawn map of the 12 leagues (no tile server in the demo) and a league.
    phone.goto(f"{base}/zh-hans/venues/")
    assert phone.locator("svg a").count() == 12
    assert fits_the_phone(phone)
    phone.locator("svg a").first.click()
    phone.wait_for_load_state("networkidle")
    assert "league=" in phone.url and phone.locator("main a[href*='/venues/']").count() >= 1

    # A reader signs up for the event, and gets the e-mail with the cancellation link.
    phone.goto(base + event.url)
    with phone.expect_navigation():
        phone.locator("a", has_text="我要报名").click()
    phone.fill("input[name=name]", "赵演示")
    phone.fill("input[name=phone]", "13904710099")
    phone.fill("input[name=email]", "reader-walk@example.org")
    submit(phone)
    signup = SignUp.objects.get(event=event, email="reader-walk@example.org")
    assert signup.status in (SignUp.Status.CONFIRMED, SignUp.Status.WAITING)
    assert "报名" in phone.locator("main").inner_text()
    sent = [m for m in mail.outbox if "reader-walk@example.org" in m.to]
    assert sent and "/cancel/" in sent[-1].body

    # A factory orders a talk, without an account.
    phone.goto(f"{base}/zh-hans/outreach/requests/new/")
    phone.fill("input[name=organisation_name]", FACTORY)
    phone.select_option("select[name=organisation_type]", "enterprise")
    phone.select_option("select[name=audience]", str(Audience.objects.get(code="workers").pk))
    phone.fill("input[name=topic]", "稀土永磁材料的生产安全与职业健康")
    phone.select_option("select[name=discipline]", str(Discipline.objects.get(code="materials").pk))
    start = timezone.localdate() + datetime.timedelta(days=10)
    phone.fill("input[name=earliest_date]", start.isoformat())
    phone.fill("input[name=latest_date]", (start + datetime.timedelta(days=20)).isoformat())
    phone.select_option("select[name=region]", str(Region.objects.get(code="150203").pk))
    phone.fill("input[name=address]", "包头市昆都仑区示例路 8 号（演示）")
    phone.fill("input[name=expected_attendance]", "120")
    phone.fill("input[name=contact_name]", "钱演示")
    phone.fill("input[name=contact_phone]", "13904720088")
    phone.fill("input[name=contact_email]", "factory-walk@example.org")
    assert fits_the_phone(phone)
    submit(phone)
    order = ServiceRequest.objects.get(organisation_name=FACTORY)
    assert order.state == State.SUBMITTED
    assert "/outreach/requests/track/" in phone.url
    tracking = phone.url.split("?")[0]
    assert "待派单" in phone.locator("main").inner_text()
    receipt = [m for m in mail.outbox if "factory-walk@example.org" in m.to]
    assert receipt and re.search(r"/outreach/requests/track/[^/\s]+/", receipt[-1].body)

    # An editor dispatches it to the expert the portal suggests first.
    editor = log_in(browser, base, "editor")
    editor.goto(f"{base}/admin/dispatch/")
    assert FACTORY in editor.locator("main").inner_text()
    editor.goto(f"{base}/admin/dispatch/{order.pk}/")
    first = editor.locator("select[name=expert] option").nth(1).get_attribute("value")
    editor.select_option("select[name=expert]", first)
    submit(editor, "form[action$='/dispatch/'] button[type=submit]")
    order.refresh_from_db()
    expert = ExpertProfile.objects.get(pk=first)
    assert order.state == State.DISPATCHED and order.expert_id == expert.pk
    assert not editor.problems, editor.problems

    # The expert finds it under 我的派单 and accepts it.
    answering = log_in(browser, base, expert.user.get_username())
    answering.goto(f"{base}/admin/dispatch/mine/")
    assert FACTORY in answering.locator("main").inner_text()
    answering.goto(f"{base}/admin/dispatch/{order.pk}/")
    submit(answering, "form[action$='/accept/'] button[type=submit]")
    order.refresh_from_db()
    assert order.state == State.ACCEPTED
    assert not answering.problems, answering.problems

    # The factory's tracking link says so.
    phone.goto(tracking)
    assert "专家已接受" in phone.locator("main").inner_text()

    # The chief editor reads the 督查 dashboard: charts and the requests by state.
    chief = log_in(browser, base, "chief")
    chief.goto(f"{base}/admin/supervision/")
    text = chief.locator("main").inner_text()
    assert chief.locator("svg").count() >= 3
    assert "待派单" in text or "已派单" in text
    assert not chief.problems, chief.problems
    assert not phone.problems, phone.problems
