"""The creator portal over HTTP: submit → review → send back → revise → publish; drafts; IDOR."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

from articles.models import ArticlePage
from creators.models import CreatorProfile
from review import decisions
from review.models import Stage
from review.tests.conftest import current_state
from review.tests.scenario import CHECKLIST, OPINION

from .creators import WORK, form_data, submitted

pytestmark = pytest.mark.django_db


def test_submit_review_send_back_revise_publish(portal, cast):
    response = portal.post(reverse("creators:new_work"), {**form_data(cast), "submit": "1"})
    assert response.status_code == 302
    work = submitted(cast)
    assert not work.live
    latest = work.get_latest_revision_as_object()
    stored = str(latest.body)
    assert "onclick" not in stored and "<script" not in stored and "沸点越低" in stored
    assert [b.block_type for b in latest.body] == ["heading", "paragraph", "references"]
    assert latest.creator_name == "creator真名"
    assert "初审中" in portal.get(reverse("creators:my_works")).content.decode()

    decisions.act(current_state(work), cast["editor"], "approve", comment="好", **CHECKLIST)
    decisions.assign_experts(
        current_state(work), cast["editor"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(current_state(work), cast["expert_a"], **OPINION)
    assert "专家审核中(1/2)" in portal.get(reverse("creators:my_works")).content.decode()
    decisions.record_opinion(
        current_state(work),
        cast["expert_b"],
        **{**OPINION, "verdict": "revise", "comments_for_creator": "请补充高压锅安全"},
    )
    assert "需要修改" in portal.get(reverse("creators:my_works")).content.decode()

    page = portal.get(reverse("creators:edit_work", args=[work.pk])).content.decode()
    assert "沸腾需要什么条件" in page  # the form comes back filled with the latest revision
    revised = form_data(cast, body=WORK["body"] + "<p>使用高压锅时要检查限压阀。</p>", submit="1")
    assert portal.post(reverse("creators:edit_work", args=[work.pk]), revised).status_code == 302
    # Changed text goes back to 初审, then to the same experts (assigned again without asking).
    assert current_state(work).task.specific.stage == Stage.EDITORIAL
    decisions.act(current_state(work), cast["editor"], "approve", comment="已按意见修改", **CHECKLIST)
    state = current_state(work)
    assert state.task.specific.stage == Stage.EXPERT
    decisions.record_opinion(state, cast["expert_a"], **OPINION)
    decisions.record_opinion(state, cast["expert_b"], **OPINION)
    decisions.act(current_state(work), cast["chief"], "approve", comment="同意")
    work.refresh_from_db()
    assert work.live
    assert "已发布" in portal.get(reverse("creators:my_works")).content.decode()


def test_validation_errors_keep_everything_typed(portal, cast):
    response = portal.post(reverse("creators:new_work"), form_data(cast, references="", title="保留我"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "请至少列出一条参考资料" in content and "保留我" in content and "沸腾需要什么条件" in content
    assert not ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "题" * 100_000}, "100"),
        ({"summary": "摘\x00要"}, "空字符"),
        ({"body": "<script>alert(1)</script>"}, "正文不能为空"),
        ({"references": "某书 | 某社 | 1066"}, "年份不正确"),
        ({"references": "某书 | 某社 | 2020 | javascript:alert(1)"}, "网址不正确"),
    ],
)
def test_hostile_input_gets_a_message_not_a_500(portal, cast, changes, message):
    response = portal.post(reverse("creators:new_work"), form_data(cast, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_cover_upload_is_checked_and_stripped(portal, cast):
    svg = SimpleUploadedFile("cover.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    response = portal.post(
        reverse("creators:new_work"), {**form_data(cast), "cover": svg, "cover_alt": "示意图"}
    )
    assert "JPEG、PNG 或 WebP" in response.content.decode()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, format="PNG")
    png = SimpleUploadedFile("../../etc/cover.png", buffer.getvalue(), content_type="image/png")
    response = portal.post(
        reverse("creators:new_work"), {**form_data(cast), "cover": png, "cover_alt": "示意图"}
    )
    assert response.status_code == 302
    image = submitted(cast).get_latest_revision_as_object().cover_image
    assert ".." not in image.file.name and image.description == "示意图"


def test_creators_never_reach_each_others_works(client, portal, cast):
    portal.post(reverse("creators:new_work"), {**form_data(cast), "submit": "1"})
    work = submitted(cast)
    client.force_login(cast["other_creator"])
    assert work.title not in client.get(reverse("creators:my_works")).content.decode()
    assert client.get(reverse("creators:edit_work", args=[work.pk])).status_code == 404
    assert client.post(reverse("creators:edit_work", args=[work.pk]), form_data(cast)).status_code == 404
    assert client.post(reverse("creators:withdraw", args=[work.pk])).status_code == 404
    assert WorkflowState.objects.get(object_id=str(work.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert client.get(reverse("creators:my_works")).status_code == 302


def test_withdraw_a_work_in_review(portal, cast):
    portal.post(reverse("creators:new_work"), {**form_data(cast), "submit": "1"})
    work = submitted(cast)
    assert portal.post(reverse("creators:withdraw", args=[work.pk])).status_code == 302
    assert "已撤回" in portal.get(reverse("creators:my_works")).content.decode()


def test_unverified_creators_are_sent_to_log_in(client, cast):
    CreatorProfile.objects.create(
        user=cast["other_creator"], real_name="未验证", affiliation="x", terms_accepted_at=timezone.now()
    )
    client.force_login(cast["other_creator"])
    response = client.get(reverse("creators:new_work"))
    assert response.status_code == 302 and "/creators/login/" in response["Location"]


def test_a_revision_of_a_published_work_can_be_withdrawn_and_the_page_stays(portal, cast, client):
    from tests import factories

    published = factories.make_work(cast["works"], "高原上的沸点", owner=cast["creator"])
    listing = portal.get(reverse("creators:my_works")).content.decode()
    assert reverse("creators:work_review", args=[published.pk]) + "#request-edit" in listing
    edit = reverse("creators:edit_work", args=[published.pk])
    assert "读者看到的仍是已发布的版本" in portal.get(edit).content.decode()
    portal.post(edit, {**form_data(cast), "title": "高原上的沸点(修改稿)", "submit": "1"})
    assert "已发布，修改稿初审中" in portal.get(reverse("creators:my_works")).content.decode()
    assert portal.post(reverse("creators:withdraw", args=[published.pk])).status_code == 302
    published.refresh_from_db()
    assert published.live and published.title == "高原上的沸点"
    assert "高原上的沸点(修改稿)" not in client.get(published.url).content.decode()
    assert WorkflowState.objects.get(object_id=str(published.pk)).status == WorkflowState.STATUS_CANCELLED
    # Nothing open any more: nothing to withdraw.
    refused = portal.post(reverse("creators:withdraw", args=[published.pk]))
    assert refused.status_code == 403 and "只能撤回正在审核的作品或修改稿" in refused.content.decode()


def test_the_discipline_choices_list_each_field_under_its_parent(portal):
    from articles.models import Discipline

    labels = [str(d) for d in Discipline.objects.in_tree_order()]
    assert labels.index("地球科学") + 1 == labels.index("地球科学 / 气象")
    assert labels.index("应急与安全") + 1 == labels.index("应急与安全 / 防诈骗")
    content = portal.get(reverse("creators:new_work")).content.decode()
    assert content.index("医学与健康") < content.index("医学与健康 / 疾病预防") < content.index("农牧业")


def test_withdrawing_asks_first(portal, cast):
    portal.post(reverse("creators:new_work"), {**form_data(cast), "submit": "1"})
    content = portal.get(reverse("creators:my_works")).content.decode()
    assert '<details class="confirm"><summary>撤回…</summary>' in content and "确认撤回" in content
