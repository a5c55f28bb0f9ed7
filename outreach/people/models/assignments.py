"""A volunteer's part in one event, and the hours recorded after it. The rules (approved volunteer,
live event, hours within the event's length plus a margin) are the model's own clean(), so the admin
form and a crafted POST meet them alike."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .volunteers import Volunteer

# Setting up before and clearing away after an event count as service too.
HOURS_MARGIN = timedelta(hours=2)


class VolunteerAssignment(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="assignments"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("活动"),
        on_delete=models.CASCADE,
        related_name="volunteer_assignments",
    )
    role = models.CharField(_("岗位"), max_length=50, help_text=_("如 讲解、签到、引导、摄影"))
    hours = models.DecimalField(
        _("服务时长（小时）"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("活动结束后填写。"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["-event__start", "volunteer__name"]
        verbose_name = _("志愿服务安排")
        verbose_name_plural = _("志愿服务安排")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "event"], name="people_assignment_once"),
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="people_assignment_hours_positive"),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.event}"

    @staticmethod
    def max_hours(event):
        """The most hours one person can have served at `event`."""
        length = (event.end - event.start) + HOURS_MARGIN
        return Decimal(length.total_seconds() / 3600).quantize(Decimal("0.1"))

    def clean(self):
        errors = {}
        if self.volunteer_id and self.volunteer.status != Volunteer.Status.APPROVED:
            errors["volunteer"] = _("只能安排已通过审核的志愿者。")
        if self.event_id:
            event = self.event
            if not event.live:
                errors["event"] = _("只能安排到已发布的活动。")
            elif self.hours is not None:
                limit = self.max_hours(event)
                if self.hours < 0:
                    errors["hours"] = _("服务时长不能为负数。")
                elif self.hours > limit:
                    errors["hours"] = _(
                        "服务时长不能超过活动时长加 2 小时（本活动最多 %(limit)s 小时）。"
                    ) % {"limit": limit}
        if errors:
            raise ValidationError(errors)
