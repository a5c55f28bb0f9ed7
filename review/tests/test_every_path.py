"""Six ways unreviewed text reached readers, or review got stuck, through Wagtail's own admin and the
workflow itself (issue 9). Each is replayed as the attacker or user did it."""

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from articles.models import ArticlePage, NewsPage
from creators.tests.creators import creator, form_data, submitted
from creators.tests.sample_files import picture, post_files, rows
from review import corrections, decisions
from review.audit import audit_live
from review.content import revision_digest
from review.models import CaseStatus, ReviewClearance, Stage
from tests import factories
from tests.admin_forms import page_form_data

from .conftest import current_state
from .scenario import CHECKLIST, OPINION, publish_through_review

pytestmark = pytest.mark.django_db

FALSE_CLAIM = "喝白酒能预防一氧化碳中毒"


def assert_nothing_unreviewed_live():
    run = audit_live()
    assert run.problems == [], run.problems


def public_text(client, *urls):
    client.logout()
    return "".join(client.get(url).content.decode() for url in urls)


# 1. Create and publish in Wagtail's admin ---------------------------------------------------------


@pytest.mark.parametrize("who", ["chief", "root"])
@pytest.mark.parametrize("model", [ArticlePage, NewsPage])
def test_create_with_publish_in_the_admin_keeps_a_draft(client, admin_cast, who, model):
    cast = admin_cast
    parent = cast["works"] if model is ArticlePage else cast["news"]
    fields = {"title": f"{FALSE_CLAIM}(新建)", "slug": "created-live", "summary": FALSE_CLAIM}
    if model is ArticlePage:
        fields.update(creator_name="某作者", body=factories.BODY)
    else:
        fields.update(body=factories.BODY[:2])
    data = page_form_data(model(**fields), cast[who], parent=parent)
    client.force_login(cast[who])
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    assert 'name="action-publish"' not in client.get(url).content.decode()  # not offered ...
    response = client.post(url, {**data, "action-publish": "action-publish"})  # ... and posted anyway

    created = model.objects.get(slug="created-live")
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{created.pk}/edit/")
    assert not created.live and created.live_revision_id is None
    assert created.get_latest_revision_as_object().title == fields["title"]  # the draft is kept
    client.logout()
    assert client.get(f"{parent.url}created-live/").status_code == 404
    assert FALSE_CLAIM not in public_text(client, parent.url, "/sitemap.xml")
    assert_nothing_unreviewed_live()


# 2. Copy with "publish copies", in the admin and through the admin API ---------------------------


def test_publishing_a_copy_in_the_admin_is_refused_and_a_plain_copy_is_a_draft(client, admin_cast):
    cast = admin_cast
    original = factories.make_work(cast["works"], "已审作品", disciplines=["safety"])
    client.force_login(cast["chief"])
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    fields = {
        "new_title": f"{FALSE_CLAIM}(副本)",
        "new_slug": "copied-live",
        "new_parent_page": cast["works"].pk,
    }
    response = client.post(url, {**fields, "publish_copies": "on"})
    assert response.status_code == 200 and "您没有权限在" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="copied-live").exists()
    assert client.post(url, fields).status_code == 302
    copy = ArticlePage.objects.get(slug="copied-live")
    assert not copy.live and copy.live_revision_id is None
    assert client.get(f"{cast['works'].url}copied-live/").status_code == 404
    search = client.get("/zh-hans/search/", {"q": "副本"})
    assert search.context["result"].total == 0
    assert_nothing_unreviewed_live()


@pytest.mark.parametrize("who", ["chief", "root"])
def test_a_keep_live_copy_through_the_admin_api_is_refused_and_a_plain_copy_is_a_draft(
    client, admin_cast, who
):
    cast = admin_cast
    original = factories.make_work(cast["works"], "已审作品", disciplines=["safety"])
    client.force_login(cast[who])
    url = reverse("wagtailadmin_api:pages:action", args=[original.pk, "copy"])
    payload = {"destination_page_id": cast["works"].pk, "keep_live": True, "slug": "api-copy"}
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 403  # nobody may publish in a section of reviewed works
    assert not ArticlePage.objects.filter(slug="api-copy").exists()
    response = client.post(url, {**payload, "keep_live": False}, content_type="application/json")
    assert response.status_code == 201, response.content
    copy = ArticlePage.objects.get(slug="api-copy")
    assert not copy.live and copy.live_revision_id is None
    client.logout()
    assert client.get(f"{cast['works'].url}api-copy/").status_code == 404
    assert_nothing_unreviewed_live()


# 3. Autosave rewriting the revision a correction published ---------------------------------------


def correct(cast, work, note):
    case = corrections.file_report(work, problem="数字有误")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_a"])
    corrections.record_finding(case, cast["expert_a"], confirmed=True, finding="确有笔误")
    corrections.decide(case, cast["editor"], CaseStatus.CORRECTED, note)
    work.refresh_from_db()
    return work


def test_autosave_cannot_rewrite_a_cleared_revision(client, admin_cast):
    cast = admin_cast
    work = factories.make_work(cast["works"], "冬季取暖防范一氧化碳中毒", disciplines=["safety"])
    work = correct(cast, work, "第二段“两百倍”应为“两百多倍”。")
    cleared = work.live_revision
    assert cleared.user == cast["editor"]
    before = revision_digest(cleared)

    # The editor's autosave asks to overwrite the revision the correction published.
    client.force_login(cast["editor"])
    data = page_form_data(work, cast["editor"], title=FALSE_CLAIM, summary=FALSE_CLAIM)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[work.pk]),
        {**data, "overwrite_revision_id": str(cleared.pk), "loaded_revision_id": str(cleared.pk)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["success"], response.content[:500]
    assert response.json()["revision_id"] != cleared.pk  # a new revision, not the cleared one
    cleared.refresh_from_db()
    assert revision_digest(cleared) == before and cleared.content["title"] != FALSE_CLAIM

    # The next correction republishes what is live plus a notice: never the editor's draft.
    work = correct(cast, ArticlePage.objects.get(pk=work.pk), "补充:参考文献年份。")
    assert FALSE_CLAIM not in public_text(client, work.url)
    assert_nothing_unreviewed_live()


# 4. A creator's draft changing the live page's alt text ------------------------------------------


def test_a_draft_cannot_change_what_the_live_page_shows(client, cast):
    creator(cast, "creator")
    client.force_login(cast["creator"])
    fields = {**form_data(cast), **rows(), "body": "<p>沸腾需要什么条件。</p>\n[图1]", "submit": "1"}
    fields["images-0-alt"] = "高原上烧开的水壶"
    response = post_files(
        client, reverse("creators:new_work"), fields, {"images-0-file": ("a.png", picture())}
    )
    assert response.status_code == 302
    work = publish_through_review(cast, submitted(cast))
    assert 'alt="高原上烧开的水壶"' in public_text(client, work.url)

    client.force_login(cast["creator"])
    form = querydict_from_html(
        client.get(reverse("creators:edit_work", args=[work.pk])).content.decode(), form_id="work-form"
    )
    form["images-0-alt"] = "换掉的替代文本"
    form["save"] = "1"
    assert client.post(reverse("creators:edit_work", args=[work.pk]), form).status_code == 302

    live = public_text(client, work.url)
    assert 'alt="高原上烧开的水壶"' in live and "换掉的替代文本" not in live
    draft = ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()
    assert [b.value["image"].description for b in draft.body if b.block_type == "image"] == ["换掉的替代文本"]
    assert_nothing_unreviewed_live()


# 5. A send-back at 终审 ---------------------------------------------------------------------------


def test_after_a_send_back_at_final_review_the_changed_text_is_reviewed_from_the_start(client, cast):
    work = cast["work"]
    cast["workflow"].start(work, cast["creator"])
    decisions.act(current_state(work), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    decisions.assign_experts(
        current_state(work), cast["editor2"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(current_state(work), cast["expert_a"], **OPINION)
    decisions.record_opinion(current_state(work), cast["expert_b"], **OPINION)
    decisions.act(current_state(work), cast["chief"], "reject", comment="标题不妥,请修改")

    work = ArticlePage.objects.get(pk=work.pk)
    work.title = "冬季取暖怎样防范一氧化碳中毒"
    work.save_revision(user=cast["creator"])
    WorkflowState.objects.for_instance(work).get(status="needs_changes").resume(user=cast["creator"])

    # Each reviewer of the new round sees why it came back, the earlier opinions and the diff.
    state = current_state(work)
    assert state.task.specific.stage == Stage.EDITORIAL
    client.force_login(cast["editor2"])
    page = client.get(reverse("review:decide", args=[state.pk, "approve"])).content.decode()
    assert "终审退回" in page and "标题不妥,请修改" in page and "与上一轮审核的版本对照" in page
    assert "/revisions/compare/" in page and "准确。" in page  # the experts' earlier comments
    decisions.act(state, cast["editor2"], "approve", comment="修改稿初审通过", **CHECKLIST)
    state = current_state(work)
    assert set(state.expert_assignments.values_list("expert__user__username", flat=True)) == {
        "expert_a",
        "expert_b",
    }
    client.force_login(cast["expert_a"])
    page = client.get(reverse("review:opinion", args=[state.pk])).content.decode()
    assert "标题不妥,请修改" in page and "/revisions/compare/" in page and "chief" not in page
    for name in ("expert_a", "expert_b"):
        decisions.record_opinion(current_state(work), cast[name], **OPINION)
    client.force_login(cast["chief"])
    page = client.get(reverse("review:decide", args=[current_state(work).pk, "approve"])).content.decode()
    assert "标题不妥,请修改" in page and "与上一轮审核的版本对照" in page
    decisions.act(current_state(work), cast["chief"], "approve", comment="同意发布")
    published = ArticlePage.objects.get(pk=work.pk)
    assert published.live

    assert published.title == "冬季取暖怎样防范一氧化碳中毒"
    workflow_state = WorkflowState.objects.for_instance(published).get()
    rounds = [(s.task.specific.stage, s.status) for s in workflow_state.task_states.order_by("pk")]
    assert rounds[-3:] == [
        (Stage.EDITORIAL, "approved"),
        (Stage.EXPERT, "approved"),
        (Stage.FINAL, "approved"),
    ]
    assert ReviewClearance.objects.get(revision=published.live_revision).kind == "review"
    assert_nothing_unreviewed_live()


# 6. The trail of a work past 科学性审核 -----------------------------------------------------------


def test_the_trail_shows_system_entries(client, cast):
    work = publish_through_review(cast, cast["work"])
    client.force_login(cast["editor"])
    response = client.get(reverse("review:timeline", args=[work.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "达到专家法定人数" in content and "系统" in content and "初审" in content
