"""Sign-up without an account: places first come, a waiting list promoted in order with an e-mail,
no duplicates (normalised phone, case-folded e-mail), cancellation by a signed link only."""

import re

import pytest

from django.db import IntegrityError, transaction
from django.urls import reverse

from outreach.events import signups
from outreach.events.models import SignUp
from outreach.signing import make_token

from .factories import make_event

pytestmark = pytest.mark.django_db


def signup_url(event):
    return reverse("events:signup", args=[event.pk])


def post(client, event, name="张三（演示）", phone="", email="", **extra):
    return client.post(signup_url(event), {"name": name, "phone": phone, "email": email, **extra})


def cancel_link(message):
    return re.search(r"https?://\S+/cancel/\S+/", message.body).group(0)


def test_the_form_is_on_its_own_url_and_the_event_page_links_to_it(client, index):
    event = make_event(index, capacity=10, days=3)
    page = client.get(event.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert signup_url(event) in html
    assert "csrfmiddlewaretoken" not in html  # the event page stays form-free (cacheable)
    form = client.get(signup_url(event))
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert "目前还剩 10 个名额" in form.content.decode()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a request as if its transaction committed (the test's never does): the mail goes out."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def test_a_place_then_the_waiting_list_then_promotion_in_order(client, index, mailoutbox, committed):
    event = make_event(index, capacity=1, days=3)
    assert committed(post, client, event, "甲（演示）", email="a@example.org").status_code == 200
    second = committed(post, client, event, "乙（演示）", email="b@example.org")
    third = committed(post, client, event, "丙（演示）", phone="13900000003")
    assert "名额已满：现在提交将进入候补名单" in client.get(signup_url(event)).content.decode()
    assert "候补第 1 位" in second.content.decode()
    assert "候补第 2 位" in third.content.decode()
    statuses = dict(SignUp.objects.values_list("name", "status"))
    assert statuses == {"甲（演示）": "confirmed", "乙（演示）": "waiting", "丙（演示）": "waiting"}
    assert [m.subject for m in mailoutbox] == [
        f"【内蒙古科普】报名成功：{event.title}",
        f"【内蒙古科普】已进入候补名单：{event.title}",
    ]
    # The first cancels through the link in their e-mail: the first on the waiting list gets the place.
    link = cancel_link(mailoutbox[0])
    assert client.get(link).status_code == 200  # GET only asks
    assert SignUp.objects.get(name="甲（演示）").status == "confirmed"
    assert committed(client.post, link).status_code == 200
    statuses = dict(SignUp.objects.values_list("name", "status"))
    assert statuses == {"甲（演示）": "cancelled", "乙（演示）": "confirmed", "丙（演示）": "waiting"}
    assert mailoutbox[-1].subject == f"【内蒙古科普】候补转为正式报名：{event.title}"
    assert mailoutbox[-1].to == ["b@example.org"]
    assert "/cancel/" in mailoutbox[-1].body
    # Cancelling twice changes nothing, and promotes nobody else.
    assert client.post(link).status_code == 200
    assert SignUp.objects.get(name="丙（演示）").status == "waiting"


def test_no_duplicates_by_normalised_phone_or_case_folded_email(client, index):
    event = make_event(index, capacity=5, days=3)
    assert post(client, event, phone="138 0000-0000", email="Reader@Example.org").status_code == 200
    again = post(client, event, "张三", phone="+86 13800000000")
    assert again.status_code == 409
    assert "已经报名" in again.content.decode()
    assert 'value="张三"' in again.content.decode()  # what the reader typed is kept
    assert post(client, event, "李四", email="reader@example.ORG").status_code == 409
    assert SignUp.objects.count() == 1
    stored = SignUp.objects.get()
    assert (stored.phone, stored.email) == ("13800000000", "reader@example.org")


def test_the_database_refuses_a_duplicate_that_slips_past(index):
    event = make_event(index, capacity=5, days=3)
    SignUp.objects.create(event=event, name="甲", phone="13800000000")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(event=event, name="乙", phone="13800000000")


def test_a_cancelled_contact_may_sign_up_again(index):
    event = make_event(index, capacity=5, days=3)
    first = signups.take(event, "甲", email="a@example.org").signup
    signups.cancel(first)
    assert signups.take(event, "甲", email="A@example.org").signup.status == "confirmed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "张三"}, "请填写手机号或电子邮箱"),
        ({"name": "", "phone": "13800000000"}, "请填写姓名"),
        ({"name": "张三", "email": "不是邮箱"}, "请输入有效的电子邮箱地址"),
        ({"name": "张三", "phone": "12"}, "请输入有效的电话号码"),
    ],
)
def test_bad_input_is_a_400_with_a_chinese_message_and_keeps_the_input(client, index, data, message):
    event = make_event(index, capacity=5, days=3)
    response = client.post(signup_url(event), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    for value in data.values():
        if value:
            assert f'value="{value}"' in html
    assert not SignUp.objects.exists()


def test_tampered_or_foreign_tokens_are_refused_with_a_chinese_message(client, index):
    event, other = make_event(index, capacity=5, days=3), make_event(index, capacity=5, days=4)
    signup = signups.take(event, "甲", email="a@example.org").signup
    token = signups.cancel_token(signup)
    url = reverse("events:cancel", args=[event.pk, token])
    assert client.get(url).status_code == 200
    tampered = reverse("events:cancel", args=[event.pk, token[:-2] + ("AA" if token[-2:] != "AA" else "BB")])
    foreign_event = reverse("events:cancel", args=[other.pk, token])
    other_purpose = reverse(
        "events:cancel", args=[event.pk, make_token("dispatch.track", {"s": signup.pk, "e": event.pk})]
    )
    for bad in (tampered, foreign_event, other_purpose, reverse("events:cancel", args=[event.pk, "garbage"])):
        response = client.post(bad)
        assert response.status_code == 400, bad
        assert "取消链接无效" in response.content.decode()
    assert SignUp.objects.get().status == "confirmed"


def test_only_live_events_with_places_that_have_not_ended_take_signups(client, index):
    no_signup = make_event(index, capacity=0, days=3)
    ended = make_event(index, capacity=5, days=-3)
    draft = make_event(index, capacity=5, days=3, publish=False)
    assert client.get(signup_url(no_signup)).status_code == 404
    assert client.get(signup_url(ended)).status_code == 410
    assert post(client, ended, phone="13800000000").status_code == 410
    assert client.get(signup_url(draft)).status_code == 404
    assert client.get(reverse("events:signup", args=[999999])).status_code == 404
    assert not SignUp.objects.exists()


def test_sign_ups_are_rate_limited_per_address(client, index, settings):
    event = make_event(index, capacity=100, days=3)
    for number in range(10):
        assert post(client, event, phone=f"1380000{number:04d}").status_code == 200
    limited = post(client, event, "王五", phone="13900000000")
    assert limited.status_code == 429
    assert "提交过于频繁" in limited.content.decode()
    assert 'value="王五"' in limited.content.decode()
    assert SignUp.objects.count() == 10


def test_a_filled_honeypot_takes_no_signup(client, index):
    event = make_event(index, capacity=5, days=3)
    assert post(client, event, phone="13800000000", website="http://spam.example").status_code == 429
    assert not SignUp.objects.exists()


def test_more_places_published_move_the_waiting_list_up_in_order(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import publish_imported

    event = make_event(index, capacity=1, days=3)
    for name in ("甲", "乙", "丙", "丁"):
        signups.take(event, name, email=f"{ord(name)}@example.org")
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        publish_imported(event)
    statuses = dict(SignUp.objects.values_list("name", "status"))
    assert statuses == {"甲": "confirmed", "乙": "confirmed", "丙": "confirmed", "丁": "waiting"}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [f"{ord('乙')}@example.org", f"{ord('丙')}@example.org"]
    )
