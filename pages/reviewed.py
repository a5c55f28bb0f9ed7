"""What makes a page type reviewed: nothing of it goes live except content the review cleared.

The rule is held here, at the model, so that every path meets it: Wagtail's create, edit, autosave,
copy, alias, move, revert, bulk, scheduled and API paths as well as ours, superusers included.
What counts as cleared is the review app's to say: `settings.PORTAL_REVIEW_GATE` names the object
that answers (review/gate.py). Without one, a reviewed page cannot be saved at all.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.models import COMMENTS_RELATION_NAME, PagePermissionTester

# Saves limited to these fields change neither what a live page shows nor which revision is live.
BOOKKEEPING_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "numchild",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "expired",
        "review_credit",
        COMMENTS_RELATION_NAME,
    }
)


class ReviewGate:
    """The questions a reviewed page asks of the app that reviews it."""

    def require_cleared_live(self, page_class, pk):
        """Raise PermissionDenied if the stored page `pk` is live with content that was not cleared."""
        raise NotImplementedError

    def publish_refusal(self, revision):
        """Why `revision` may not go live, or None when it may."""
        raise NotImplementedError

    def refuse(self, reason):
        """Raise the PermissionDenied that refuses a publication for `reason`."""
        raise NotImplementedError

    def end_schedule(self, revision, reason):
        """Take `revision` off the publishing schedule (it would be refused at every run)."""
        raise NotImplementedError

    def may_overwrite(self, revision, page):
        """Whether saving `page` may overwrite `revision` in place (Wagtail's autosave does): not when
        it was submitted, cleared or published and the save would change what it shows."""
        raise NotImplementedError

    def retraction_of(self, page):
        """What a retracted page's URL shows instead of the page (None when it was not retracted)."""
        raise NotImplementedError


def review_gate():
    """The gate `settings.PORTAL_REVIEW_GATE` names; refuses to work without one (fails closed)."""
    name = getattr(settings, "PORTAL_REVIEW_GATE", None)
    if not name:
        raise ImproperlyConfigured("Reviewed pages need settings.PORTAL_REVIEW_GATE (e.g. review.gate.GATE).")
    return import_string(name)


class ReviewedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        # Nobody publishes a reviewed page by hand, not even a superuser: the review does.
        return False


class ReviewedSectionPermissionTester(PagePermissionTester):
    def can_publish_subpage(self):
        # Wagtail offers 发布 when creating, and 发布副本 when copying, to whoever may publish in
        # the section: in a section of reviewed pages nobody may, so neither is offered.
        return False


class ReviewedSectionMixin:
    """For the sections that hold only reviewed pages (the works and news indexes)."""

    def permissions_for_user(self, user):
        return ReviewedSectionPermissionTester(user, self)


class ReviewedPageMixin(models.Model):
    """For page types that readers trust: science works and news."""

    # Filled by the review workflow when it publishes: who checked this revision, and when.
    review_credit = models.JSONField(_("审核署名"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        gate = review_gate()
        if self._state.adding and not self.alias_of_id:
            # A new page starts as a draft, whatever the caller asked (Wagtail's create view and a
            # "keep live" copy both ask for live): it goes live when 三审 clears a revision of it.
            self.live, self.has_unpublished_changes = False, True
            self.live_revision = None
            self.first_published_at = self.last_published_at = None
        if not self.live:
            self.live_revision = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            # Read back what is stored: a partial save of a stale instance must not slip past.
            gate.require_cleared_live(type(self), self.pk)
        return result

    def publish(self, revision, *args, **kwargs):
        gate = review_gate()
        if (reason := gate.publish_refusal(revision)) is not None:
            if kwargs.get("log_action") == "wagtail.publish.scheduled":
                # publish_scheduled would fail on this revision at every run: end its schedule.
                gate.end_schedule(revision, reason)
                return None
            gate.refuse(reason)
        return super().publish(revision, *args, **kwargs)

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        if overwrite_revision is not None and not review_gate().may_overwrite(overwrite_revision, self):
            # Wagtail's autosave overwrites the editor's latest revision; a revision that was
            # submitted, cleared or published keeps its content, so a change becomes a new one. An
            # autosave that changes nothing a reader sees stays in place: an editor who merely
            # leaves the edit view open does not make a new revision (and restart the review).
            overwrite_revision = None
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)

    def permissions_for_user(self, user):
        return ReviewedPagePermissionTester(user, self)
