"""The review's answers to the pages it guards (pages.reviewed asks; settings.PORTAL_REVIEW_GATE
names GATE): clearances decide what may be live, correction cases what a retracted URL shows."""

from pages.reviewed import ReviewGate

from . import clearance, corrections


class ClearanceGate(ReviewGate):
    def require_cleared_live(self, page_class, pk):
        clearance.require_cleared_live(page_class, pk)

    def publish_refusal(self, revision):
        return clearance.revision_refusal(revision)

    def refuse(self, reason):
        raise clearance.UnreviewedContent(reason)

    def end_schedule(self, revision, reason):
        clearance.drop_schedule(revision, reason)

    def is_reviewed_revision(self, revision):
        return clearance.is_reviewed_revision(revision)

    def retraction_of(self, page):
        return corrections.retraction_of(page)


GATE = ClearanceGate()
