"""A work's review page for its creator: timeline, opinions meant for them, blind names, 申请修改."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import WorkflowState

from review import decisions
from review.models import CreditPreference, ReviewAction, Stage
from review.tests.conftest import current_state
from review.tests.scenario import CHECKLIST, OPINION, advance_to

from .creators import creator, form_data

pytestmark = pytest.mark.django_db

OLD_TEXT = "一氧化碳无色无味"
NEW_TEXT = "报警器应装在距炉具一至三米的墙上"
CONFIDENTIAL = "作者对国标不熟,建议编辑留意"
FOR_CREATOR = "请补充报警器的安装位置"
SIGN_OFF_NOTE = "签发:内部备忘,同意发布"


@pytest.fixture
def portal(client, cast):
    creator(cast, "creator")
    creator(cast, "other_creator")
    for key, name in (("expert_a", "乌云高娃"), ("expert_b", "张建国")):
        cast["experts"][key].name = name
        cast["experts"][key].save()
    client.force_login(cast["creator"])
    return client


def review_page(client, work):
    response = client.get(reverse("creators:work_review", args=[work.pk]))
    assert response.status_code == 200
    return response.content.decode()


def send_back_by_experts(cast, state):
    """One round: expert A approves (with a confidential note), expert B asks for a revision."""
    decisions.record_opinion(state, cast["expert_a"], **{**OPINION, "confidential_comments": CONFIDENTIAL})
    decisions.record_opinion(
        state, cast["expert_b"], **{**OPINION, "verdict": "revise", "comments_for_creator": FOR_CREATOR}
    )


def resubmit(cast):
    work = cast["work"]
    work.get_latest_revision_as_object().save_revision(user=cast["creator"])
    WorkflowState.objects.for_instance(work).get(status=WorkflowState.STATUS_NEEDS_CHANGES).resume(
        user=cast["creator"]
    )
    # The changed text starts again at 初审; the experts of the earlier round are asked again.
    decisions.act(current_state(work), cast["editor2"], "approve", comment="修改稿初审通过", **CHECKLIST)
    return current_state(work)


def publish(cast, state):
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    decisions.act(current_state(cast["work"]), cast["chief"], "approve", comment=SIGN_OFF_NOTE)
    cast["work"].refresh_from_db()
    assert cast["work"].live


def test_opinions_for_the_creator_blind_while_in_review_named_after_publication(portal, cast):
    work = cast["work"]
    state = advance_to(cast, Stage.EXPERT)
    decisions.log(state, cast["expert_c"], "declare-conflict", "曾指导作者的学位论文")
    send_back_by_experts(cast, state)
    page = review_page(portal, work)
    assert "需要修改" in page
    assert "专家一的意见已到：通过" in page
    assert "专家二的意见已到：修改后再审，作品退回修改" in page
    assert FOR_CREATOR in page and "针对第 1 次提交" in page
    assert "初审通过" in page and "已送专家进行科学性审核" in page
    assert CONFIDENTIAL not in page and "曾指导作者" not in page
    assert "乌云高娃" not in page and "张建国" not in page and "expert_c" not in page

    publish(cast, resubmit(cast))
    page = review_page(portal, work)
    assert "针对第 2 次提交" in page and "重新提交审核（第 2 次提交）" in page
    assert "乌云高娃的意见已到：通过" in page and "张建国的意见已到：修改后再审" in page
    assert "专家一" not in page
    assert CONFIDENTIAL not in page and SIGN_OFF_NOTE not in page
    assert "终审通过" in page and "已发布" in page
    assert f'href="{work.url}"' in page
    assert "科学性审核：乌云高娃（研究员，内蒙古农业大学(测试)）" in page  # the public credit line
    assert "申请修改" in page


def test_an_expert_credited_as_the_panel_keeps_their_number(portal, cast):
    cast["experts"]["expert_b"].credit_preference = CreditPreference.PANEL
    cast["experts"]["expert_b"].save()
    publish(cast, advance_to(cast, Stage.EXPERT))
    page = review_page(portal, cast["work"])
    assert "乌云高娃的意见已到" in page and "专家二的意见已到" in page
    assert "张建国" not in page


def test_names_shown_while_in_review_when_blind_review_is_off(portal, cast, settings):
    settings.PORTAL_REVIEW_BLIND = False
    send_back_by_experts(cast, advance_to(cast, Stage.EXPERT))
    page = review_page(portal, cast["work"])
    assert "乌云高娃的意见已到：通过" in page and "张建国的意见已到：修改后再审" in page
    assert FOR_CREATOR in page and CONFIDENTIAL not in page


def test_send_back_reason_of_an_editor_is_shown(portal, cast):
    state = advance_to(cast, Stage.EDITORIAL)
    decisions.act(state, cast["editor"], "reject", comment="请补充参考资料的出版年份")
    page = review_page(portal, cast["work"])
    assert "初审退回修改" in page and "请补充参考资料的出版年份" in page and "初审编辑" in page


def test_withdrawal_is_on_the_timeline(portal, cast):
    advance_to(cast, Stage.EDITORIAL)
    assert portal.post(reverse("creators:withdraw", args=[cast["work"].pk])).status_code == 302
    page = review_page(portal, cast["work"])
    assert "提交审核（第 1 次提交）" in page and "已撤回" in page


def test_my_works_links_to_the_review_page(portal, cast):
    page = portal.get(reverse("creators:my_works")).content.decode()
    assert reverse("creators:work_review", args=[cast["work"].pk]) in page


def test_nobody_else_reaches_these_pages(client, portal, cast):
    work = cast["work"]
    publish(cast, advance_to(cast, Stage.EXPERT))
    missing = work.pk + 10_000
    client.force_login(cast["other_creator"])
    for pk in (work.pk, missing):
        assert client.get(reverse("creators:work_review", args=[pk])).status_code == 404
        assert client.post(reverse("creators:request_edit", args=[pk])).status_code == 404
    assert not ReviewAction.objects.filter(action="request-edit").exists()
    client.logout()
    for response in (
        client.get(reverse("creators:work_review", args=[work.pk])),
        client.post(reverse("creators:request_edit", args=[work.pk])),
    ):
        assert response.status_code == 302 and "/creators/login/" in response["Location"]


def count_queries(client, work):
    review_page(client, work)  # first visit fills the per-process caches (content types, site roots)
    with CaptureQueriesContext(connection) as queries:
        review_page(client, work)
    return len(queries)


def test_queries_do_not_grow_with_opinions(portal, cast):
    work = cast["work"]
    send_back_by_experts(cast, advance_to(cast, Stage.EXPERT))
    one_round = count_queries(portal, work)
    for _round in range(2):
        send_back_by_experts(cast, resubmit(cast))
    assert count_queries(portal, work) == one_round <= 13


def test_request_edit_keeps_the_published_text_live_until_final_approval(client, portal, cast):
    work = cast["work"]
    publish(cast, advance_to(cast, Stage.EXPERT))
    assert OLD_TEXT in client.get(work.url).content.decode()

    response = portal.post(reverse("creators:request_edit", args=[work.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "creators:edit_work", args=[work.pk]
    )
    assert ReviewAction.objects.get(page_id=work.pk, action="request-edit").user == cast["creator"]
    revised = form_data(cast, body=f"<p>{NEW_TEXT}。</p>", submit="1")
    assert portal.post(reverse("creators:edit_work", args=[work.pk]), revised).status_code == 302

    page = review_page(portal, work)
    assert "申请修改已发布的作品" in page and "重新提交审核（第 2 次提交）" in page
    assert "初审中" in page and "修改稿正在审核中" in page
    # A second request while the revision is in review is refused, and records nothing.
    assert portal.post(reverse("creators:request_edit", args=[work.pk])).status_code == 403
    assert ReviewAction.objects.filter(action="request-edit").count() == 1

    def public_text():
        return client.get(work.url).content.decode()

    state = current_state(work)
    decisions.act(state, cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    state = current_state(work)
    decisions.assign_experts(
        state, cast["editor2"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    assert current_state(work).task.specific.stage == Stage.FINAL
    assert OLD_TEXT in public_text() and NEW_TEXT not in public_text()

    decisions.act(current_state(work), cast["chief"], "approve", comment="同意")
    assert NEW_TEXT in public_text() and OLD_TEXT not in public_text()


def test_request_edit_only_for_published_works(portal, cast):
    url = reverse("creators:request_edit", args=[cast["work"].pk])
    assert portal.post(url).status_code == 403  # a draft: edit it directly
    assert portal.get(url).status_code == 405
    assert not ReviewAction.objects.filter(action="request-edit").exists()
