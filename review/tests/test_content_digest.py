"""The digest a clearance binds to: it changes with anything a reader sees, and with nothing else."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import connection

from taggit.models import Tag

from articles.models import ArticlePage, CorrectionNotice, Discipline
from review.content import page_digest, revision_digest
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(site_tree):
    """A live work with a cover, an inline picture, a tag, a notice and classification."""
    page = factories.make_illustrated_work(site_tree["works"], disciplines=["safety"], audiences=["elderly"])
    draft = page.get_latest_revision_as_object()
    draft.tags.add("一氧化碳")
    draft.corrections.add(CorrectionNotice(date=datetime.date(2026, 1, 5), text="更正了一处数字。"))
    factories.publish_imported(draft)
    return ArticlePage.objects.get(pk=page.pk)


def stored(page):
    return ArticlePage.objects.get(pk=page.pk)


def test_the_live_page_and_its_live_revision_have_one_digest(work):
    assert page_digest(work) == revision_digest(work.live_revision)
    assert page_digest(work) == page_digest(stored(work))


def test_reading_the_body_does_not_change_the_digest(work):
    before = page_digest(work)
    str(work.body)  # rendering converts every block
    assert page_digest(work) == before


def changes(work, change):
    draft = work.live_revision.as_object()
    change(draft)
    return page_digest(draft) != page_digest(work)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p, "title", p.title + "!"),
        lambda p: setattr(p, "summary", "安装报警器就不会中毒。"),
        lambda p: setattr(p, "creator_name", "别人"),
        lambda p: setattr(p, "seo_title", "新标题"),
        lambda p: setattr(p, "cover_image", None),
        lambda p: p.body.__setitem__(1, ("paragraph", "<p>一氧化碳有臭味。</p>")),
        lambda p: p.disciplines.set(Discipline.objects.filter(code="ecology")),
        lambda p: p.tags.add("伪科学"),
        lambda p: p.corrections.add(CorrectionNotice(date=datetime.date(2026, 2, 1), text="又一条")),
    ],
    ids=["title", "summary", "credit", "seo", "cover", "paragraph", "discipline", "tag", "notice"],
)
def test_what_readers_see_changes_the_digest(work, change):
    assert changes(work, change)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p, "slug", "another-slug"),
        lambda p: setattr(p, "show_in_menus", True),
        lambda p: setattr(p, "locked", True),
        lambda p: setattr(p, "review_credit", {"kind": "review", "reviewers": []}),
        lambda p: setattr(p, "go_live_at", datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)),
    ],
    ids=["slug", "menus", "lock", "credit-line", "schedule"],
)
def test_where_and_when_a_page_shows_does_not(work, change):
    assert not changes(work, change)


@pytest.mark.unreviewed_live
@pytest.mark.parametrize(
    ("model", "field", "value"),
    [("image", "description", "换了的替代文本"), ("image", "source", "别人"), ("tag", "name", "改名")],
)
def test_shared_objects_readers_see_are_part_of_it(work, model, field, value):
    """Changing a shared picture's alt text or a tag's name (below the guards) changes the digest."""
    before = page_digest(work)
    obj = work.cover_image if model == "image" else Tag.objects.get(name="一氧化碳")
    type(obj).objects.filter(pk=obj.pk).update(**{field: value})
    assert page_digest(stored(work)) != before


@pytest.mark.unreviewed_live
def test_a_picture_deleted_below_the_guards_changes_it(work):
    before = page_digest(work)
    figure = next(b.value["image"] for b in work.body if b.block_type == "image")
    table = connection.ops.quote_name(figure._meta.db_table)
    renditions = connection.ops.quote_name(figure.renditions.model._meta.db_table)
    with connection.cursor() as cursor:  # straight SQL: what no model path allows (review/guards.py)
        # Its renditions (made at upload) first, or the foreign key check at the test's end fails.
        cursor.execute(f"DELETE FROM {renditions} WHERE image_id = %s", [figure.pk])  # noqa: S608
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [figure.pk])  # noqa: S608 - a model's table
    assert page_digest(stored(work)) != before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(summary=st.text(min_size=1, max_size=80))
def test_the_digest_changes_exactly_when_the_summary_does(work, summary):
    draft = work.live_revision.as_object()
    draft.summary = summary
    assert (page_digest(draft) == page_digest(work)) == (summary == work.summary)


def test_a_date_and_time_with_microseconds_matches_its_own_revision(site_tree):
    """Revisions keep milliseconds (JSON): an event starting at a time with microseconds publishes, and
    its stored page and live revision still read as the same content."""
    import datetime

    from django.utils import timezone

    from outreach.events.tests.factories import make_event, make_event_index
    from review.audit import find_problems

    start = timezone.now().replace(microsecond=123456) + datetime.timedelta(days=2)
    event = make_event(make_event_index(site_tree["home"]), "微秒开始的活动", start=start)
    assert event.live and event.start.microsecond == 123456
    assert find_problems() == (1, [])
