"""The refusals below the views: at the model, every caller meets them (pages/reviewed.py, review/guards.py)."""

import datetime
import io
import json

import pytest

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taggit.models import Tag
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Revision

from articles.models import ArticlePage, Discipline
from review import corrections
from review.clearance import UnreviewedContent, is_cleared
from review.content import page_digest, revision_digest
from review.models import CaseStatus, ReviewAction
from tests import factories

from .test_every_path import FALSE_CLAIM, correct

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(site_tree):
    """A live work whose cover and inline picture are shown to readers."""
    work = factories.make_illustrated_work(site_tree["works"], disciplines=["safety"])
    cover, figure = work.cover_image, next(b.value["image"] for b in work.body if b.block_type == "image")
    return {"work": work, "cover": cover, "figure": figure, **site_tree}


# Pages --------------------------------------------------------------------------------------------


def test_a_new_page_is_a_draft_whatever_it_asks(site_tree):
    page = ArticlePage(
        title=FALSE_CLAIM, slug="new", summary="x", body=factories.BODY, creator_name="某", live=True
    )
    site_tree["works"].add_child(instance=page)
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_making_a_draft_live_by_saving_is_refused(site_tree):
    draft = factories.make_work(site_tree["works"], FALSE_CLAIM, publish=False)
    draft.live = True
    with pytest.raises(UnreviewedContent):
        draft.save()
    with pytest.raises(UnreviewedContent):
        draft.save(update_fields=["live"])
    assert not ArticlePage.objects.get(pk=draft.pk).live


def test_changing_a_live_page_in_place_is_refused(site_tree):
    work = factories.make_work(site_tree["works"])
    work.title = FALSE_CLAIM
    with pytest.raises(UnreviewedContent):
        work.save(update_fields=["title"])
    stale = ArticlePage.objects.get(pk=work.pk)
    ArticlePage.objects.filter(pk=work.pk).update(live=False)
    stale.live = False  # a stale copy that thinks it is a draft: the stored row decides
    ArticlePage.objects.filter(pk=work.pk).update(live=True)
    stale.summary = FALSE_CLAIM
    with pytest.raises(UnreviewedContent):
        stale.save(update_fields=["summary"])
    assert ArticlePage.objects.get(pk=work.pk).title != FALSE_CLAIM


def test_bookkeeping_saves_of_a_live_page_pass(site_tree):
    work = factories.make_work(site_tree["works"])
    work.locked = True
    work.save(update_fields=["locked"])
    work.refresh_from_db()
    work.save()  # a full save of unchanged content passes too
    assert ArticlePage.objects.get(pk=work.pk).live


def test_publishing_an_unreviewed_revision_is_refused(site_tree):
    work = factories.make_work(site_tree["works"])
    draft = work.live_revision.as_object()
    draft.title = FALSE_CLAIM
    revision = draft.save_revision()
    with pytest.raises(UnreviewedContent):
        revision.publish(skip_permission_checks=True)
    assert ArticlePage.objects.get(pk=work.pk).title != FALSE_CLAIM


# Revisions ----------------------------------------------------------------------------------------


def test_a_cleared_revision_cannot_be_rewritten(site_tree):
    work = factories.make_work(site_tree["works"])
    cleared = work.live_revision
    cleared.content["title"] = FALSE_CLAIM
    with pytest.raises(UnreviewedContent):
        cleared.save()
    cleared.refresh_from_db()
    assert cleared.content["title"] != FALSE_CLAIM
    cleared.content["review_credit"] = {"kind": "import", "note": "记账字段可以补写"}
    cleared.save(update_fields=["content"])


def test_autosave_overwrites_a_draft_but_not_a_reviewed_revision(site_tree):
    work = factories.make_work(site_tree["works"])
    draft = work.live_revision.as_object()
    draft.summary = "草稿一"
    first = draft.save_revision()
    draft.summary = "草稿二"
    assert draft.save_revision(overwrite_revision=first).pk == first.pk  # a plain draft: overwritten
    second = draft.save_revision(overwrite_revision=work.live_revision)
    assert second.pk != work.live_revision_id
    assert revision_digest(Revision.objects.get(pk=work.live_revision_id)) == page_digest(work)


# Shared pictures, files, tags and classification ---------------------------------------------------


def test_the_picture_of_a_live_work_cannot_be_changed_in_the_image_admin(client, pictured, admin_user):
    cover = pictured["cover"]
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailimages:edit", args=[cover.pk]),
        {
            "title": cover.title,
            "description": "被改掉的替代文本",
            "source": cover.source,
            "licence": cover.licence,
        },
    )
    assert response.status_code == 200
    assert "用于已通过三审的在线内容" in response.content.decode()
    cover.refresh_from_db()
    assert cover.description == "封面的替代文本"


def test_an_unused_picture_can_still_be_edited(client, site_tree, admin_user):
    loose = factories.make_image("未使用的图片")
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtailimages:edit", args=[loose.pk]),
        {"title": loose.title, "description": "新的替代文本", "source": "测试", "licence": "own"},
    )
    assert response.status_code == 302
    loose.refresh_from_db()
    assert loose.description == "新的替代文本"


def test_the_picture_of_a_live_work_cannot_be_changed_or_deleted_in_code(pictured):
    figure = pictured["figure"]
    figure.description = "被改掉的替代文本"
    with pytest.raises(UnreviewedContent), transaction.atomic():
        figure.save()
    with pytest.raises(UnreviewedContent), transaction.atomic():
        type(figure).objects.filter(pk=figure.pk).delete()
    assert type(figure).objects.filter(pk=figure.pk, description="插图的替代文本").exists()


def test_deleting_the_picture_of_a_live_work_in_the_admin_is_refused(client, pictured, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("wagtailimages:delete", args=[pictured["figure"].pk]), follow=True)
    assert "用于已通过三审的在线内容" in response.content.decode()
    assert type(pictured["figure"]).objects.filter(pk=pictured["figure"].pk).exists()


def test_tags_and_classification_shown_on_a_live_work_keep_their_names(site_tree):
    work = factories.make_work(site_tree["works"], disciplines=["safety"])
    draft = work.live_revision.as_object()
    draft.tags.add("取暖")
    factories.publish_imported(draft)
    tag = Tag.objects.get(name="取暖")
    tag.name = "伪科学"
    with pytest.raises(UnreviewedContent), transaction.atomic():
        tag.save()
    with pytest.raises(UnreviewedContent), transaction.atomic():
        Tag.objects.filter(pk=tag.pk).delete()
    safety = Discipline.objects.get(code="safety")
    safety.name = "伪科学"
    with pytest.raises(UnreviewedContent), transaction.atomic():
        safety.save()
    assert Discipline.objects.get(code="safety").name != "伪科学"


def test_once_the_work_is_retracted_its_picture_is_free_again(pictured, cast):
    case = corrections.file_report(pictured["work"], problem="整篇有误")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_a"])
    corrections.record_finding(case, cast["expert_a"], confirmed=True, finding="确有错误")
    corrections.decide(case, cast["editor"], CaseStatus.RETRACTED, "撤稿")
    figure = pictured["figure"]
    figure.description = "新的替代文本"
    figure.save()


# Retraction and correction revoke -----------------------------------------------------------------


def test_retracted_content_cannot_be_published_again(cast):
    work = factories.make_work(cast["works"])
    retracted_revision = work.live_revision
    case = corrections.file_report(work, problem="有误")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_a"])
    corrections.record_finding(case, cast["expert_a"], confirmed=True, finding="确有错误")
    corrections.decide(case, cast["editor"], CaseStatus.RETRACTED, "撤稿")
    with pytest.raises(UnreviewedContent):
        retracted_revision.publish(skip_permission_checks=True)
    assert not ArticlePage.objects.get(pk=work.pk).live


def test_a_correction_supersedes_the_content_it_corrects(cast):
    work = factories.make_work(cast["works"])
    before = work.live_revision
    work = correct(cast, work, "更正一处数字。")
    assert not is_cleared(work.pk, revision_digest(before))
    with pytest.raises(UnreviewedContent):
        before.publish(skip_permission_checks=True)


# Scheduled publishing -----------------------------------------------------------------------------


def test_scheduled_publishing_skips_what_is_not_cleared_and_goes_on(site_tree):
    soon = timezone.now() - datetime.timedelta(minutes=1)
    unreviewed = factories.make_work(site_tree["works"], FALSE_CLAIM, publish=False)
    sneaked = unreviewed.save_revision()
    Revision.objects.filter(pk=sneaked.pk).update(approved_go_live_at=soon)  # as if scheduled by hand
    reviewed = factories.make_work(site_tree["works"], "定时发布的已审作品", publish=False)
    scheduled = reviewed.save_revision()
    factories.clear_import(scheduled, "测试数据")
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=soon)

    call_command("publish_scheduled", stdout=io.StringIO())

    assert not ArticlePage.objects.get(pk=unreviewed.pk).live
    assert Revision.objects.get(pk=sneaked.pk).approved_go_live_at is None
    assert ReviewAction.objects.filter(page_id=unreviewed.pk, action="scheduled-publish-refused").exists()
    assert ArticlePage.objects.get(pk=reviewed.pk).live


# Aliases ------------------------------------------------------------------------------------------


def test_an_alias_shows_cleared_content_and_cannot_be_cut_loose(client, admin_cast):
    cast = admin_cast
    work = factories.make_work(cast["works"], "原作品")
    client.force_login(cast["root"])
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[work.pk]),
        {"new_title": "别名", "new_slug": "alias", "new_parent_page": cast["works"].pk, "alias": "on"},
    )
    assert response.status_code == 200  # an alias is published at once: the admin does not offer it
    assert not ArticlePage.objects.filter(slug="alias").exists()
    # Made in code (translation syncing makes aliases): it shows the original's cleared content.
    alias = CreatePageAliasAction(work, update_slug="alias").execute()
    assert alias.alias_of_id == work.pk and alias.live

    response = client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    assert ArticlePage.objects.get(pk=alias.pk).alias_of_id == work.pk
    response = client.post(
        reverse("wagtailadmin_api:pages:action", args=[alias.pk, "convert_alias"]),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert ArticlePage.objects.get(pk=alias.pk).alias_of_id == work.pk

    # A newly cleared version of the original reaches the alias with it.
    draft = work.live_revision.as_object()
    draft.summary = "经审核的新摘要。"
    factories.publish_imported(draft)
    assert ArticlePage.objects.get(pk=alias.pk).summary == "经审核的新摘要。"


def test_an_autosave_that_changes_nothing_a_reader_sees_stays_in_place(site_tree):
    """Wagtail's editor marks rich text with data-block-key when it saves: an editor who leaves the
    edit view open makes autosaves of the same content, which must not make a new revision."""
    work = factories.make_work(site_tree["works"])
    live = work.live_revision
    same = live.as_object()
    stored = live.content["body"]  # the revision keeps the stream as JSON text
    same.body = json.loads(stored.replace("<p>", '<p data-block-key=\\"a1b2c\\">'))
    assert 'data-block-key="a1b2c"' in str(same.body.raw_data)
    assert page_digest(same) == revision_digest(live)
    assert same.save_revision(overwrite_revision=live).pk == live.pk  # overwritten in place, allowed

    changed = live.as_object()
    changed.summary = "读者看得见的改动"
    assert changed.save_revision(overwrite_revision=live).pk != live.pk
