"""Issue 12's walk in the demo, in a real browser: a reader fetches the API and a feed, prints a
leaflet and subscribes to the digest; an editor downloads a WeChat package; a reader's report becomes
a published correction, which the feed, the API, the next digest and the delivery log all show."""

import io
import json
import re
import zipfile

import feedparser
import pytest
from pypdf import PdfReader

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticlePage
from channels.models import Channel, Delivery
from review.models import ExpertProfile

from .admin_steps import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLUG = "winter-heating-carbon-monoxide-poisoning-prevention"
CORRECTION = "第三段中一氧化碳报警器的安装高度已按产品说明书的要求改写。"


def press(page, name):
    """A button of the correction case page (分派, 提交核实意见, 保存处理结果), by its name."""
    with page.expect_navigation():
        page.click(f"button[name={name}]")
    page.wait_for_load_state("networkidle")


def test_a_demo_work_travels_every_channel_and_its_correction_follows(browser, live_server, phone):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    work = ArticlePage.objects.get(slug=SLUG, locale__language_code="zh-hans")  # not the Mongolian one

    # The API and the feed carry the work.
    api = phone.request.get(f"{base}/api/v1/works/{work.pk}/")
    assert api.ok and api.json()["title"] == work.title and api.json()["corrections"] == []
    feed = feedparser.parse(phone.request.get(f"{base}/zh-hans/feeds/works.rss").body())
    assert work.title in [entry.title for entry in feed.entries]

    # A reader opens the work and prints its A4 leaflet from the link on the page.
    phone.goto(base + work.url)
    href = phone.locator(".leaflet-links a", has_text="A4").get_attribute("href")
    leaflet = phone.request.get(base + href)
    assert leaflet.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(leaflet.body())).pages)
    assert work.title in text and "内蒙古科普" in text

    # The reader subscribes to the digest and confirms from the e-mail.
    phone.goto(f"{base}/zh-hans/digest/")
    phone.fill("input[name=email]", "reader@example.org")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    assert "请查收确认邮件" in phone.content()
    (confirmation,) = [m for m in mail.outbox if m.to == ["reader@example.org"]]
    link = re.search(r"https?://\S+/zh-hans/digest/confirm/\S+/", confirmation.body).group(0)
    phone.goto(base + link[link.index("/zh-hans/") :])
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")

    # The editor downloads the work's WeChat package from the admin.
    editor = log_in(browser, base, "editor")
    editor.goto(f"{base}/admin/channels/wechat/{work.pk}/")
    assert "下载 ZIP" in editor.content()
    with editor.expect_download() as download:
        editor.click("button:has-text('下载 ZIP')")
    with zipfile.ZipFile(download.value.path()) as package:
        article = package.read("article.html").decode()
        meta = json.loads(package.read("meta.json"))
    assert work.title in meta["title"] and meta["content_source_url"].endswith(work.url)
    assert "原文链接" in article

    # A reader reports a mistake; an expert confirms it; the editor publishes a correction.
    phone.goto(f"{base}/zh-hans/report/{work.pk}/")
    phone.fill("textarea[name=problem]", "第三段中报警器的安装高度与产品说明书不符。")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    editor.goto(f"{base}/admin/review/corrections/")
    editor.locator("main tr", has_text=work.title).locator("a").first.click()
    editor.wait_for_load_state("networkidle")
    case_url = editor.url
    verifier = ExpertProfile.objects.get(user__username="expert3")
    editor.select_option("select[name=verifier]", str(verifier.pk))
    press(editor, "assign")
    expert = log_in(browser, base, "expert3")
    expert.goto(case_url)
    expert.check("input[name=confirmed][value=yes]")
    expert.fill("textarea[name=finding]", "核对产品说明书，原文所写安装高度有误。")
    press(expert, "verify")
    editor.goto(case_url)
    editor.check("input[name=outcome][value=corrected]")
    editor.fill("textarea[name=public_note]", CORRECTION)
    press(editor, "decide")

    # The feed, the API and this week's digest carry the correction; the WeChat export is stale.
    feed = feedparser.parse(phone.request.get(f"{base}/zh-hans/feeds/works.rss").body())
    (entry,) = [entry for entry in feed.entries if entry.title == work.title]
    assert CORRECTION in entry.summary
    corrections = phone.request.get(f"{base}/api/v1/works/{work.pk}/").json()["corrections"]
    assert [c["text"] for c in corrections] == [CORRECTION]
    mail.outbox.clear()
    call_command("send_digest", date=timezone.localdate().isoformat(), stdout=io.StringIO())
    (digest,) = mail.outbox
    assert digest.to == ["reader@example.org"] and CORRECTION in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    (export,) = Delivery.objects.filter(channel=Channel.WECHAT).with_staleness()
    assert export.stale
    editor.goto(f"{base}/admin/channels/deliveries/")
    assert "已过期" in editor.content()
    for page in (phone, editor, expert):
        assert not getattr(page, "problems", []), page.problems
