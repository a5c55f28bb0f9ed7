"""No locale bypasses 三审: a Mongolian translation of a live, reviewed work is a draft of its own,
refused on every path to readers — Wagtail's Translate action (with its subtree), a superuser's
publish in the admin and in code, a scheduled go-live, a copy's identical text — until it passes
the review itself; then it is live beside the Chinese original, which it never changes."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import GroupPagePermission, Locale, Revision

from articles.models import ArticlePage
from review.audit import audit_live
from review.clearance import UnreviewedContent, is_cleared
from review.content import page_digest, revision_digest
from review.models import ReviewAction, ReviewClearance
from tests import factories
from tests.admin_forms import page_form_data

from .conftest import grant_admin_rights
from .scenario import publish_through_review

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"
# The Chinese test work's title in the traditional script (winter heating: guard against carbon
# monoxide poisoning), for a translation whose text differs from the original.
MN_TITLE = f"ᠡᠪᠦᠯ{NNBSP}ᠦᠨ ᠳᠤᠯᠠᠭᠠᠴᠠᠭᠤᠯᠤᠯᠭ\u180eᠠ{NNBSP}ᠶᠢᠨ ᠠᠶᠤᠯᠭᠦᠢ ᠪᠠᠶᠢᠳᠠᠯ"


@pytest.fixture
def reviewed(cast):
    """The cast's work, live after 三审, and the Mongolian home page (not a reviewed type)."""
    publish_through_review(cast, cast["work"])
    mn_home = factories.make_translation(cast["home"])
    share_rights(cast["home"], mn_home)
    return {**cast, "mongolian": Locale.objects.get(language_code="mn"), "mn_home": mn_home}


def share_rights(home, mn_home):
    """The Mongolian tree is a second tree under the root: the groups get the same rights there."""
    for granted in GroupPagePermission.objects.filter(page=home):
        GroupPagePermission.objects.get_or_create(
            group=granted.group, page=mn_home, permission=granted.permission
        )


@pytest.fixture
def admin_reviewed(reviewed):
    """With the demo's admin rights: the chief editor may publish (so Wagtail would offer it)."""
    grant_admin_rights(reviewed)
    share_rights(reviewed["home"], reviewed["mn_home"])
    return reviewed


def translate(reviewed, page, **fields):
    """What Wagtail's Translate action does for one page, in code: a copy in the Mongolian tree."""
    copy = CopyPageForTranslationAction(page, reviewed["mongolian"], user=reviewed["root"]).execute()
    copy = copy.specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision(user=reviewed["root"])
    copy.refresh_from_db()
    return copy


def assert_not_readable(client, page):
    client.logout()
    assert client.get(page.url).status_code == 404
    assert ArticlePage.objects.live().filter(pk=page.pk).count() == 0
    assert audit_live().problems == []


@pytest.fixture
def translation(reviewed):
    works = translate(reviewed, reviewed["works"])  # the section first, as the admin asks
    works.save_revision().publish()
    return translate(reviewed, reviewed["work"], title=MN_TITLE)


def test_the_translate_action_makes_a_draft_whatever_the_originals_state(client, reviewed, translation):
    original = ArticlePage.objects.get(pk=reviewed["work"].pk)
    assert original.live and translation.locale.language_code == "mn"
    assert translation.translation_key == original.translation_key
    assert not translation.live and translation.live_revision_id is None
    assert not ReviewClearance.objects.filter(page_id=translation.pk).exists()
    assert translation.url.startswith("/mn/")
    assert_not_readable(client, translation)


def test_a_copy_of_identical_text_does_not_inherit_the_originals_clearance(reviewed):
    """A clearance binds to a page and its content: the same words under another page are not cleared."""
    identical = translate(reviewed, reviewed["works"])
    identical.save_revision().publish()
    copy = translate(reviewed, reviewed["work"])  # the Chinese text, unchanged
    original = ArticlePage.objects.get(pk=reviewed["work"].pk)
    assert page_digest(copy) == page_digest(original)  # the very same content …
    assert is_cleared(original.pk, page_digest(original))
    assert not is_cleared(copy.pk, page_digest(copy))  # … cleared for the original only
    with pytest.raises(UnreviewedContent), transaction.atomic():
        copy.get_latest_revision().publish(user=reviewed["root"])
    assert not ArticlePage.objects.get(pk=copy.pk).live


def test_translating_the_section_with_its_subtree_keeps_every_work_a_draft(client, reviewed):
    """simple_translation's own view, as a superuser, with "include subtree"."""
    other = factories.make_work(reviewed["works"], "草原防火知识", disciplines=["safety"])
    client.force_login(reviewed["root"])
    url = reverse("simple_translation:submit_page_translation", args=[reviewed["works"].pk])
    response = client.post(url, {"locales": [reviewed["mongolian"].pk], "include_subtree": "on"})
    assert response.status_code == 302
    translated = ArticlePage.objects.filter(locale=reviewed["mongolian"])
    assert {page.translation_key for page in translated} == {
        reviewed["work"].translation_key,
        other.translation_key,
    }
    assert not any(page.live for page in translated)
    for page in translated:
        assert not ReviewClearance.objects.filter(page_id=page.pk).exists()
        assert_not_readable(client, page)
    # The section's copy reviews its works with the same 三审 workflow as the original section.
    assert translated.first().get_workflow() == reviewed["workflow"]


@pytest.mark.parametrize("who", ["root", "chief"])
def test_publishing_a_translation_in_the_admin_is_refused(client, admin_reviewed, translation, who):
    reviewed = admin_reviewed
    client.force_login(reviewed[who])
    url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.content.decode()  # not offered …
    data = page_form_data(translation, reviewed[who])
    client.post(url, {**data, "action-publish": "action-publish"})  # … and posted anyway
    translation.refresh_from_db()
    assert not translation.live
    assert_not_readable(client, translation)


def test_publishing_a_translation_in_code_is_refused_even_for_a_superuser(reviewed, translation):
    revision = translation.get_latest_revision()
    with pytest.raises(UnreviewedContent), transaction.atomic():
        revision.publish(user=reviewed["root"], skip_permission_checks=True)
    stored = ArticlePage.objects.get(pk=translation.pk)
    stored.live, stored.live_revision = True, revision
    with pytest.raises(UnreviewedContent), transaction.atomic():
        stored.save()
    assert not ArticlePage.objects.get(pk=translation.pk).live


def test_a_scheduled_translation_does_not_go_live(reviewed, translation):
    revision = translation.get_latest_revision()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", stdout=io.StringIO())
    assert not ArticlePage.objects.get(pk=translation.pk).live
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None
    assert ReviewAction.objects.filter(page_id=translation.pk, action="scheduled-publish-refused").exists()


def test_through_the_three_reviews_the_translation_goes_live_beside_the_original(
    client, reviewed, translation
):
    original = ArticlePage.objects.get(pk=reviewed["work"].pk)
    original_revision = original.live_revision_id
    assert translation.get_workflow() == reviewed["workflow"]  # what the admin's 提交审核 starts
    live = publish_through_review(reviewed, translation)
    assert live.live and live.title == MN_TITLE
    assert is_cleared(live.pk, revision_digest(live.live_revision))
    assert live.review_credit["kind"] == "review" and live.review_credit["reviewers"]
    client.logout()
    response = client.get(live.url)
    assert response.status_code == 200 and MN_TITLE in response.content.decode()
    # The original is untouched: its own live revision, its own clearance.
    original.refresh_from_db()
    assert original.live and original.live_revision_id == original_revision
    assert client.get(original.url).status_code == 200
    assert audit_live().problems == []


def test_a_sent_back_translation_stays_off_and_leaves_the_original_live(client, reviewed, translation):
    from review import decisions

    from .conftest import current_state

    reviewed["workflow"].start(translation, translation.owner)
    decisions.act(current_state(translation), reviewed["editor2"], "reject", comment="译文术语需核对。")
    translation.refresh_from_db()
    assert not translation.live
    assert_not_readable(client, translation)
    assert client.get(reviewed["work"].url).status_code == 200
