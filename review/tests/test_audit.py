"""audit_live: every live page of a reviewed type against the clearance of exactly its content."""

import io

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import ArticlePage
from review.models import LiveAudit, ReviewClearance
from tests import factories

pytestmark = pytest.mark.django_db


def audit(*args):
    out = io.StringIO()
    try:
        call_command("audit_live", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_a_clean_site_passes(site_tree):
    factories.make_work(site_tree["works"])
    factories.make_news(site_tree["news"])
    code, output = audit()
    assert code == 0
    assert "检查 2 个在线页面，发现 0 个问题" in output


@pytest.mark.unreviewed_live
def test_what_no_model_path_allows_is_found_and_listed(site_tree):
    """Queryset updates go below the model layer (raw SQL, a bad migration): the auditor finds them."""
    draft = factories.make_work(site_tree["works"], "喝白酒能防一氧化碳中毒", publish=False)
    ArticlePage.objects.filter(pk=draft.pk).update(live=True)
    live = factories.make_work(site_tree["works"], "冬季取暖防范一氧化碳中毒")
    ArticlePage.objects.filter(pk=live.pk).update(summary="开着煤炉睡觉没关系。")
    fine = factories.make_work(site_tree["works"], "流星雨观测指南")

    code, output = audit()

    assert code == 1
    assert f"#{draft.pk}" in output and "在线页面没有在线版本" in output
    assert f"#{live.pk}" in output and "在线内容没有有效的三审许可" in output
    assert f"#{fine.pk}" not in output
    run = LiveAudit.objects.latest()
    assert run.checked == 3 and {item["page_id"] for item in run.problems} == {draft.pk, live.pk}


@pytest.mark.unreviewed_live
def test_the_daily_job_tells_the_administrators(site_tree, mailoutbox, admin_user, client, settings):
    settings.ADMINS = [("ops@example.org", "ops@example.org")]
    live = factories.make_work(site_tree["works"], "冬季取暖防范一氧化碳中毒")
    ArticlePage.objects.filter(pk=live.pk).update(title="喝白酒能防一氧化碳中毒")
    code, output = audit("--job")
    assert code == 1 and "1 problem" in output
    assert sorted(m.to for m in mailoutbox) == sorted([[admin_user.email], ["ops@example.org"]])
    assert (
        "喝白酒能防一氧化碳中毒" in mailoutbox[0].body and "在线内容没有有效的三审许可" in mailoutbox[0].body
    )

    client.force_login(admin_user)
    page = client.get(reverse("review:report")).content.decode()
    assert "核查了 1 个在线页面：1 个页面" in page and "喝白酒能防一氧化碳中毒" in page


def test_no_mail_when_all_is_well(site_tree, mailoutbox, admin_user):
    factories.make_work(site_tree["works"])
    assert audit("--job")[0] == 0
    assert mailoutbox == []


@pytest.mark.unreviewed_live
def test_rebinding_binds_live_clearances_only(site_tree):
    """After a change to what the digest covers: live content is bound again, other clearances not."""
    live = factories.make_work(site_tree["works"])
    old_draft = live.live_revision.as_object()
    old_draft.summary = "一个已审但不在线的旧版本。"
    old = old_draft.save_revision()
    factories.clear_import(old, "测试数据")
    ReviewClearance.objects.update(digest="0" * 64)  # as if the definition had changed
    assert audit()[0] == 1

    code, output = audit("--rebind")

    assert code == 0 and "Clearances rebound: 1" in output
    assert ReviewClearance.objects.get(revision=old).digest == "0" * 64
