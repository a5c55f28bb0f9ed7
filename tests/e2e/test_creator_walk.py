"""The demo creator, on a phone, writes a work with a picture, is sent back by an expert, revises it
and sees it published; the review side acts in the real admin, as in test_review_walk."""

from pathlib import Path

import pytest
from PIL import Image

from django.core.management import call_command

from articles.models import ArticlePage
from review.models import ExpertAssignment

from .admin_steps import PASSWORD, approve_editorial, header_action, log_in, submit_main_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
TITLE = "高原上煮饭,为什么要用高压锅"
ALT = "示意图:海拔越高,水的沸点越低"
FIRST_BODY = "高原上气压低,水不到100℃就沸腾了。\n[图1]\n米饭在较低的水温下不容易煮熟。"
HEADING = "不同海拔的沸点"
REVISION = "在海拔4000米的地方,水大约在87℃沸腾;高压锅把锅内气压升高,沸点随之升到约120℃。"
SEND_BACK = "请给出不同海拔的具体沸点数值,并注明出处。"
CONFIDENTIAL = "作者的参考资料偏少,仅供编辑参考。"
CHECKLIST = ("facts_accurate", "sources_reliable", "no_pseudoscience", "suits_audience", "security_cleared")


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"creator-walk-{name}.png", full_page=True)


def my_works_row(page, base):
    page.goto(f"{base}/zh-hans/creators/works/")
    return page.locator("ul.news-list > li", has_text=TITLE)


def pass_editorial(browser, base, work):
    """初审 in Wagtail's workflow modal, then the two best-ranked experts assigned (as test_review_walk)."""
    editor = log_in(browser, base, "editor")
    approve_editorial(editor, base, work)

    header_action(editor, base, work, "指派审核专家")
    boxes = editor.locator("input[name=experts]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    submit_main_form(editor, "指派并通知")
    assert editor.problems == []
    editor.context.close()


def give_opinion(browser, base, username, verdict, comment, confidential=""):
    expert = log_in(browser, base, username)
    expert.goto(f"{base}/admin/review/mine/")
    expert.locator("main tr", has_text=TITLE).locator("a.button").click()
    expert.wait_for_load_state("networkidle")
    expert.check(f"input[name=verdict][value={verdict}]")
    if verdict == "approve":
        for name in CHECKLIST:
            expert.check(f"input[name={name}]")
    expert.fill("textarea[name=comments_for_creator]", comment)
    expert.fill("textarea[name=confidential_comments]", confidential)
    submit_main_form(expert, "提交意见")
    assert expert.problems == []
    expert.context.close()


def test_creator_on_a_phone_submits_revises_and_sees_the_work_published(
    browser, live_server, phone, tmp_path
):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    picture = tmp_path / "boiling-point.jpg"
    Image.linear_gradient("L").resize((640, 480)).convert("RGB").save(picture, "JPEG", quality=85)

    # 1. The creator logs in and writes a new work with a picture placed by its [图1] line.
    phone.goto(f"{base}/zh-hans/creators/login/")
    phone.fill("#id_login", "creator")  # the username make demo prints
    phone.fill("#id_password", PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="登录").click()
    # Login without ?next= lands on 我的作品; go there by URL all the same (the test's anchor).
    phone.goto(f"{base}/zh-hans/creators/works/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="写新作品").click()
    phone.fill("#id_title", TITLE)
    phone.fill("#id_summary", "气压低,沸点低;高压锅让高原上也能把饭煮熟。")
    phone.select_option("#id_form", "article")
    phone.fill("#id_body", FIRST_BODY)
    phone.get_by_label("地球科学", exact=True).check()
    phone.get_by_label("青少年", exact=True).check()
    phone.fill("#id_references", "义务教育教科书 物理 八年级上册 | 人民教育出版社 | 2012")
    phone.set_input_files("input[name='images-0-file']", picture)
    phone.fill("#id_images-0-alt", ALT)
    phone.fill("#id_images-0-caption", "水的沸点与海拔")
    assert fits_the_phone(phone)
    shoot(phone, "1-form")
    with phone.expect_navigation():
        phone.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in phone.locator(".notice").inner_text()
    row = phone.locator("ul.news-list > li", has_text=TITLE)
    assert row.locator(".badge").inner_text() == "初审中"
    assert fits_the_phone(phone)
    shoot(phone, "1-my-works")
    work = ArticlePage.objects.get(owner__username="creator", title=TITLE)

    # 2. 初审 passes, two experts are assigned; the first sends the work back.
    pass_editorial(browser, base, work)
    experts = [
        a.expert
        for a in ExpertAssignment.objects.filter(task_state__workflow_state__object_id=str(work.pk))
        .select_related("expert__user")
        .order_by("pk")
    ]
    assert len(experts) == 2
    give_opinion(browser, base, experts[0].user.username, "revise", SEND_BACK, CONFIDENTIAL)

    # 3. The creator reads the opinion (the expert unnamed) and revises.
    row = my_works_row(phone, base)
    assert row.locator(".badge").inner_text() == "需要修改"
    with phone.expect_navigation():
        row.get_by_role("link", name="审核进度与意见").click()
    opinions = phone.locator("section[aria-labelledby=opinions-heading]")
    assert "需要修改" in phone.locator("h1 + p .badge").inner_text()
    assert "专家一" in opinions.inner_text() and "修改后再审" in opinions.inner_text()
    assert SEND_BACK in opinions.inner_text()
    page_text = phone.locator("main").inner_text()
    for secret in (experts[0].name, experts[0].user.last_name + experts[0].user.first_name, CONFIDENTIAL):
        assert secret not in page_text
    assert fits_the_phone(phone)
    shoot(phone, "3-review")

    row = my_works_row(phone, base)
    with phone.expect_navigation():
        row.get_by_role("link", name="修改", exact=True).click()
    assert "[图1]" in phone.input_value("#id_body")  # the picture comes back in its row
    assert phone.input_value("#id_images-0-alt") == ALT
    phone.fill("#id_body", f"{FIRST_BODY}\n{HEADING}\n{REVISION}")
    # The format bar makes the new line a 小标题 (it wraps the selection in <h2>).
    phone.evaluate(
        "([heading]) => { const body = document.getElementById('id_body');"
        " const at = body.value.indexOf(heading); body.setSelectionRange(at, at + heading.length); }",
        [HEADING],
    )
    phone.get_by_role("toolbar", name="正文格式").get_by_role("button", name="小标题").click()
    assert f"<h2>{HEADING}</h2>" in phone.input_value("#id_body")
    shoot(phone, "3-edit")
    with phone.expect_navigation():
        phone.get_by_role("button", name="提交审核").click()
    # The changed text starts again at 初审 (docs/review.md); the editor sees why it came back and
    # a diff against the text the experts read; then the same experts are asked again.
    row = phone.locator("ul.news-list > li", has_text=TITLE)
    assert row.locator(".badge").inner_text() == "初审中"
    editor = log_in(browser, base, "editor")
    header_action(editor, base, work, "初审通过")
    assert SEND_BACK in editor.locator("main").inner_text()
    assert editor.locator("a", has_text="与上一轮审核的版本对照").count() >= 1
    shoot(editor, "3-editorial-again")
    approve_editorial(editor, base, work)
    assert editor.problems == []
    editor.context.close()
    row = my_works_row(phone, base)
    assert row.locator(".badge").inner_text() == "专家审核中(0/2)"

    # 4. Both experts approve the new revision; 终审 signs off, which publishes.
    for expert in experts:
        give_opinion(browser, base, expert.user.username, "approve", "数据已补充,表述准确。")
    chief = log_in(browser, base, "chief")
    header_action(chief, base, work, "终审通过并发布")
    chief.fill("#id_comment", "同意发布。")
    submit_main_form(chief, "终审通过并发布")
    assert chief.problems == []
    chief.context.close()
    work.refresh_from_db()
    assert work.live

    # 5. The creator sees it published: the new text, the picture with its description, the credit.
    row = my_works_row(phone, base)
    assert row.locator(".badge").inner_text() == "已发布"
    with phone.expect_navigation():
        row.get_by_role("link", name="查看", exact=True).click()
    assert phone.locator("h1").inner_text() == TITLE
    assert REVISION in phone.locator("article.work").inner_text()
    assert phone.locator("article.work h2", has_text=HEADING).count() == 1
    image = phone.locator(f'.block-image img[alt="{ALT}"]')
    image.scroll_into_view_if_needed()  # it is loading="lazy"
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    credit = phone.locator(".review-credit").inner_text()
    assert "科学性审核" in credit
    assert all(expert.name in credit for expert in experts)
    assert fits_the_phone(phone)
    shoot(phone, "5-public")
    assert phone.problems == []
