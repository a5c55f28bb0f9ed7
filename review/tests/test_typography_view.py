"""The typography panel of 初审: findings per field, accepting a fix as a new revision by the editor,
refusing a stale fix and everyone but the editor who holds 初审; and that a fix cannot bypass review."""

import json

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import Revision, TaskState

from creators.tests.creators import creator as verified_creator
from review import clearance, decisions
from review.content import revision_digest
from review.models import ReviewAction, ReviewClearance, Stage
from review.typography.checker import check
from review.typography.revision import text_fields
from tests import factories

from .conftest import current_state
from .scenario import CHECKLIST, advance_to
from .test_permission_matrix import refused

pytestmark = pytest.mark.django_db

CLEAN_BODY = [
    {"type": "heading", "value": {"text": "一氧化碳为什么危险"}},
    {"type": "paragraph", "value": "<p>一氧化碳无色无味，与血红蛋白结合的能力远强于氧气。</p>"},
]


def decide_url(state):
    return reverse("review:decide", args=[state.pk, "approve"])


def fix_url(state):
    return reverse("review:typography_fix", args=[state.pk])


def latest(work):
    work.refresh_from_db()
    return work.get_latest_revision()


def summary_fix(state, work):
    """The POST data of the panel's first finding in the summary (the factory's "要通风,安装")."""
    revision = latest(work)
    summary = next(f for f in text_fields(revision) if f.locator == "summary")
    finding = check(summary.text)[0]
    return {"revision": revision.pk, "field": "summary", "offset": finding.offset, "excerpt": finding.excerpt}


def test_the_panel_lists_findings_per_field(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    client.force_login(cast["editor"])
    page = client.get(decide_url(state)).content.decode()
    assert "标点与排版检查（GB/T 15834—2011）" in page
    assert "摘要" in page and "正文第2块·段落" in page and "正文第3块·知识点·内容" in page
    assert "正文第1块" not in page  # the heading has no finding
    assert "中文之间应使用全角逗号" in page
    assert (
        page.count("采用此修改") == 4
    )  # the summary and the fact box have one ASCII comma, the paragraph two
    assert "全部采用" in page
    assert '<mark class="typo-old">,</mark>' in page and '<mark class="typo-new">，</mark>' in page
    assert "未发现问题" not in page


def test_a_clean_revision_has_no_findings(client, cast):
    work = cast["work"]
    work.summary = "煤炉取暖要通风，安装报警器。"
    work.body = CLEAN_BODY
    work.save_revision()
    state = advance_to(cast, Stage.EDITORIAL)
    client.force_login(cast["editor"])
    page = client.get(decide_url(state)).content.decode()
    assert "未发现问题" in page and "采用此修改" not in page


def test_accepting_one_fix_makes_a_new_revision_by_the_editor(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    work = cast["work"]
    before = latest(work)
    client.force_login(cast["editor"])
    response = client.post(fix_url(state), summary_fix(state, work))
    assert response.status_code == 302 and response["Location"].endswith(decide_url(state))
    revision = latest(work)
    assert revision.pk != before.pk and revision.user == cast["editor"]
    assert revision.content["summary"] == "煤炉取暖要通风，安装报警器。"
    assert before.content["summary"] == "煤炉取暖要通风,安装报警器。"  # the earlier revision is kept
    # Only the accepted fix: the body keeps its ASCII commas until they are accepted too.
    assert revision.content["body"] == before.content["body"]
    action = ReviewAction.objects.get(action="typography-fix")
    assert action.user == cast["editor"] and action.revision_id == revision.pk
    assert action.stage == Stage.EDITORIAL and action.data["from_revision"] == before.pk
    assert action.data["fixes"] == [
        {"field": "summary", "excerpt": ",", "replacement": "，", "rule": "中文之间应使用全角逗号“，”"}
    ]
    assert "「,」→「，」" in action.comment
    # Still at 初审, and the panel now reads the new revision.
    now = current_state(work)
    assert now.pk == state.pk and now.status == TaskState.STATUS_IN_PROGRESS
    assert now.task.specific.stage == Stage.EDITORIAL
    page = client.get(decide_url(state)).content.decode()
    assert page.count("采用此修改") == 3 and f"第{revision.pk}号" in page
    assert "与作者提交的版本对照" in page
    trail = client.get(reverse("review:timeline", args=[work.pk])).content.decode()
    assert "编辑采用标点修改（新版本）" in trail
    # The creator is told, in their review view, that the editor changed the text and how.
    creator = Client()
    creator.force_login(verified_creator(cast, "creator"))
    history = creator.get(reverse("creators:work_review", args=[work.pk])).content.decode()
    assert "编辑修改了标点与排版，已保存为新版本" in history and "「,」→「，」" in history


def test_accept_all_then_approve_covers_the_fixed_text(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    work = cast["work"]
    client.force_login(cast["editor"])
    client.post(fix_url(state), {"revision": latest(work).pk, "all": "1"})
    revision = latest(work)
    assert all(not check(f.text) for f in text_fields(revision))
    assert "，" in revision.content["summary"]

    assert "无色无味，与血红蛋白" in json.dumps(json.loads(revision.content["body"]), ensure_ascii=False)
    assert "未发现问题" in client.get(decide_url(state)).content.decode()
    # 初审's approval covers the revision the editor fixed, and the experts get that revision.
    decisions.act(current_state(work), cast["editor"], "approve", comment="标点已改", **CHECKLIST)
    expert_state = current_state(work)
    assert expert_state.task.specific.stage == Stage.EXPERT and expert_state.revision_id == revision.pk


def test_a_stale_fix_is_refused_and_nothing_is_lost(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    work = cast["work"]
    client.force_login(cast["editor"])
    seen = summary_fix(state, work)
    # Meanwhile the summary was rewritten (the comma is gone from where it was).
    changed = latest(work).as_object()
    changed.summary = "取暖要通风,安装报警器。"
    edited = changed.save_revision(user=cast["editor2"])
    response = client.post(fix_url(state), seen, follow=True)
    assert "处的文字已经改变" in response.content.decode()
    assert latest(work).pk == edited.pk and latest(work).content["summary"] == "取暖要通风,安装报警器。"
    assert not ReviewAction.objects.filter(action="typography-fix").exists()
    # "全部采用" of a revision that is no longer the latest is refused too.
    response = client.post(fix_url(state), {"revision": seen["revision"], "all": "1"}, follow=True)
    assert "已有新版本" in response.content.decode()
    assert latest(work).pk == edited.pk


def test_a_crafted_excerpt_is_refused(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    work = cast["work"]
    client.force_login(cast["editor"])
    data = {**summary_fix(state, work), "excerpt": "煤炉取暖要通风,安装报警器。这里是注入的文字"}
    response = client.post(fix_url(state), data, follow=True)
    assert "已经改变" in response.content.decode()
    response = client.post(fix_url(state), {"revision": "x"}, follow=True)
    assert "修改请求不完整" in response.content.decode()
    assert Revision.objects.filter(object_id=str(work.pk)).count() == 1


@pytest.mark.parametrize("role", ["creator", "other_creator", "expert_a", "chief"])
def test_nobody_but_the_editor_may_apply_fixes(client, cast, role):
    state = advance_to(cast, Stage.EDITORIAL)
    work = cast["work"]
    data = summary_fix(state, work)
    client.force_login(cast[role])
    # Refused as every admin page refuses: 403, or back to the dashboard with the reason.
    assert refused(client.post(fix_url(state), data))
    assert latest(work).pk == data["revision"]
    assert not ReviewAction.objects.filter(action="typography-fix").exists()


def test_experts_and_the_chief_cannot_use_it_in_their_stages(client, cast):
    state = advance_to(cast, Stage.EXPERT)
    work = cast["work"]
    data = summary_fix(state, work)
    for role in ("editor", "editor2", "expert_a", "chief", "root"):
        client.force_login(cast[role])
        assert refused(client.post(fix_url(state), data)), role
    response = Client()
    response.force_login(cast["editor"])
    assert (
        "只有在初审环节才能采用标点修改" in response.post(fix_url(state), data, follow=True).content.decode()
    )
    assert current_state(work).pk == state.pk  # still the expert stage
    assert latest(work).pk == data["revision"]


def test_the_panel_is_only_on_the_editorial_page(client, cast):
    from .scenario import OPINION

    state = advance_to(cast, Stage.EXPERT)
    for name in ("expert_a", "expert_b"):
        decisions.record_opinion(state, cast[name], **OPINION)
    final = current_state(cast["work"])
    client.force_login(cast["chief"])
    page = client.get(decide_url(final)).content.decode()
    assert page.count("标点与排版检查") == 0


def test_post_only_and_csrf_protected(cast):
    state = advance_to(cast, Stage.EDITORIAL)
    data = summary_fix(state, cast["work"])
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(cast["editor"])
    assert csrf_client.get(fix_url(state)).status_code == 405
    assert csrf_client.post(fix_url(state), data).status_code == 403
    assert latest(cast["work"]).pk == data["revision"]


def test_a_fix_cannot_bypass_review(client, cast):
    """A live work with a new revision in 初审: accepting a fix leaves the live page as it was, and
    the fixed revision's digest is covered by no clearance, so it cannot be published."""
    work = factories.make_work(cast["works"], "草原为什么会沙化", owner=cast["creator"], publish=True)
    live_revision = work.live_revision
    changed = work.get_latest_revision().as_object()
    changed.summary = "草原沙化与过度放牧有关,也与气候有关。"
    changed.save_revision(user=cast["creator"])
    cast["workflow"].start(work, cast["creator"])
    state = current_state(work)
    assert state.task.specific.stage == Stage.EDITORIAL
    client.force_login(cast["editor"])
    client.post(fix_url(state), {"revision": latest(work).pk, "all": "1"})
    fixed = latest(work)
    assert fixed.content["summary"] == "草原沙化与过度放牧有关，也与气候有关。"
    # The live page still shows the cleared content.
    work.refresh_from_db()
    assert work.live and work.live_revision_id == live_revision.pk
    assert work.summary == "煤炉取暖要通风,安装报警器。"
    assert clearance.is_cleared(work.pk, revision_digest(live_revision))
    # The fixed text is new content: no clearance covers it, and publishing it is refused.
    digest = revision_digest(fixed)
    assert digest != revision_digest(live_revision)
    assert not ReviewClearance.objects.filter(page_id=work.pk, digest=digest).exists()
    assert clearance.revision_refusal(fixed) is not None
    with pytest.raises(clearance.UnreviewedContent):
        fixed.publish(user=cast["root"])
    work.refresh_from_db()
    assert work.live_revision_id == live_revision.pk
