"""三审: the review stages as Wagtail tasks, the expert pool, opinions, clearances and the audit log."""

from .experts import CreditPreference, ExpertConflict, ExpertProfile
from .opinions import ExpertAssignment, ReviewOpinion, Verdict
from .records import ClearanceKind, ReviewAction, ReviewClearance
from .tasks import EditorialReviewTask, ExpertReviewTask, ExpertReviewTaskState, FinalReviewTask, Stage

__all__ = [
    "ClearanceKind",
    "CreditPreference",
    "EditorialReviewTask",
    "ExpertAssignment",
    "ExpertConflict",
    "ExpertProfile",
    "ExpertReviewTask",
    "ExpertReviewTaskState",
    "FinalReviewTask",
    "ReviewAction",
    "ReviewClearance",
    "ReviewOpinion",
    "Stage",
    "Verdict",
]
