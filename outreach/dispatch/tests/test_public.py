"""The requester's side, no account: the order form's validation and rate limit, the signed tracking
link (tampered or borrowed tokens refused), what the tracking page tells, cancelling and rating once."""

import datetime
import re

import pytest

from django.core import mail
from django.utils import timezone

from articles.models import Audience, Discipline, Region
from outreach.dispatch import transitions, views
from outreach.dispatch.models import ServiceRequest, State
from outreach.dispatch.notifications import TRACKING
from outreach.signing import make_token, read_token

from .conftest import client_for, make_request, track_url

pytestmark = pytest.mark.django_db
ORDER = "/zh-hans/outreach/requests/new/"


def _form(**changes):
    today = timezone.localdate()
    data = {
        "organisation_name": "示例稀土新材料有限公司（演示）",
        "organisation_type": "enterprise",
        "audience": Audience.objects.get(code="workers").pk,
        "topic": "稀土永磁材料与车间安全",
        "discipline": Discipline.objects.get(code="materials").pk,
        "earliest_date": (today + datetime.timedelta(days=7)).isoformat(),
        "latest_date": (today + datetime.timedelta(days=21)).isoformat(),
        "region": Region.objects.get(code="150203").pk,
        "address": "示例工业园 8 号厂房",
        "expected_attendance": "120",
        "contact_name": "王示例（演示）",
        "contact_phone": "13800000000",
        "contact_email": "order@example.org",
        "note": "车间交接班后 16:00 开始较合适",
    }
    data.update(changes)
    return data


def tracked(text):
    """The request a tracking link in `text` opens (None without a valid one)."""
    found = re.search(r"/outreach/requests/track/([^/\s]+)/", text)
    value = read_token(TRACKING, found.group(1)) if found else None
    return value and value["r"]


def test_order_creates_the_request_and_mails_the_tracking_link(cast):
    response = client_for(None).post(ORDER, _form())
    assert response.status_code == 302
    service_request = ServiceRequest.objects.get()
    assert service_request.state == State.SUBMITTED and service_request.expected_attendance == 120
    # Tokens carry the second they were made: compare what they read, not their text.
    assert tracked(response["Location"]) == service_request.pk and response["Location"].endswith("?new=1")
    to_requester = [m for m in mail.outbox if m.to == ["order@example.org"]]
    assert len(to_requester) == 1 and tracked(to_requester[0].body) == service_request.pk
    assert "已收到" in to_requester[0].subject
    assert any(m.to == [cast["dispatcher"].email] and "新的点单" in m.subject for m in mail.outbox)
    page = client_for(None).get(response["Location"])
    assert "申请已提交" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"earliest_date": "2020-01-01"}, "最早日期不能早于今天"),
        ({"latest_date": "2020-01-01"}, "最晚日期不能早于今天"),
        ({"earliest_date": "2099-02-01", "latest_date": "2099-01-01"}, "最晚日期不能早于最早日期"),
        ({"earliest_date": "明天"}, "请按“年-月-日”填写日期"),
        ({"expected_attendance": "5001"}, "不能超过 5000 人"),
        ({"expected_attendance": "0"}, "至少为 1 人"),
        ({"contact_phone": "电话"}, "有效的电话号码"),
        ({"contact_email": "not-an-address"}, "有效的电子邮箱"),
        ({"region": ""}, "请填写“所在地区”"),
        ({"organisation_type": "bank"}, "选择一个有效的选项"),
    ],
)
def test_bad_input_answers_400_in_chinese_and_keeps_what_was_typed(cast, changes, message):
    response = client_for(None).post(ORDER, _form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "示例工业园 8 号厂房" in html and "车间交接班后 16:00 开始较合适" in html
    assert not ServiceRequest.objects.exists()


def test_orders_are_rate_limited_per_address(cast, monkeypatch):
    monkeypatch.setattr(views, "ORDERS_PER_EMAIL", 100)
    client = client_for(None)
    for n in range(views.ORDERS_PER_ADDRESS):
        assert client.post(ORDER, _form(contact_email=f"o{n}@example.org")).status_code == 302
    response = client.post(ORDER, _form(contact_email="late@example.org"))
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode() and "示例工业园 8 号厂房" in response.content.decode()
    assert ServiceRequest.objects.count() == views.ORDERS_PER_ADDRESS


def test_the_order_form_is_private_and_the_tracking_page_is_never_cached(cast, new_request):
    response = client_for(None).get(ORDER)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    response = client_for(None).get(track_url(new_request))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()  # cancel and rate have their own URLs


@pytest.mark.parametrize(
    "token",
    [
        lambda r: make_token("dispatch.track", {"r": r.pk})[:-2] + "xx",  # signature altered
        lambda r: make_token("dispatch.track", {"r": r.pk + 1}).replace(".", "", 1),  # body altered
        lambda r: make_token("events.cancel", {"r": r.pk}),  # another purpose's token
        lambda r: make_token("dispatch.track", "not a dict"),
        lambda r: make_token("dispatch.track", {"r": 999999}),
        lambda r: "garbage",
    ],
)
def test_tampered_or_borrowed_tokens_are_refused(cast, new_request, token):
    value = token(new_request)
    for suffix in ("", "cancel/", "rate/"):
        response = client_for(None).get(f"/zh-hans/outreach/requests/track/{value}/{suffix}")
        assert response.status_code == 404
    response = client_for(None).post(f"/zh-hans/outreach/requests/track/{value}/cancel/", {"reason": "x"})
    assert response.status_code == 404
    assert ServiceRequest.objects.get(pk=new_request.pk).state == State.SUBMITTED


def test_tracking_page_names_the_expert_only_when_their_profile_is_published(cast, new_request):
    r = transitions.dispatch(new_request.pk, cast["dispatcher"], cast["materials"])
    html = client_for(None).get(track_url(r)).content.decode()
    assert "材料专家（演示）" in html and "已派单" in html
    assert f'href="/zh-hans/outreach/experts/{cast["materials"].pk}/"' in html
    assert "包头市 昆都仑区 示例路 1 号" in html
    other = transitions.dispatch(
        make_request().pk, cast["dispatcher"], cast["other"]
    )  # profile not published
    html = client_for(None).get(track_url(other)).content.decode()
    assert "天文专家（演示）" not in html and "已安排专家" in html
    no_speaker = transitions.dispatch(
        make_request().pk, cast["dispatcher"], cast["health"]
    )  # no profile at all
    html = client_for(None).get(track_url(no_speaker)).content.decode()
    assert "健康专家（演示）" not in html and "已安排专家" in html
    assert "dispatcher" not in html  # no administrator's name either


def test_requester_cancels_with_a_reason_through_the_link(cast):
    r = make_request(state=State.ACCEPTED, expert=cast["materials"])
    client = client_for(None)
    assert client.get(track_url(r, "cancel/")).status_code == 200
    response = client.post(track_url(r, "cancel/"), {"reason": ""})
    assert response.status_code == 400 and "请写明原因" in response.content.decode()
    response = client.post(track_url(r, "cancel/"), {"reason": "厂区停产检修"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.state, r.cancel_reason) == (State.CANCELLED, "厂区停产检修")
    assert r.events.get(action="cancel").by_requester
    response = client.post(track_url(r, "cancel/"), {"reason": "再取消一次"})
    assert response.status_code == 400 and "不能" in response.content.decode()


def test_a_completed_request_cannot_be_cancelled_by_the_requester(cast):
    r = make_request(state=State.COMPLETED, expert=cast["materials"])
    response = client_for(None).post(track_url(r, "cancel/"), {"reason": "事后取消"})
    assert response.status_code == 400
    assert ServiceRequest.objects.get(pk=r.pk).state == State.COMPLETED


def test_rating_once_after_completion_only(cast):
    client = client_for(None)
    scheduled = make_request(state=State.SCHEDULED, expert=cast["materials"])
    assert client.post(track_url(scheduled, "rate/"), {"rating": "5"}).status_code == 400
    r = make_request(state=State.COMPLETED, expert=cast["materials"])
    assert "为这次服务评分" in client.get(track_url(r)).content.decode()
    response = client.post(track_url(r, "rate/"), {"rating": "9"})
    assert response.status_code == 400 and "1 到 5" in response.content.decode()
    assert client.post(track_url(r, "rate/"), {"rating": "4", "comment": "讲得很实用"}).status_code == 302
    response = client.post(track_url(r, "rate/"), {"rating": "1", "comment": "改成差评"})
    assert response.status_code == 400 and "只能评价一次" in response.content.decode()
    assert client.get(track_url(r, "rate/")).status_code == 400
    r.refresh_from_db()
    assert (r.rating, r.rating_comment) == (4, "讲得很实用")
    assert r.events.filter(action="rate").count() == 1
