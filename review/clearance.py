"""The invariant of 三审, in one place.

A page of a reviewed type is live only when what it shows is content that a valid clearance was
made for (compared by digest, review/content.py), and its live revision holds that same content.
An alias shows another page's content: it is measured against that page's clearances.

Every path meets the rule here: ReviewedPageMixin's save, publish and save_revision call in;
review/guards.py refuses rewrites of reviewed revisions and changes to the pictures, files and tags
cleared content shows; `manage.py audit_live` checks every live page against it.
"""

import contextvars

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page, Revision, TaskState

from .content import page_digest, revision_digest, shown_objects
from .models import ClearedObject, ReviewAction, ReviewClearance

# The refusals raised while serving the current request, for review.middleware to explain: Wagtail's
# admin answers a PermissionDenied with a generic "no permission" and a redirect.
refusals = contextvars.ContextVar("review_refusals", default=None)


class UnreviewedContent(PermissionDenied):
    """Refused: this would put content before readers that 三审 did not clear."""

    def __init__(self, *args):
        super().__init__(*args)
        if (raised := refusals.get()) is not None and args:
            raised.append(str(args[0]))


def clear(revision, kind, *, workflow_state=None, reviewers=(), fast_track=False, note=""):
    """Let the content of `revision` go live: the only place a clearance is made."""
    page = revision.as_object()
    clearance = ReviewClearance.objects.create(
        revision=revision,
        page_id=page.pk,
        digest=page_digest(page),
        kind=kind,
        workflow_state=workflow_state,
        reviewers=list(reviewers),
        fast_track=fast_track,
        note=note[:255],
    )
    ClearedObject.objects.bulk_create(
        ClearedObject(
            clearance=clearance, content_type=ContentType.objects.get_for_model(model), object_id=pk
        )
        for model, pks in shown_objects(page).items()
        for pk in sorted(pks)
    )
    return clearance


def revoke(page_id, reason, *, keep=None):
    """No earlier content of this page may go live again (a retraction, or a correction superseding it)."""
    clearances = ReviewClearance.objects.valid().filter(page_id=page_id)
    if keep is not None:
        clearances = clearances.exclude(pk=keep.pk)
    return clearances.update(revoked_at=timezone.now(), revoked_reason=reason[:255])


def is_cleared(page_id, digest):
    return ReviewClearance.objects.valid().filter(page_id=page_id, digest=digest).exists()


def revision_refusal(revision):
    """None if `revision` may be published now, else why not."""
    if not is_cleared(int(revision.object_id), revision_digest(revision)):
        return _("这一版本尚未通过三审，不能发布。")
    return None


def live_problem(page):
    """Why the live page `page` (specific, as stored) breaks the invariant, or None."""
    if not page.live:
        return None
    digest = page_digest(page)
    if page.alias_of_id:
        if is_cleared(page.alias_of_id, digest):
            return None
        return _("别名页面显示的内容没有三审许可。")
    if page.live_revision_id is None:
        return _("在线页面没有在线版本。")
    if not is_cleared(page.pk, digest):
        return _("在线内容没有有效的三审许可。")
    if page_digest(page.with_content_json(page.live_revision.content)) != digest:
        return _("在线内容与其在线版本不一致。")
    return None


def require_cleared_live(page_class, pk):
    """Raise UnreviewedContent if the stored page `pk` is live with content 三审 did not clear."""
    stored = page_class.objects.filter(pk=pk, live=True).first()
    if stored is not None and (problem := live_problem(stored)):
        raise UnreviewedContent(problem)


def is_reviewed_revision(revision):
    """Revisions that were submitted, cleared or published keep their content: a change makes a new one."""
    return (
        ReviewClearance.objects.filter(revision=revision).exists()
        or TaskState.objects.filter(revision=revision).exists()
        or Page.objects.filter(live_revision=revision).exists()
    )


def in_use_refusal(obj):
    """Why what readers see of `obj` (a picture, file or tag) may not change now, or None."""
    content_type = ContentType.objects.get_for_model(type(obj))
    in_use = (
        ClearedObject.objects.filter(
            content_type=content_type, object_id=str(obj.pk), clearance__revoked_at__isnull=True
        )
        .filter(Q(clearance__page__live=True) | Q(clearance__revision__approved_go_live_at__isnull=False))
        .select_related("clearance__page")
        .first()
    )
    if in_use is None:
        return None
    return _(
        "“%(object)s”用于已通过三审的在线内容《%(title)s》，读者看到的部分不能直接修改或删除。"
        "请上传新的版本，在作品中替换后提交审核。"
    ) % {"object": str(obj), "title": in_use.clearance.page.title}


def rebind_live_clearances():
    """After a change to what the digest covers (review/content.py), bind the clearances of live and
    scheduled revisions to their content as the new definition reads it. Those revisions could not
    be rewritten, nor the media they show changed, since they were cleared (review/guards.py), so
    nothing is cleared that was not. Other clearances keep their old digest and no longer match."""
    rebound = 0
    live_or_scheduled = Q(revision_id__in=Page.objects.filter(live=True).values("live_revision_id")) | Q(
        revision__approved_go_live_at__isnull=False
    )
    for cleared in ReviewClearance.objects.valid().filter(live_or_scheduled).select_related("revision"):
        digest = revision_digest(cleared.revision)
        if digest != cleared.digest:
            ReviewClearance.objects.filter(pk=cleared.pk).update(digest=digest)
            rebound += 1
    return rebound


def drop_schedule(revision, reason):
    """A scheduled go-live of content that is no longer cleared will never happen: say so and stop it."""
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
    ReviewAction.objects.create(
        page_id=int(revision.object_id),
        page_title=str(revision.object_str)[:255],
        stage="publication",
        revision=revision,
        action="scheduled-publish-refused",
        comment=reason,
    )
