"""Data for the supervision tests: works across audiences, disciplines, forms, leagues and dates;
finished review stages; readers' answers. Built by `build_world`, then counted again by hand."""

import itertools
from datetime import date, datetime, timedelta

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page, TaskState, Workflow, WorkflowState

from articles.models import Region
from review.models import (
    EditorialReviewTask,
    ExpertAssignment,
    ExpertProfile,
    ExpertReviewTask,
    FinalReviewTask,
    ReviewOpinion,
)
from tests import factories

from ..models import HelpfulAnswer

TODAY = date(2026, 6, 15)
AUDIENCES = ["youth", "farmers-herders", "elderly", "workers", "officials", "public"]
DISCIPLINES = ["health", "ecology", "astronomy", "livestock"]  # livestock: a sub-field of agriculture
FORMS = ["article", "video", "audio", "comic", "infographic"]
# County codes of three leagues, the leagues themselves, the whole region, and nothing.
REGIONS = [["150102"], ["150200"], ["152921"], ["150000"], [], ["150102", "150203"], ["152502"]]


def local(day, hour=9):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


@pytest.fixture
def tasks(db):
    workflow = Workflow.objects.create(name="测试三审")
    experts = [
        ExpertProfile.objects.create(
            user=get_user_model().objects.create_user(f"expert{n}", f"e{n}@example.org", "pw"),
            name=f"专家{n}（演示）",
            affiliation="示例研究院（演示）",
        )
        for n in range(2)
    ]
    return {
        "experts": experts,
        "workflow": workflow,
        "editorial": EditorialReviewTask.objects.create(name="初审（测试）"),
        "expert": ExpertReviewTask.objects.create(name="科学性审核（测试）"),
        "final": FinalReviewTask.objects.create(name="终审（测试）"),
    }


def build_world(works_index, tasks, size):
    """`size` works with every combination cycled, published over 2025–2026, each with finished
    review stages and a few answers. Returns the works."""
    works = []
    page_type = ContentType.objects.get_for_model(Page)
    combos = itertools.cycle(
        zip(
            itertools.cycle(AUDIENCES),
            itertools.cycle(DISCIPLINES),
            itertools.cycle(FORMS),
            itertools.cycle(REGIONS),
            strict=False,
        )
    )
    for index in range(size):
        audience, discipline, form, regions = next(combos)
        audiences = [audience, AUDIENCES[(index + 2) % 6]] if index % 3 == 0 else [audience]
        disciplines = [] if index % 7 == 6 else [discipline]
        published = local(TODAY - timedelta(days=37 * index))
        work = factories.make_work(
            works_index,
            f"测试作品{index}",
            audiences=audiences if index % 5 != 4 else [],
            disciplines=disciplines,
            form=form,
            regions=regions,
            published_at=published,
        )
        works.append(work)
        state = WorkflowState.objects.create(
            content_type=page_type,
            base_content_type=page_type,
            object_id=str(work.pk),
            workflow=tasks["workflow"],
            status=WorkflowState.STATUS_APPROVED,
        )
        start = published - timedelta(days=10)
        for step, (key, days) in enumerate(
            (("editorial", 1 + index % 3), ("expert", 2 + index % 5), ("final", 1))
        ):
            task_state = TaskState.objects.create(
                workflow_state=state,
                revision=work.latest_revision,
                task=tasks[key],
                status=TaskState.STATUS_REJECTED
                if step == 1 and index % 4 == 0
                else TaskState.STATUS_APPROVED,
            )
            TaskState.objects.filter(pk=task_state.pk).update(
                started_at=start, finished_at=start + timedelta(days=days, hours=index % 4)
            )
            if key == "expert":  # each expert assigned at the start, their opinion some hours later
                for n, expert in enumerate(tasks["experts"][: 1 + index % 2]):
                    assignment = ExpertAssignment.objects.create(
                        task_state=task_state, expert=expert, due_at=start
                    )
                    opinion = ReviewOpinion.objects.create(
                        task_state=task_state, revision=work.latest_revision, expert=expert, verdict="approve"
                    )
                    ExpertAssignment.objects.filter(pk=assignment.pk).update(assigned_at=start)
                    ReviewOpinion.objects.filter(pk=opinion.pk).update(
                        created_at=start + timedelta(days=days - n, hours=3 * n)
                    )
            start += timedelta(days=days + 1)
        for answer in range(index % 4):
            HelpfulAnswer.objects.create(
                page=work, helpful=answer % 3 != 2, created=TODAY - timedelta(days=20 * index + answer)
            )
    return works


@pytest.fixture
def league():
    return Region.objects.get(code="150100")  # 呼和浩特市: 150102 is one of its counties


@pytest.fixture
def supervisor(db):
    user = get_user_model().objects.create_user("supervisor", "s@example.org", "pw", is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="supervision", codename="view_dashboard"),
    )
    return user


CAMPAIGNS = ["sci-tech-week", "science-day", None, "three-rural"]
VENUE_TYPES = ["science-museum", "caravan", "open-lab", "science-backyard", "education-base"]
ORG_TYPES = ["enterprise", "park", "village", "school"]
STATES = ["submitted", "dispatched", "accepted", "scheduled", "completed", "cancelled"]


def build_outreach(home, size):
    """`size` events (most with a report and volunteers), venues and service requests, spread over
    the regions and 2025–2026 like the works."""
    from outreach.dispatch.models import RequestEvent
    from outreach.dispatch.tests.conftest import make_request
    from outreach.events.models import EventReport
    from outreach.events.tests.factories import make_event, make_event_index
    from outreach.people.models import VolunteerAssignment
    from outreach.people.tests.factories import make_volunteer
    from outreach.venues.tests.factories import make_venue, make_venue_index

    events_index, venues_index = make_event_index(home), make_venue_index(home)
    volunteers = [
        make_volunteer(f"志愿者{n}（演示）", region=code, status="approved" if n % 4 else "pending")
        for n, code in enumerate(["150102", "150203", "152921", "150200", "152502", "150100"])
    ]
    for index in range(size):
        regions = [code for code in REGIONS[index % len(REGIONS)] if code != "150000"]
        start = local(TODAY - timedelta(days=41 * index))
        event = make_event(
            events_index, f"活动{index}", start=start, campaign=CAMPAIGNS[index % 4], regions=regions
        )
        if index % 5 != 3:
            EventReport.objects.create(event=event, participants=30 + 7 * index, summary="按计划举办。")
            for volunteer in volunteers[index % 3 : index % 3 + 2]:
                VolunteerAssignment.objects.create(
                    volunteer=volunteer, event=event, role="讲解", hours=2 + index % 3
                )
        make_venue(
            venues_index,
            f"阵地{index}（演示）",
            region=(regions or ["150102"])[0],
            venue_type=VENUE_TYPES[index % 5],
        )
        request = make_request(
            organisation_type=ORG_TYPES[index % 4],
            region=Region.objects.get(code=(regions or ["152502"])[0]),
            state=STATES[index % 6],
        )
        submitted = local(TODAY - timedelta(days=29 * index))
        type(request).objects.filter(pk=request.pk).update(submitted_at=submitted)
        if index % 6:
            for attempt in range(1 + index % 2):  # some declined and dispatched again
                RequestEvent.objects.create(
                    request=request,
                    action="dispatch",
                    to_state="dispatched",
                    at=submitted + timedelta(days=1 + index % 3 + 4 * attempt, hours=index),
                )
