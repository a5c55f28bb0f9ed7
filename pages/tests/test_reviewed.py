"""The reviewed-page contract: reviewed page types ask the gate settings.PORTAL_REVIEW_GATE names,
and without one they refuse to save anything (the rule fails closed, never open)."""

import pytest

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import override_settings

from articles.models import ArticlePage, NewsPage
from pages.reviewed import ReviewedPageMixin, ReviewGate, review_gate
from review.decisions import clear_import
from review.gate import GATE
from tests import factories


def test_every_reviewed_page_type_asks_the_configured_gate():
    assert isinstance(review_gate(), ReviewGate) and review_gate() is GATE
    assert issubclass(ArticlePage, ReviewedPageMixin) and issubclass(NewsPage, ReviewedPageMixin)


@pytest.mark.parametrize("setting", [None, ""])
def test_without_a_gate_no_reviewed_page_is_saved(site_tree, setting):
    with override_settings(PORTAL_REVIEW_GATE=setting), pytest.raises(ImproperlyConfigured):
        factories.make_work(site_tree["works"], publish=False)
    assert not ArticlePage.objects.exists()


def test_without_a_gate_a_cleared_revision_is_not_published(site_tree):
    work = factories.make_work(site_tree["works"], publish=False)
    revision = work.save_revision()
    with override_settings(PORTAL_REVIEW_GATE=None), pytest.raises(ImproperlyConfigured):
        revision.publish()
    assert not ArticlePage.objects.get(pk=work.pk).live


class RefusingGate(ReviewGate):
    """A gate that clears nothing: a reviewed page must obey what the gate says, not decide itself."""

    def require_cleared_live(self, page_class, pk):
        if page_class.objects.filter(pk=pk, live=True).exists():
            raise PermissionDenied("nothing is cleared")

    def publish_refusal(self, revision):
        return "nothing is cleared"

    def refuse(self, reason):
        raise PermissionDenied(reason)


REFUSING = RefusingGate()


def test_the_page_obeys_the_gate_it_is_given(site_tree):
    work = factories.make_work(site_tree["works"], publish=False)
    revision = work.save_revision()
    clear_import(revision, "测试数据")  # review would let it through; this gate does not
    with (
        override_settings(PORTAL_REVIEW_GATE="pages.tests.test_reviewed.REFUSING"),
        pytest.raises(PermissionDenied, match="nothing is cleared"),
    ):
        revision.publish()
    assert not ArticlePage.objects.get(pk=work.pk).live
