"""点单/派单: an organisation's request for a science talk, and the timeline of what happened to it.
Which state may follow which, and who may move it, is decided in transitions.py alone."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    SUBMITTED = "submitted", _("待派单")
    DISPATCHED = "dispatched", _("已派单，待专家答复")
    ACCEPTED = "accepted", _("专家已接受，待排期")
    SCHEDULED = "scheduled", _("已排期")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已取消")


OPEN_STATES = (State.SUBMITTED, State.DISPATCHED, State.ACCEPTED, State.SCHEDULED)
# The moment each state is entered, recorded on the request.
ENTERED_AT = {
    State.DISPATCHED: "dispatched_at",
    State.ACCEPTED: "accepted_at",
    State.SCHEDULED: "scheduled_at",
    State.COMPLETED: "completed_at",
    State.CANCELLED: "cancelled_at",
}
# An expert's current load: what they have been sent and not yet finished.
LOAD_STATES = (State.DISPATCHED, State.ACCEPTED, State.SCHEDULED)


class OrganisationType(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PARK = "park", _("产业园区")
    VILLAGE = "village", _("嘎查村")
    SCHOOL = "school", _("学校")
    COMMUNITY = "community", _("社区")
    GOVERNMENT = "government", _("机关单位")


class ServiceRequestQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """Requests past one of their deadlines: an expert's answer (DISPATCH_ACCEPT_DAYS), the
        scheduling of an accepted talk (DISPATCH_SCHEDULE_DAYS), or the requester's latest date."""
        now = now or timezone.now()
        return self.filter(overdue_condition(now))

    def open(self):
        return self.filter(state__in=OPEN_STATES)


def overdue_condition(now):
    accept_by = now - timedelta(days=settings.DISPATCH_ACCEPT_DAYS)
    schedule_by = now - timedelta(days=settings.DISPATCH_SCHEDULE_DAYS)
    today = timezone.localdate(now)
    return (
        Q(state=State.DISPATCHED, dispatched_at__lt=accept_by)
        | Q(state=State.ACCEPTED, accepted_at__lt=schedule_by)
        | Q(state__in=(State.SUBMITTED, State.DISPATCHED, State.ACCEPTED), latest_date__lt=today)
    )


class ServiceRequest(models.Model):
    """One order (点单) from an organisation, and its dispatch (派单) to an expert."""

    organisation_name = models.CharField(_("单位名称"), max_length=200)
    organisation_type = models.CharField(_("单位类型"), max_length=20, choices=OrganisationType.choices)
    audience = models.ForeignKey(
        "articles.Audience", verbose_name=_("听众人群"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("希望讲的主题"), max_length=200)
    discipline = models.ForeignKey(
        "articles.Discipline", verbose_name=_("学科"), on_delete=models.PROTECT, related_name="+"
    )
    earliest_date = models.DateField(_("最早日期"))
    latest_date = models.DateField(_("最晚日期"))
    address = models.CharField(_("活动地点"), max_length=255)
    region = models.ForeignKey(
        "articles.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="+"
    )
    expected_attendance = models.PositiveIntegerField(
        _("预计人数"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    contact_name = models.CharField(_("联系人"), max_length=100)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    contact_email = models.EmailField(_("电子邮箱"))
    note = models.TextField(_("补充说明"), blank=True)

    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    expert = models.ForeignKey(
        "review.ExpertProfile",
        verbose_name=_("派往专家"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_requests",
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    scheduled_at = models.DateTimeField(_("排期时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    scheduled_start = models.DateTimeField(_("讲座开始时间"), null=True, blank=True)
    report = models.TextField(_("活动简报"), blank=True)
    attendance = models.PositiveIntegerField(
        _("实到人数"), null=True, blank=True, validators=[MaxValueValidator(100000)]
    )
    decline_reason = models.TextField(_("最近一次婉拒原因"), blank=True)
    decline_count = models.PositiveSmallIntegerField(_("婉拒次数"), default=0)
    cancel_reason = models.TextField(_("取消原因"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("评分"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("评价"), blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    # Set when the overdue reminder for the current state went out; cleared by every transition,
    # so each deadline is reminded once.
    reminded_at = models.DateTimeField(_("逾期提醒时间"), null=True, blank=True)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("点单")
        verbose_name_plural = _("点单")
        indexes = [models.Index(fields=["state", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latest_date__gte=models.F("earliest_date")), name="dispatch_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="dispatch_rating_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name} · {self.topic}"

    @property
    def league(self):
        return self.region.league

    @property
    def region_label(self):
        """ "包头市 青山区" for a county, the league's own name for a league."""
        league = self.region.league
        return self.region.name if league.pk == self.region.pk else f"{league.name} {self.region.name}"

    def overdue_reasons(self, now=None):
        """Why this request is overdue, in words (empty when it is not)."""
        now = now or timezone.now()
        reasons = []
        if (
            self.state == State.DISPATCHED
            and self.dispatched_at
            and self.dispatched_at < now - timedelta(days=settings.DISPATCH_ACCEPT_DAYS)
        ):
            reasons.append(_("专家超过 %(days)s 天未答复") % {"days": settings.DISPATCH_ACCEPT_DAYS})
        if (
            self.state == State.ACCEPTED
            and self.accepted_at
            and self.accepted_at < now - timedelta(days=settings.DISPATCH_SCHEDULE_DAYS)
        ):
            reasons.append(_("接受后超过 %(days)s 天未排期") % {"days": settings.DISPATCH_SCHEDULE_DAYS})
        if self.state in (State.SUBMITTED, State.DISPATCHED, State.ACCEPTED) and (
            self.latest_date < timezone.localdate(now)
        ):
            reasons.append(_("已过申请单位的最晚日期"))
        return reasons


class RequestEvent(models.Model):
    """One step in a request's timeline: who moved it from which state to which, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交申请")
        DISPATCH = "dispatch", _("派单")
        ACCEPT = "accept", _("专家接受")
        DECLINE = "decline", _("专家婉拒，退回待派单")
        SCHEDULE = "schedule", _("排期")
        COMPLETE = "complete", _("完成")
        CANCEL = "cancel", _("取消")
        RATE = "rate", _("评价")
        REMIND = "remind", _("逾期提醒")

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("点单"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("原状态"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("为空表示申请单位通过跟踪链接操作，或系统自动操作"),
    )
    by_requester = models.BooleanField(_("申请单位操作"), default=False)
    expert = models.ForeignKey(
        "review.ExpertProfile",
        verbose_name=_("相关专家"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("点单记录")
        verbose_name_plural = _("点单记录")

    def __str__(self):
        return f"{self.request_id} {self.get_action_display()}"
