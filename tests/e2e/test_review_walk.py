"""The demo users walk a submission through 三审 in the real admin, in a real browser."""

import pytest

from django.core.management import call_command

from articles.models import ArticlePage
from review.models import ExpertAssignment, ReviewOpinion

from .admin_steps import approve_editorial, header_action, log_in, submit_main_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLUG = "why-water-boils-below-100-on-the-plateau"


def test_demo_users_take_a_work_from_submission_to_publication(browser, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    work = ArticlePage.objects.get(slug=SLUG)
    assert not work.live

    # 初审: the editor ticks the checklist in Wagtail's own workflow modal.
    editor = log_in(browser, base, "editor")
    assert "等待你的审查" in editor.content()
    approve_editorial(editor, base, work)

    # 科学性审核: the editor assigns the two best-matching experts.
    header_action(editor, base, work, "指派审核专家")
    boxes = editor.locator("input[name=experts]")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    submit_main_form(editor, "指派并通知")
    assigned = list(ExpertAssignment.objects.filter(task_state__workflow_state__object_id=str(work.pk)))
    assert len(assigned) == 2

    for assignment in assigned:
        expert = log_in(browser, base, assignment.expert.user.username)
        expert.goto(f"{base}/admin/review/mine/")
        expert.locator("main a.button").first.click()
        expert.wait_for_load_state("networkidle")
        expert.check("input[name=verdict][value=approve]")
        for name in (
            "facts_accurate",
            "sources_reliable",
            "no_pseudoscience",
            "suits_audience",
            "security_cleared",
        ):
            expert.check(f"input[name={name}]")
        expert.fill("textarea[name=comments_for_creator]", "物理原理表述准确。")
        submit_main_form(expert, "提交意见")
        assert expert.problems == []
    assert ReviewOpinion.objects.count() == 2

    # 终审: the chief editor signs off, which publishes.
    chief = log_in(browser, base, "chief")
    header_action(chief, base, work, "终审通过并发布")
    chief.fill("#id_comment", "同意发布。")
    submit_main_form(chief, "终审通过并发布")

    work.refresh_from_db()
    assert work.live
    reader = browser.new_page(viewport={"width": 390, "height": 844})
    reader.goto(f"{base}{work.url}")
    credit = reader.locator(".review-credit").inner_text()
    assert "科学性审核" in credit and "（演示专家）" in credit
    assert editor.problems == [] and chief.problems == []
