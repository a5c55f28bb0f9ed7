"""这篇有帮助吗: answered from the work page without an account or a CSRF token, refused from other
sites, limited per address, storing nothing about the reader; the work page stays publicly cacheable."""

import pytest

from django.core.cache import cache
from django.test import Client

from wagtail.models import PageViewRestriction

from review.models import CaseStatus, CorrectionCase
from tests import factories

from .. import helpful
from ..models import HelpfulAnswer

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture
def work(site_tree):
    return factories.make_work(site_tree["works"], "冬季取暖防范一氧化碳中毒", audiences=["elderly"])


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)  # as a browser: no token unless the view asks for none


def answer(client, work, choice="yes", address="203.0.113.7", **headers):
    headers.setdefault("HTTP_ORIGIN", SITE)
    return client.post(
        f"/zh-hans/outreach/helpful/{work.pk}/", {"helpful": choice}, REMOTE_ADDR=address, **headers
    )


def test_an_answer_is_recorded_and_the_reader_sent_back_with_thanks(client, work):
    response = answer(client, work, "no")
    assert response.status_code == 303
    assert response["Location"] == f"{work.url}?helpful=1#helpful"
    stored = HelpfulAnswer.objects.get()
    assert (stored.page_id, stored.helpful) == (work.pk, False)
    thanks = client.get(f"{work.url}?helpful=1")
    assert "谢谢反馈" in thanks.content.decode()
    assert 'name="helpful"' not in thanks.content.decode()


def test_a_referer_from_this_site_is_enough(client, work):
    response = answer(client, work, HTTP_ORIGIN=None, HTTP_REFERER=f"{SITE}{work.url}")
    assert response.status_code == 303


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
)
def test_a_cross_site_or_anonymous_post_is_refused(client, work, headers):
    headers = {"HTTP_ORIGIN": None, **headers}
    headers = {k: v for k, v in headers.items() if v is not None}
    response = client.post(f"/zh-hans/outreach/helpful/{work.pk}/", {"helpful": "yes"}, **headers)
    assert response.status_code == 403
    assert "本站" in response.content.decode()
    assert not HelpfulAnswer.objects.exists()


def test_one_answer_per_work_per_address_per_day(client, work):
    assert answer(client, work)["Location"].endswith("?helpful=1#helpful")
    again = answer(client, work, "no")
    assert again.status_code == 303 and again["Location"].endswith("?helpful=2#helpful")
    assert answer(client, work, address="198.51.100.2").status_code == 303
    assert HelpfulAnswer.objects.count() == 2
    assert "已经收到过" in client.get(f"{work.url}?helpful=2").content.decode()


def test_a_daily_cap_per_address(client, site_tree, monkeypatch):
    monkeypatch.setattr(helpful, "DAILY_CAP", 2)
    works = [factories.make_work(site_tree["works"], f"作品{i}") for i in range(3)]
    assert answer(client, works[0]).status_code == 303
    assert answer(client, works[1]).status_code == 303
    refused = answer(client, works[2])
    assert refused.status_code == 429
    assert "明天" in refused.content.decode()
    assert HelpfulAnswer.objects.count() == 2
    assert answer(client, works[2], address="198.51.100.9").status_code == 303


def test_bad_choice_is_a_400(client, work):
    response = answer(client, work, "maybe")
    assert response.status_code == 400
    assert "请选择" in response.content.decode()
    assert client.get(f"/zh-hans/outreach/helpful/{work.pk}/").status_code == 405


def test_only_live_public_works(client, site_tree, work):
    draft = factories.make_work(site_tree["works"], "草稿", publish=False)
    news = factories.make_news(site_tree["news"])
    private = factories.make_work(site_tree["works"], "内部作品")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    retracted = factories.make_work(site_tree["works"], "撤稿的作品")
    CorrectionCase.objects.create(page=retracted, problem="数据来源无法核实。", status=CaseStatus.RETRACTED)
    for page in (draft, news, private, retracted):
        assert answer(client, page).status_code == 404
    assert (
        client.post("/zh-hans/outreach/helpful/999999/", {"helpful": "yes"}, HTTP_ORIGIN=SITE).status_code
        == 404
    )
    assert not HelpfulAnswer.objects.exists()


def test_no_personal_data_is_stored(client, work):
    answer(client, work, address="203.0.113.77")
    assert {f.name for f in HelpfulAnswer._meta.concrete_fields} == {"id", "page", "helpful", "created"}
    keys = list(cache._cache.keys())  # the local-memory cache of the tests
    assert keys and not any("203.0.113.77" in key for key in keys)


def test_the_work_page_stays_publicly_cacheable(client, work):
    for url in (work.url, f"{work.url}?helpful=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public"), url
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
    page = client.get(work.url).content.decode()
    assert f'action="/zh-hans/outreach/helpful/{work.pk}/"' in page
    assert "这篇有帮助吗" in page
    assert "style=" not in page.split('id="helpful"')[1].split("</section>")[0]


def test_other_pages_get_no_question(client, site_tree):
    news = factories.make_news(site_tree["news"])
    assert "这篇有帮助吗" not in client.get(news.url).content.decode()
