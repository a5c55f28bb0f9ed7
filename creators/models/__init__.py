"""What the creator portal keeps: creators' profiles, and what they sent that is not yet part of a work."""

from .pending import InterruptedSubmission, PendingUpload
from .profile import CreatorProfile

__all__ = ["CreatorProfile", "InterruptedSubmission", "PendingUpload"]
