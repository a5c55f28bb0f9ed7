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
from review.models import EditorialReviewTask, ExpertReviewTask, FinalReviewTask
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
    return {
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
