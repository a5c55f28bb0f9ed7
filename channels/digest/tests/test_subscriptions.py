"""Double opt-in, preferences and unsubscribing: signed links, a POST for every change, RFC 8058
one-click without CSRF, and a 400 page in Chinese for a link that was tampered with or is too old."""

import re
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from django.core import signing
from django.test import Client
from django.utils import timezone

from articles.models import Audience, Discipline
from channels.digest import tokens
from channels.digest.models import Subscriber
from channels.digest.sending import send_issue
from tests import factories

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/zh-hans/digest/"


def form_data(email, audiences=(), disciplines=()):
    return {
        "email": email,
        "audiences": [a.pk for a in Audience.objects.filter(code__in=audiences)],
        "disciplines": [d.pk for d in Discipline.objects.filter(code__in=disciplines)],
        "website": "",
    }


def subscribe(client, email, **choices):
    return client.post(SUBSCRIBE, form_data(email, **choices))


def link_in(message, kind):
    """The path of the first /digest/<kind>/<token>/ link in a message's plain text."""
    match = re.search(rf"https?://\S+/digest/{kind}/[^/\s]+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


class VisibleText(HTMLParser):
    """The text a reader sees in a page's <body> (no scripts, styles or attributes)."""

    def __init__(self):
        super().__init__()
        self.parts, self.inside, self.skipping = [], False, 0

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or tag == "body"
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("script", "style")

    def handle_data(self, data):
        if self.inside and not self.skipping:
            self.parts.append(data)


def english_words(html):
    parser = VisibleText()
    parser.feed(html)
    return re.findall(r"[A-Za-z]{2,}", " ".join(parser.parts))


def test_the_subscribe_page_and_its_errors_are_in_chinese(client, site_tree):
    response = client.get(SUBSCRIBE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "订阅邮件周报" in content and "老年人" in content and "医学与健康" in content
    assert english_words(content) == []
    invalid = client.post(SUBSCRIBE, form_data("not-an-address"))
    assert invalid.status_code == 200 and "请输入有效的电子邮箱地址" in invalid.content.decode()
    assert english_words(invalid.content.decode()) == []
    assert 'value="not-an-address"' in invalid.content.decode()  # what the reader typed is kept
    assert english_words(client.post(SUBSCRIBE, {}).content.decode()) == []


def test_every_page_links_the_subscription_in_its_footer(client, site_tree):
    content = client.get(site_tree["home"].url).content.decode()
    assert '<a href="/zh-hans/digest/">订阅邮件周报</a>' in content


def test_no_digest_before_confirmation_and_the_link_confirms(client, site_tree, this_week, mailoutbox):
    factories.make_work(site_tree["works"], "流星雨观测指南", audiences=["youth"], disciplines=["astronomy"])
    response = subscribe(
        client, "Reader@Example.org", audiences=["youth", "elderly"], disciplines=["astronomy"]
    )
    assert response.status_code == 200 and "请查收确认邮件" in response.content.decode()
    [confirmation] = mailoutbox
    assert confirmation.to == ["reader@example.org"] and "确认订阅" in confirmation.subject
    assert confirmation.alternatives[0][1] == "text/html" and "青少年、老年人 · 天文" in confirmation.body
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None and not subscriber.audiences.exists()

    assert send_issue(this_week).sent == []
    assert len(mailoutbox) == 1  # nothing but the confirmation

    link = link_in(confirmation, "confirm")
    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200 and "确认订阅" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None

    assert client.post(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert {a.code for a in subscriber.audiences.all()} == {"youth", "elderly"}
    assert [d.code for d in subscriber.disciplines.all()] == ["astronomy"]
    assert send_issue(this_week).sent == ["reader@example.org"]


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, site_tree, mailoutbox):
    make_subscriber("known@example.org", audiences=["elderly"])
    known = subscribe(client, "KNOWN@example.org", audiences=["youth"])
    unknown = subscribe(client, "KNOWN@example.net", audiences=["youth"])
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("KNOWN@example.org", "?") == unknown.content.decode().replace(
        "KNOWN@example.net", "?"
    )
    assert Subscriber.objects.filter(email__iexact="known@example.org").count() == 1
    # The form changes nothing for a known address: only its owner, confirming, does.
    assert [a.code for a in Subscriber.objects.get(email="known@example.org").audiences.all()] == ["elderly"]
    assert [m.to for m in mailoutbox] == [["known@example.org"], ["known@example.net"]]
    client.post(link_in(mailoutbox[0], "confirm"))
    assert [a.code for a in Subscriber.objects.get(email="known@example.org").audiences.all()] == ["youth"]


def test_a_tampered_or_expired_confirmation_link_fails(client, site_tree, mailoutbox, monkeypatch):
    subscribe(client, "reader@example.org")
    link = link_in(mailoutbox[0], "confirm")
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for bad in (tampered, "/zh-hans/digest/confirm/nonsense/"):
        for response in (client.get(bad), client.post(bad)):
            assert response.status_code == 400
            assert "链接无效或已过期" in response.content.decode()
            assert english_words(response.content.decode()) == []

    def signed_days_ago(days):
        with monkeypatch.context() as patch:
            then = int(time.time()) - days * 24 * 3600
            patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
            subscribe(client, f"reader{days}@example.org")
        return link_in(mailoutbox[-1], "confirm")

    assert client.post(signed_days_ago(8)).status_code == 400
    assert not Subscriber.objects.get(email="reader8@example.org").is_active
    assert client.post(signed_days_ago(6)).status_code == 200
    assert Subscriber.objects.get(email="reader6@example.org").is_active


def test_an_unsubscribed_address_must_confirm_again(client, site_tree, mailoutbox):
    subscribe(client, "reader@example.org")
    old_link = link_in(mailoutbox[0], "confirm")
    client.post(old_link)
    subscriber = Subscriber.objects.get()
    client.post(tokens.links(subscriber, "")["unsubscribe"])
    subscriber.refresh_from_db()
    assert not subscriber.is_active

    # A confirmation asked for before the unsubscribe does not undo it.
    assert client.post(old_link).status_code == 400
    subscribe(client, "reader@example.org")
    subscriber.refresh_from_db()
    assert not subscriber.is_active  # not before the new link is confirmed
    assert client.post(link_in(mailoutbox[-1], "confirm")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_the_manage_link_changes_the_preferences(client, site_tree):
    subscriber = make_subscriber("reader@example.org", audiences=["elderly"])
    manage = tokens.links(subscriber, "")["manage"]
    page = client.get(manage).content.decode()
    assert "reader@example.org" in page and english_words(page.replace("reader@example.org", "")) == []
    response = client.post(manage, form_data("", audiences=["youth"], disciplines=["health"]))
    assert response.status_code == 200 and "已保存" in response.content.decode()
    assert [a.code for a in subscriber.audiences.all()] == ["youth"]
    assert [d.code for d in subscriber.disciplines.all()] == ["health"]
    assert client.get(manage[:-4] + "xyz/").status_code == 400


def test_unsubscribing_takes_a_button_and_the_form_needs_its_csrf_token(site_tree):
    subscriber = make_subscriber("reader@example.org")
    url = tokens.links(subscriber, "")["unsubscribe"]
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    assert page.status_code == 200 and "确认退订" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active  # opening the link changes nothing

    assert browser.post(url, {}).status_code == 403  # a form post without the token
    subscriber.refresh_from_db()
    assert subscriber.is_active

    token = page.context["csrf_token"]
    response = browser.post(url, {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200 and "不会再收到科普周报" in response.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_active and subscriber.unsubscribed_at is not None


def test_rfc_8058_one_click_unsubscribes_without_csrf(site_tree):
    subscriber = make_subscriber("reader@example.org")
    url = tokens.links(subscriber, "")["unsubscribe"]
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active


def test_tampered_and_misused_links_answer_400_in_chinese(client, site_tree):
    subscriber = make_subscriber("reader@example.org")
    links = tokens.links(subscriber, "")
    manage_token = links["manage"].rstrip("/").rsplit("/", 1)[1]
    for url in (
        links["unsubscribe"][:-3] + "zz/",
        f"/zh-hans/digest/unsubscribe/{manage_token}/",  # a manage link is not an unsubscribe link
        "/zh-hans/digest/unsubscribe/1/",
    ):
        for response in (
            client.get(url),
            client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"),
        ):
            assert response.status_code == 400, url
            assert "链接无效" in response.content.decode() and english_words(response.content.decode()) == []
    subscriber.refresh_from_db()
    assert subscriber.is_active
    # Links name the address too (by a hash): another address under the same id does not answer.
    old_pk = subscriber.pk
    subscriber.delete()
    Subscriber.objects.create(pk=old_pk, email="someone.else@example.org", confirmed_at=timezone.now())
    assert client.get(links["unsubscribe"]).status_code == 400


def test_the_honeypot_and_the_rate_limits(client, site_tree, mailoutbox):
    bot = client.post(SUBSCRIBE, {**form_data("bot@example.org"), "website": "http://spam.example"})
    assert bot.status_code == 200 and "提交失败" in bot.content.decode() and mailoutbox == []

    for _ in range(4):  # one address gets at most three confirmation e-mails a day
        assert subscribe(client, "reader@example.org").status_code == 200
    assert len(mailoutbox) == 3

    for n in range(6):
        assert subscribe(client, f"reader{n}@example.org").status_code == 200
    limited = subscribe(client, "last@example.org", audiences=["elderly"])
    assert limited.status_code == 429
    content = limited.content.decode()
    assert "提交过于频繁" in content and 'value="last@example.org"' in content
    assert len(mailoutbox) == 9
