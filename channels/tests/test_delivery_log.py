"""The delivery log: a hand-off is stale once its work is corrected or retracted, the admin list says
so with a badge, the WeChat export page warns about stale copies, and the list costs a fixed number
of queries."""

import json

import pytest

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse

from channels.models import Channel, Delivery
from review.tests.conftest import build_cast
from tests import factories

from .exports import correct, download, meta_of, publish_full_work, retract, unzip

pytestmark = pytest.mark.django_db

LOG = reverse("channels_admin:deliveries")
MENU_LABEL = json.dumps("分发记录")[1:-1]  # as the sidebar's JSON writes it


@pytest.fixture
def cast(site_tree):
    cache.clear()
    return build_cast(site_tree)


def test_with_staleness_follows_corrections_retractions_and_deletions(cast):
    work = publish_full_work(cast)
    other = factories.make_work(cast["works"], "流星雨观测指南")
    kept = Delivery.record(Channel.LEAFLET, other, recipient="A4", made_by=cast["editor"])
    first = Delivery.record(Channel.WECHAT, work, recipient="wechat-1.zip", made_by=cast["editor"])
    assert not Delivery.objects.with_staleness().get(pk=first.pk).stale

    correct(cast, work)
    assert Delivery.objects.with_staleness().get(pk=first.pk).stale
    second = Delivery.record(Channel.WECHAT, work, recipient="wechat-2.zip")
    assert second.revision_id == work.live_revision_id != first.revision_id
    assert set(Delivery.objects.stale()) == {first}

    retract(cast, work)
    assert set(Delivery.objects.stale()) == {first, second}
    other.delete()
    kept.refresh_from_db()
    assert kept.page_id is None and set(Delivery.objects.stale()) == {first, second, kept}
    assert not Delivery.objects.with_staleness().filter(stale=False).exists()


def test_a_correction_marks_the_earlier_export_stale_and_the_next_export_carries_it(client, cast):
    work = publish_full_work(cast)
    client.force_login(cast["editor"])
    before = unzip(download(client, work))
    assert "更正" not in before["article.html"].decode()

    correct(cast, work)

    log = client.get(LOG).content.decode()
    assert "已过期：作品已更正" in log and work.title in log
    page = client.get(reverse("channels_admin:wechat_export", args=[work.pk])).content.decode()
    assert "此前导出的 1 份已过期，请在公众号中更正" in page
    after = unzip(download(client, work))
    article = after["article.html"].decode()
    assert "本文发布后已更正" in article and "一氧化碳与血红蛋白的结合能力约为氧气的 200 至 250 倍" in article
    assert article.index("一氧化碳与血红蛋白的结合能力约为") > article.index("科学性审核")
    meta = meta_of(after)
    assert (
        meta["corrections"][0]["line"].startswith("更正（") and meta["revision_id"] == work.live_revision_id
    )
    earlier, latest = Delivery.objects.with_staleness().order_by("pk")
    assert earlier.stale and not latest.stale
    page = client.get(reverse("channels_admin:wechat_export", args=[work.pk])).content.decode()
    assert "此前导出的 1 份已过期" in page  # the new export is current; the old one still needs replacing


def test_the_log_lists_hand_offs_with_badges_and_filters(client, cast):
    corrected = publish_full_work(cast)
    retracted = factories.make_work(cast["works"], "流星雨观测指南", owner=cast["other_creator"])
    current = factories.make_work(cast["works"], "草原鼠害的生态防治")
    Delivery.record(Channel.WECHAT, corrected, recipient="wechat-a.zip", made_by=cast["editor"])
    Delivery.record(Channel.LEAFLET, retracted, recipient="A5", made_by=cast["chief"])
    Delivery.record(Channel.DIGEST, current, recipient="reader@example.org")
    correct(cast, corrected)
    retract(cast, retracted)

    client.force_login(cast["editor"])
    content = client.get(LOG).content.decode()
    for text in ("微信公众号导出", "打印传单", "邮件周报", "wechat-a.zip", "reader@example.org", "系统"):
        assert text in content, text
    assert content.count("已过期：作品已更正") == 1 and content.count("已撤回") >= 1
    assert "与当前发布版本一致" in content
    assert f'href="{current.url}"' in content

    only_wechat = client.get(LOG, {"channel": "wechat"}).content.decode()
    assert "wechat-a.zip" in only_wechat and "reader@example.org" not in only_wechat
    only_stale = client.get(LOG, {"state": "stale"}).content.decode()
    assert "wechat-a.zip" in only_stale and "reader@example.org" not in only_stale
    by_title = client.get(LOG, {"title": "流星雨"}).content.decode()
    assert "A5" in by_title and "wechat-a.zip" not in by_title
    results = client.get(reverse("channels_admin:deliveries_results"), {"state": "current"}).content.decode()
    assert "reader@example.org" in results and "wechat-a.zip" not in results


def test_editors_see_the_log_in_the_reports_menu_and_others_do_not(client, cast):
    group_edit = reverse("wagtailusers_groups:edit", args=[cast["groups"]["专家"].pk])
    view_delivery = Permission.objects.get(content_type__app_label="channels", codename="view_delivery")
    client.force_login(cast["root"])
    assert f'value="{view_delivery.pk}"' in client.get(group_edit).content.decode()  # a group may get it
    client.force_login(cast["editor"])
    assert client.get(LOG).status_code == 200
    assert MENU_LABEL in client.get(reverse("wagtailadmin_home")).content.decode()  # the sidebar's JSON
    client.force_login(cast["expert_a"])
    response = client.get(LOG)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert MENU_LABEL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_log_costs_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    works = [factories.make_work(cast["works"], f"作品{n}") for n in range(6)]
    users = [cast[name] for name in ("editor", "editor2", "chief")]
    for n in range(3):
        Delivery.record(Channel.WECHAT, works[n], recipient=f"w{n}.zip", made_by=users[n])
    client.force_login(cast["editor"])
    client.get(LOG)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(20) as few:  # 14 when written
        assert client.get(LOG).status_code == 200
    for n in range(40):
        Delivery.record(Channel.LEAFLET, works[n % 6], recipient="A4", made_by=users[n % 3])
    with django_assert_max_num_queries(len(few.captured_queries)):
        content = client.get(LOG).content.decode()
    assert content.count("<tr") >= 43


def test_printing_a_leaflet_from_the_admin_is_recorded(client, cast):
    work = publish_full_work(cast)
    url = reverse("channels_admin:leaflet", args=[work.pk])
    client.force_login(cast["expert_a"])
    assert client.get(url).status_code == 403 and client.post(url, {"size": "A4"}).status_code == 403
    client.force_login(cast["editor"])
    page = client.get(url).content.decode()
    assert 'value="A4"' in page and 'value="A5"' in page
    assert client.post(url, {"size": "Letter"}).status_code == 400
    assert not Delivery.objects.exists()
    response = client.post(url, {"size": "A5"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.recipient, delivery.made_by) == (Channel.LEAFLET, "A5", cast["editor"])
    assert delivery.revision_id == work.live_revision_id
    correct(cast, work)
    assert "此前打印的 1 份传单已过期" in client.get(url).content.decode()
    draft = factories.make_work(cast["works"], "尚未审核的草稿", publish=False, owner=cast["creator"])
    assert (
        client.post(
            reverse("channels_admin:leaflet", args=[draft.pk]), {"size": "A4"}, follow=True
        ).status_code
        == 404
    )
    assert Delivery.objects.count() == 1
