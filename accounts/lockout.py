"""Sign-in lockouts through django-axes, counted in the database (shared by every app server).

Three tiers, each with its own limit within the cool-off window (settings PORTAL_LOCKOUT_LIMITS):
one name from one address (targeted guessing), one address over any names (password spraying),
one name from any addresses (guessing spread over many machines). The last tier's limit is high
so that nobody can lock a colleague out with a few wrong passwords.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters

from django.conf import settings
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def tier_name(parameter):
    return parameter if isinstance(parameter, str) else "+".join(parameter)


def cool_off_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message():
    return _("尝试次数过多，账户已暂时锁定，请 %(minutes)s 分钟后再试或联系管理员。") % {
        "minutes": cool_off_minutes()
    }


class TieredDatabaseHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per lockout tier.

    Axes compares one number with one limit (AXES_FAILURE_LIMIT); each tier's failures are scaled to
    it, so a tier reaches the limit exactly when its own count reaches its own limit.
    """

    def get_failures(self, request, credentials=None):
        base = settings.AXES_FAILURE_LIMIT
        limits = settings.PORTAL_LOCKOUT_LIMITS
        parameters = get_lockout_parameters(request, credentials)
        scaled = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = max(scaled, failures * base // limits[tier_name(parameter)])
        return scaled


def username_of(request, credentials=None):
    """The name a sign-in counts against: case and spaces do not make a new name."""
    name = credentials.get("username") if credentials else getattr(request, "POST", {}).get("username")
    return name.strip().lower() if isinstance(name, str) else name


def lockout_response(request, original_response=None, credentials=None):
    # A view that already answered "locked" in its own page (the creator login) keeps its answer.
    if original_response is not None and original_response.status_code == 429:
        return original_response
    context = {"message": lockout_message(), "minutes": cool_off_minutes()}
    response = TemplateResponse(request, "accounts/locked_out.html", context, status=429)
    return response.render()


def is_locked_out(request):
    """Whether the current request was refused or locked by axes while signing in."""
    return bool(getattr(request, "axes_locked_out", False))
