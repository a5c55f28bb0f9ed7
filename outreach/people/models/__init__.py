"""outreach.people's models: teams and the speakers' public face (speakers.py), volunteers and their
assignments to events (volunteers.py, assignments.py)."""

from .assignments import VolunteerAssignment
from .speakers import SpeakerProfile, SpeakerTopic, SpeakerUnavailability, Team, TeamMembership
from .volunteers import Volunteer

__all__ = [
    "SpeakerProfile",
    "SpeakerTopic",
    "SpeakerUnavailability",
    "Team",
    "TeamMembership",
    "Volunteer",
    "VolunteerAssignment",
]
