"""三审: the review stages as Wagtail tasks, the expert pool, opinions, clearances and the audit log."""

from .corrections import CaseOrigin, CaseStatus, CorrectionCase
from .experts import CreditPreference, ExpertConflict, ExpertProfile
from .mail import OutgoingMail
from .opinions import ExpertAssignment, ReviewOpinion, Verdict
from .records import ClearanceKind, ClearedObject, LiveAudit, ReviewAction, ReviewClearance
from .tasks import EditorialReviewTask, ExpertReviewTask, ExpertReviewTaskState, FinalReviewTask, Stage

__all__ = [
    "CaseOrigin",
    "CaseStatus",
    "ClearanceKind",
    "ClearedObject",
    "CorrectionCase",
    "CreditPreference",
    "EditorialReviewTask",
    "ExpertAssignment",
    "ExpertConflict",
    "ExpertProfile",
    "ExpertReviewTask",
    "ExpertReviewTaskState",
    "FinalReviewTask",
    "LiveAudit",
    "OutgoingMail",
    "ReviewAction",
    "ReviewClearance",
    "ReviewOpinion",
    "Stage",
    "Verdict",
]
