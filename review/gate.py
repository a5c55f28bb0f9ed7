"""The review's answers to the pages it guards (pages.reviewed asks; settings.PORTAL_REVIEW_GATE
names GATE): clearances decide what may be live, correction cases what a retracted URL shows."""

from pages.reviewed import ReviewGate

from . import clearance, corrections
from .content import page_digest, revision_digest


class ClearanceGate(ReviewGate):
    def require_cleared_live(self, page_class, pk):
        clearance.require_cleared_live(page_class, pk)

    def publish_refusal(self, revision):
        return clearance.revision_refusal(revision)

    def refuse(self, reason):
        raise clearance.UnreviewedContent(reason)

    def end_schedule(self, revision, reason):
        clearance.drop_schedule(revision, reason)

    def may_overwrite(self, revision, page):
        if not clearance.is_reviewed_revision(revision):
            return True
        return page_digest(page) == revision_digest(revision)

    def retraction_of(self, page):
        return corrections.retraction_of(page)


GATE = ClearanceGate()
