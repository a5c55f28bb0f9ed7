"""A work walks from submission through 初审, 科学性审核 and 终审 to publication, over HTTP."""

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState

from articles import listings
from articles.models import Discipline
from review.models import ReviewAction, ReviewClearance, ReviewOpinion, Stage

from .conftest import EDITORIAL_OK, OPINION_OK, action_url, current_state

pytestmark = pytest.mark.django_db


def submit(cast):
    cast["workflow"].start(cast["work"], cast["creator"])
    return current_state(cast["work"])


def pass_editorial(client, cast, editor="editor"):
    state = current_state(cast["work"])
    client.force_login(cast[editor])
    response = client.post(action_url(cast["work"], "approve", state), EDITORIAL_OK)
    assert response.status_code in (200, 302), response.content[:500]
    return current_state(cast["work"])


def assign(client, cast, *names, by="editor"):
    state = current_state(cast["work"])
    client.force_login(cast[by])
    ids = [cast["experts"][name].pk for name in names]
    return client.post(reverse("review:assign", args=[state.pk]), {"experts": ids})


def give_opinion(client, cast, name, **changes):
    state = current_state(cast["work"])
    client.force_login(cast[name])
    return client.post(reverse("review:opinion", args=[state.pk]), {**OPINION_OK, **changes})


def test_full_walk_publishes_with_reviewer_credit_and_a_complete_trail(client, cast, mailoutbox):
    work = cast["work"]
    state = submit(cast)
    assert state.task.specific.stage == Stage.EDITORIAL
    # One e-mail to each editor (ours, in Chinese), not Wagtail's generic ones besides.
    assert sorted(m.to for m in mailoutbox) == [["editor2@example.org"], ["editor@example.org"]]
    assert all("初审" in m.body for m in mailoutbox)

    state = pass_editorial(client, cast)
    assert state.task.specific.stage == Stage.EXPERT

    response = assign(client, cast, "expert_a", "expert_b")
    assert response.status_code == 302
    assert {"expert_a@example.org", "expert_b@example.org"} <= {m.to[0] for m in mailoutbox}

    assert give_opinion(client, cast, "expert_a").status_code == 302
    assert current_state(work).task.specific.stage == Stage.EXPERT  # 1 of 2
    assert give_opinion(client, cast, "expert_b").status_code == 302
    state = current_state(work)
    assert state.task.specific.stage == Stage.FINAL
    assert not work.live

    client.force_login(cast["chief"])
    response = client.post(action_url(work, "approve", state), {"comment": "同意发布。"})
    assert response.status_code in (200, 302)
    work.refresh_from_db()
    assert work.live
    assert ReviewClearance.objects.filter(page_id=work.pk, kind="review").count() == 1
    names = [r["name"] for r in work.review_credit["reviewers"]]
    assert sorted(names) == ["expert_a", "expert_b"]

    client.logout()
    content = client.get(work.url).content.decode()
    assert (
        "科学性审核：expert_a（研究员，内蒙古农业大学(测试)）" in content or "科学性审核：expert_b" in content
    )
    assert work.pk in [w.pk for w in listings.public_works()]
    assert any(m.to == ["creator@example.org"] and "已发布" in m.subject for m in mailoutbox)

    actions = list(ReviewAction.objects.filter(page_id=work.pk).values_list("stage", "action"))
    assert ("editorial", "approve") in actions
    assert ("expert", "assign") in actions
    assert actions.count(("expert", "opinion")) == 2
    assert ("final", "approve") in actions
    assert ("final", "publish") in actions


def test_send_back_and_resubmission_asks_the_same_experts_again(client, cast, mailoutbox):
    work = cast["work"]
    submit(cast)
    pass_editorial(client, cast)
    assign(client, cast, "expert_a", "expert_b")
    give_opinion(client, cast, "expert_a")
    response = give_opinion(
        client,
        cast,
        "expert_b",
        verdict="revise",
        comments_for_creator="第二段的结合力倍数请注明出处。",
        confidential_comments="作者资料引用不规范。",
    )
    assert response.status_code == 302
    workflow_state = WorkflowState.objects.get(object_id=str(work.pk))
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_creator = [m for m in mailoutbox if m.to == ["creator@example.org"]]
    assert to_creator and "第二段的结合力倍数请注明出处" in to_creator[-1].body
    assert "作者资料引用不规范" not in to_creator[-1].body  # confidential stays with the editors
    assert "expert_b" not in to_creator[-1].body  # names hidden while review is under way

    # The creator revises and resubmits: the changed text starts again at 初审, then stage 2
    # restarts on the new revision with the same experts.
    first_round = workflow_state.current_task_state
    work.summary = "修改后的摘要:一氧化碳与血红蛋白的结合能力约为氧的两百多倍。"
    work.save_revision(user=cast["creator"])
    workflow_state.resume(user=cast["creator"])
    assert current_state(work).task.specific.stage == Stage.EDITORIAL
    mailoutbox.clear()
    state = pass_editorial(client, cast)
    assert state.task.specific.stage == Stage.EXPERT
    assert state.pk != first_round.pk and state.revision_id != first_round.revision_id
    assert set(state.expert_assignments.values_list("expert__user__username", flat=True)) == {
        "expert_a",
        "expert_b",
    }
    recipients = {m.to[0]: m for m in mailoutbox}
    assert {"expert_a@example.org", "expert_b@example.org"} <= set(recipients)
    assert "上一轮的专家已被再次邀请" in recipients["editor2@example.org"].body

    # The expert sees the diff against the revision they reviewed and their earlier comments.
    client.force_login(cast["expert_b"])
    page = client.get(reverse("review:opinion", args=[state.pk])).content.decode()
    assert "与您上次审阅的版本对比" in page
    assert "第二段的结合力倍数请注明出处" in page

    # The earlier approval was for the old revision: it does not count now.
    give_opinion(client, cast, "expert_b")
    assert current_state(work).task.specific.stage == Stage.EXPERT
    give_opinion(client, cast, "expert_a")
    assert current_state(work).task.specific.stage == Stage.FINAL
    assert ReviewOpinion.objects.filter(task_state=state).count() == 2


def test_health_work_needs_three_experts(client, cast):
    work = cast["work"]
    work.disciplines.add(*Discipline.objects.filter(code="nutrition"))
    work.save_revision()
    submit(cast)
    pass_editorial(client, cast)
    for expert in cast["experts"].values():
        expert.disciplines.add(*work.disciplines.all())
    assign(client, cast, "expert_a", "expert_b", "expert_c")
    give_opinion(client, cast, "expert_a")
    give_opinion(client, cast, "expert_b")
    assert current_state(work).task.specific.stage == Stage.EXPERT
    give_opinion(client, cast, "expert_c")
    assert current_state(work).task.specific.stage == Stage.FINAL


def test_an_expert_may_be_credited_as_the_panel(client, cast):
    from review.models import CreditPreference

    cast["experts"]["expert_b"].credit_preference = CreditPreference.PANEL
    cast["experts"]["expert_b"].save()
    submit(cast)
    pass_editorial(client, cast)
    assign(client, cast, "expert_a", "expert_b")
    give_opinion(client, cast, "expert_a")
    give_opinion(client, cast, "expert_b")
    state = current_state(cast["work"])
    client.force_login(cast["chief"])
    client.post(action_url(cast["work"], "approve", state), {"comment": "同意。"})
    cast["work"].refresh_from_db()
    names = [r["name"] for r in cast["work"].review_credit["reviewers"]]
    assert sorted(names) == ["expert_a", "审核专家组"]
    client.logout()
    content = client.get(cast["work"].url).content.decode()
    assert "审核专家组" in content and "expert_b" not in content
