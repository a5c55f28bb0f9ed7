"""三审 rules beyond the matrix: one person one stage, overrides, own work, conflicts, the publish gate."""

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from review import decisions, rules
from review.models import ReviewAction, ReviewClearance, Stage
from tests import factories

from .conftest import EDITORIAL_OK, action_url, current_state
from .scenario import CHECKLIST, OPINION, advance_to

pytestmark = pytest.mark.django_db


def test_nobody_acts_in_two_stages_not_even_a_superuser(cast):
    cast["chief"].groups.add(cast["groups"]["编辑"])  # the chief is also an editor
    cast["workflow"].start(cast["work"], cast["creator"])
    decisions.act(current_state(cast["work"]), cast["chief"], "approve", comment="初审通过", **CHECKLIST)
    state = current_state(cast["work"])
    decisions.assign_experts(
        state, cast["editor"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    final = current_state(cast["work"])
    assert final.task.specific.stage == Stage.FINAL
    reason = rules.refusal(cast["chief"], final, "approve")
    assert "三审制" in reason and "初审" in reason
    with pytest.raises(PermissionDenied):
        decisions.act(final, cast["chief"], "approve", comment="同意")


def test_superuser_needs_a_logged_emergency_override_for_a_second_stage(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    decisions.act(state, cast["root"], "approve", comment="初审通过", **CHECKLIST)
    state = current_state(cast["work"])
    decisions.assign_experts(
        state, cast["editor"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    final = current_state(cast["work"])
    assert rules.refusal(cast["root"], final, "approve")

    client.force_login(cast["root"])
    response = client.post(reverse("review:override", args=[final.pk]), {"reason": ""})
    assert response.status_code == 200 and "必须写明理由" in response.content.decode()
    assert rules.refusal(cast["root"], final, "approve")  # no reason, no override
    client.post(
        reverse("review:override", args=[final.pk]), {"reason": "总编住院,突发公共卫生事件须当日发布"}
    )
    assert rules.refusal(cast["root"], final, "approve") is None
    decisions.act(final, cast["root"], "approve", comment="紧急签发")
    cast["work"].refresh_from_db()
    assert cast["work"].live
    override = ReviewAction.objects.get(action=rules.OVERRIDE)
    assert override.emergency_override and "突发公共卫生事件" in override.comment
    assert ReviewAction.objects.get(stage="final", action="approve").emergency_override


def test_only_superusers_can_record_an_override(client, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    client.force_login(cast["chief"])
    response = client.post(reverse("review:override", args=[state.pk]), {"reason": "想越权"})
    assert response.status_code in (302, 403)
    assert not ReviewAction.objects.filter(action=rules.OVERRIDE).exists()


def test_an_editor_cannot_pass_their_own_work(client, cast):
    work = factories.make_work(cast["works"], "编辑自己的作品", publish=False, owner=cast["editor"])
    cast["workflow"].start(work, cast["editor"])
    state = current_state(work)
    client.force_login(cast["editor"])
    response = client.post(action_url(work, "approve", state), EDITORIAL_OK)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert rules.refusal(cast["editor"], state, "approve") == "不能审核自己的作品。"


def test_experts_sharing_the_creators_unit_are_neither_suggested_nor_assignable(cast):
    state = advance_to(cast, Stage.EXPERT)
    names = [s["profile"].name for s in decisions.suggestions(state)]
    assert "conflicted" not in names and "expert_c" not in names
    assert names[0] in ("expert_a", "expert_b")  # discipline matches first
    with pytest.raises(PermissionDenied, match="同属一个单位"):
        decisions.assign_experts(state, cast["editor"], [cast["experts"]["conflicted"]])


def test_suggestions_rank_by_discipline_match_then_open_load(cast):
    state = advance_to(cast, Stage.EXPERT)
    ranking = decisions.suggestions(state)
    a = next(s for s in ranking if s["profile"].name == "expert_a")
    assert a["match"] == 1 and a["load"] == 1 and a["assigned"]


def test_reject_needs_a_reason(cast):
    state = advance_to(cast, Stage.EDITORIAL)
    with pytest.raises(PermissionDenied, match="理由"):
        decisions.act(state, cast["editor"], "reject", comment="  ")


def test_opinion_form_refuses_an_approval_with_unticked_checks(client, cast):
    state = advance_to(cast, Stage.EXPERT)
    client.force_login(cast["expert_a"])
    response = client.post(
        reverse("review:opinion", args=[state.pk]), {"verdict": "approve", "comments_for_creator": "好"}
    )
    assert response.status_code == 200
    assert "通过前须确认全部审核要点" in response.content.decode()
    assert "好" in response.content.decode()  # what the expert typed is kept
    response = client.post(reverse("review:opinion", args=[state.pk]), {"verdict": "revise"})
    assert "请给作者写明理由" in response.content.decode()


class TestPublishGate:
    def test_nobody_can_publish_a_work_by_hand(self, client, cast):
        work = cast["work"]
        revision = work.save_revision(user=cast["root"])
        with pytest.raises(PermissionDenied):
            revision.publish(user=cast["root"])
        assert not work.permissions_for_user(cast["root"]).can_publish()
        client.force_login(cast["root"])
        data = nested_form_data(
            {
                "title": work.title,
                "slug": work.slug,
                "summary": work.summary,
                "form": "article",
                "creator_name": "测试作者",
                "creator_affiliation": "",
                "body": streamfield([("paragraph", rich_text("<p>一氧化碳无色无味。</p>"))]),
                "corrections": inline_formset([]),
                "campaign": "",
                "tags": "",
            }
        )
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[work.pk]), {**data, "action-publish": "1"}
        )
        assert response.status_code in (200, 302, 403)
        work.refresh_from_db()
        assert not work.live
        assert not ReviewClearance.objects.exists()

    def test_a_cleared_revision_goes_live_even_when_scheduled(self, cast):
        from django.utils import timezone

        work = cast["work"]
        work.go_live_at = timezone.now() + timezone.timedelta(days=1)
        revision = work.save_revision()
        decisions.clear_import(revision, "测试")
        revision.publish()
        work.refresh_from_db()
        assert not work.live  # scheduled: goes live at go_live_at, after clearance
        revision.refresh_from_db()
        assert revision.approved_go_live_at is not None

    def test_workflow_cannot_finish_without_quorum(self, cast):
        state = advance_to(cast, Stage.EXPERT)
        decisions.record_opinion(state, cast["expert_a"], **OPINION)
        # Forcing the expert stage through without the second approval must not publish.
        state.approve(user=cast["editor"])
        final = current_state(cast["work"])
        with pytest.raises(PermissionDenied, match="人数不足"):
            decisions.act(final, cast["chief"], "approve", comment="同意")
        cast["work"].refresh_from_db()
        assert not cast["work"].live
        assert not ReviewClearance.objects.filter(kind="review").exists()


def test_an_expert_who_declares_a_conflict_can_no_longer_act(client, cast, mailoutbox):
    state = advance_to(cast, Stage.EXPERT)
    client.force_login(cast["expert_a"])
    mailoutbox.clear()
    response = client.post(reverse("review:declare_conflict", args=[state.pk]), {"reason": "作者是我的学生"})
    assert response.status_code == 302
    assert "已声明" in rules.refusal(cast["expert_a"], state, "opinion")
    assert any("专家回避" in m.subject for m in mailoutbox)
    assert ReviewAction.objects.filter(action="declare-conflict").exists()
    # Someone not assigned cannot use the form to poke at the work.
    client.force_login(cast["unassigned"] if "unassigned" in cast else cast["chief"])
    response = client.post(reverse("review:declare_conflict", args=[state.pk]), {"reason": "x"})
    assert response.status_code in (302, 403)


def test_approval_needs_a_comment_and_the_whole_checklist_even_without_the_form(cast):
    state = advance_to(cast, Stage.EDITORIAL)
    with pytest.raises(PermissionDenied, match="意见"):
        decisions.act(state, cast["editor"], "approve", comment=" ", **CHECKLIST)
    with pytest.raises(PermissionDenied, match="检查清单"):
        decisions.act(state, cast["editor"], "approve", comment="好", **{**CHECKLIST, "original": False})
    with pytest.raises(PermissionDenied, match="检查清单"):
        decisions.act(state, cast["editor"], "approve", comment="好", complete=True)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_opinion_form_offers_only_the_three_verdicts(client, cast):
    state = advance_to(cast, Stage.EXPERT)
    client.force_login(cast["expert_a"])
    content = client.get(reverse("review:opinion", args=[state.pk])).content.decode()
    assert "---------" not in content
    response = client.post(reverse("review:opinion", args=[state.pk]), {"comments_for_creator": "未选结论"})
    assert "请选择审核结论" in response.content.decode()
