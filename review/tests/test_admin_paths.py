"""Wagtail's own admin, attacked: every URL it registers is classified (admin_paths.py), and every
one that can change a page is driven as each role on works in each state. After every request,
nothing live of a reviewed type shows content without a valid clearance (what audit_live checks),
the scheduler's run included, and no request answers with a server error."""

import io
from dataclasses import dataclass

import pytest

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.admin.action_menu import _get_base_page_action_menu_items
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale

from articles.models import ArticlePage
from review import corrections, decisions
from review.audit import find_problems
from review.models import CaseStatus, Stage
from tests import factories

from . import admin_paths
from .conftest import build_cast, current_state, grant_admin_rights
from .scenario import advance_to

pytestmark = pytest.mark.django_db


def admin_route_names():
    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and (prefix + str(pattern.pattern)).startswith("admin/")
            ):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, "", None))


def classification(name):
    namespace = name.rsplit(":", 1)[0] if ":" in name else name
    if name in admin_paths.DRIVEN:
        return "driven"
    if name in admin_paths.READ_ONLY:
        return "read only"
    if namespace in admin_paths.PAGE_NAMESPACES or name in admin_paths.PAGE_NAMESPACES:
        return None  # page namespaces are classified name by name
    if name in admin_paths.NOT_PAGE_CONTENT or namespace in admin_paths.NOT_PAGE_CONTENT:
        return "not page content"
    return None


def test_every_admin_url_is_classified():
    names = admin_route_names()
    unclassified = sorted(name for name in names if classification(name) is None)
    assert not unclassified, f"classify these admin URLs in review/tests/admin_paths.py: {unclassified}"
    stale = sorted((set(admin_paths.DRIVEN) | set(admin_paths.READ_ONLY)) - names)
    assert not stale, f"no longer registered: {stale}"
    assert set(admin_paths.DRIVEN) >= admin_paths.CAN_CHANGE_A_LIVE_PAGE
    assert len(names) > 250  # the walk found Wagtail's admin, not an empty list


def test_every_page_action_bulk_action_and_api_action_is_classified():
    menu = {item.name for item in _get_base_page_action_menu_items()}
    assert menu <= set(admin_paths.EDIT_ACTIONS), menu - set(admin_paths.EDIT_ACTIONS)
    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    assert set(bulk_action_registry.actions["wagtailcore"]["page"]) == admin_paths.PAGE_BULK_ACTIONS
    assert set(PagesAdminAPIViewSet.actions) == admin_paths.API_ACTIONS


def test_wagtails_write_api_is_not_installed():
    """Wagtail 8's API v3 (write operations with bearer tokens) would be another door."""
    from django.conf import settings

    assert "wagtail.api.v3" not in settings.INSTALLED_APPS
    assert not any(name.startswith("wagtailusers_api_tokens") for name in admin_route_names())


# Driving every route ----------------------------------------------------------------------------


LANGUAGES = [("zh-hans", "简体中文"), ("mn", "ᠮᠣᠩᠭᠣᠯ")]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module (it takes seconds) inside a transaction rolled back at the end; each
    test's own changes are rolled back after it, as usual."""
    with (
        django_db_blocker.unblock(),
        override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    """A work in every state a submission can be in, a picture and a video shown by live work."""
    Locale.objects.get_or_create(language_code="mn")
    home, works, news = factories.make_site()
    cast = grant_admin_rights(build_cast({"home": home, "works": works, "news": news}))
    picture = factories.make_image("草方格沙障")
    video = factories.make_document("流星雨观测")
    body = [
        *factories.BODY,
        {"type": "image", "value": {"image": picture.pk, "caption": "草方格", "source": ""}},
        {
            "type": "video",
            "value": {"video": video.pk, "poster": None, "caption": "", "transcript": "<p>文字稿</p>"},
        },
    ]
    states = {}

    def fresh(label, **fields):
        return factories.make_work(
            cast["works"],
            f"{label}作品",
            disciplines=["safety"],
            audiences=["elderly"],
            publish=False,
            owner=cast["creator"],
            creator_affiliation="呼和浩特市应急科普工作室",
            **fields,
        )

    states["draft"] = fresh("草稿")
    for stage in (Stage.EDITORIAL, Stage.EXPERT, Stage.FINAL):
        cast["work"] = fresh(stage.value)
        advance_to(cast, stage)
        states[stage.value] = cast["work"]
    sent_back = fresh("退回")
    cast["workflow"].start(sent_back, cast["creator"])
    decisions.act(current_state(sent_back), cast["editor2"], "reject", comment="请补充参考文献")
    states["sent_back"] = sent_back
    states["live"] = factories.make_work(cast["works"], "已发布作品", body=body, owner=cast["creator"])
    in_review = factories.make_work(cast["works"], "有修改稿在审的作品", owner=cast["creator"])
    draft = in_review.live_revision.as_object()
    draft.summary = "修改稿:未经审核的摘要。"
    draft.save_revision(user=cast["creator"])
    cast["workflow"].start(in_review, cast["creator"])
    states["live_in_review"] = in_review
    retracted = factories.make_work(cast["works"], "已撤稿作品")
    case = corrections.file_report(retracted, problem="有误")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_b"])
    corrections.record_finding(case, cast["expert_b"], confirmed=True, finding="确有错误")
    corrections.decide(case, cast["editor"], CaseStatus.RETRACTED, "撤稿")
    states["retracted"] = retracted
    states["alias"] = CreatePageAliasAction(states["live"], update_slug="live-alias").execute()
    assert states["alias"].live
    assert find_problems()[1] == []
    return {**cast, "states": states, "picture": picture, "video": video}


@dataclass
class Context:
    client: Client
    world: dict
    user: object
    work: ArticlePage
    step: int


def drive(world, driver):
    """Each role × each state the driver acts on, in a savepoint rolled back afterwards."""
    responses, step = [], 0
    for role in admin_paths.ROLES:
        for state in admin_paths.STATES_FOR.get(driver.__name__, admin_paths.STATES):
            with transaction.atomic():
                client = Client()
                client.force_login(world[role])
                step += 1
                requests = driver(Context(client, world, world[role], world["states"][state], step))
                while True:
                    # Each request in a savepoint of its own, as each is its own transaction when served.
                    connection.queries_log.clear()  # the log keeps 9,000 queries: one request's fit
                    with CaptureQueriesContext(connection) as queries, transaction.atomic():
                        response = next(requests, None)
                    if response is None:
                        break
                    connection.queries_log.clear()
                    with CaptureQueriesContext(connection) as scheduler:
                        call_command("publish_scheduled", stdout=io.StringIO())
                    assert response.status_code < 500, (driver.__name__, role, state, response.status_code)
                    if admin_paths.wrote_content(queries.captured_queries + scheduler.captured_queries):
                        problems = find_problems()[1]
                        assert problems == [], (driver.__name__, role, state, problems)
                    responses.append((role, state, response))
                transaction.set_rollback(True)
    return responses


@pytest.mark.parametrize("route", admin_paths.drivers(), ids=lambda driver: driver.__name__)
def test_driving_every_route_as_every_role_keeps_the_invariant(world, route):
    responses = drive(world, route)
    # The drivers are not refused wholesale: the superuser's requests mostly get through.
    through = [r for role, _state, r in responses if role == "root" and r.status_code in (200, 201, 204, 302)]
    assert through, route.__name__


def test_the_drivers_do_what_they_say_when_allowed(world):
    """A sample of the superuser's requests, checked for effect, so a broken driver cannot pass."""
    root = world["root"]

    def once(driver, state):
        with transaction.atomic():
            client = Client()
            client.force_login(root)
            list(driver(Context(client, world, root, world["states"][state], 999)))
            outcome = {
                "drafts": ArticlePage.objects.filter(slug__startswith="added-999").count(),
                "copies": ArticlePage.objects.filter(slug__in=["copy-999", "alias-999"]).count(),
                "revisions": ArticlePage.objects.get(pk=world["states"][state].pk).revisions.count()
                if ArticlePage.objects.filter(pk=world["states"][state].pk).exists()
                else None,
                "exists": ArticlePage.objects.filter(pk=world["states"][state].pk).exists(),
                "live": ArticlePage.objects.filter(pk=world["states"][state].pk, live=True).exists(),
            }
            transaction.set_rollback(True)
        return outcome

    assert once(admin_paths.add, "draft")["drafts"] == 4  # created, none of them live
    assert not ArticlePage.objects.filter(slug__startswith="added-", live=True).exists()
    before = world["states"]["draft"].revisions.count()
    assert once(admin_paths.edit, "draft")["revisions"] > before
    assert once(admin_paths.copy, "live")["copies"] == 1  # the plain copy: publishing one is refused
    assert not once(admin_paths.unpublish, "live")["live"]
    assert not once(admin_paths.delete, "draft")["exists"]


def test_the_world_covers_every_state(world):
    states = world["states"]
    assert set(states) == set(admin_paths.STATES)
    assert states["live"].live and states["alias"].live and not states["draft"].live
    assert not ArticlePage.objects.get(pk=states["retracted"].pk).live
    assert current_state(states["final"]).task.specific.stage == Stage.FINAL
