"""三审: the review stages as Wagtail tasks, the expert pool, opinions, clearances and the audit log."""

from .corrections import CaseOrigin, CaseStatus, CorrectionCase
from .creators import CreatorProfile
from .experts import CreditPreference, ExpertConflict, ExpertProfile
from .opinions import ExpertAssignment, ReviewOpinion, Verdict
from .pending import InterruptedSubmission, PendingUpload
from .records import ClearanceKind, ClearedObject, LiveAudit, ReviewAction, ReviewClearance
from .tasks import EditorialReviewTask, ExpertReviewTask, ExpertReviewTaskState, FinalReviewTask, Stage

__all__ = [
    "CaseOrigin",
    "CaseStatus",
    "ClearanceKind",
    "ClearedObject",
    "CorrectionCase",
    "CreatorProfile",
    "CreditPreference",
    "EditorialReviewTask",
    "ExpertAssignment",
    "ExpertConflict",
    "ExpertProfile",
    "ExpertReviewTask",
    "ExpertReviewTaskState",
    "FinalReviewTask",
    "InterruptedSubmission",
    "LiveAudit",
    "PendingUpload",
    "ReviewAction",
    "ReviewClearance",
    "ReviewOpinion",
    "Stage",
    "Verdict",
]
