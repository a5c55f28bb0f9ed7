"""Expert assignments and their structured opinions, each tied to the exact revision reviewed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    APPROVE = "approve", _("通过")
    REVISE = "revise", _("修改后再审")
    REJECT = "reject", _("不予发表")


# The scientific-accuracy checklist every opinion answers (科学性审核要点).
CHECKLIST = {
    "facts_accurate": _("事实准确,符合当前科学共识"),
    "sources_reliable": _("数据和来源可靠,并已注明出处"),
    "no_pseudoscience": _("无伪科学内容,无夸大功效或风险"),
    "suits_audience": _("内容和表达适合目标读者"),
    "security_cleared": _("符合安全保密要求"),
}


class ExpertAssignment(models.Model):
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="expert_assignments"
    )
    expert = models.ForeignKey("review.ExpertProfile", on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)
    due_at = models.DateTimeField(_("截止时间"))
    reminded_at = models.DateTimeField(_("最近提醒"), null=True, blank=True)

    class Meta:
        unique_together = [("task_state", "expert")]
        ordering = ["assigned_at"]
        verbose_name = _("专家指派")
        verbose_name_plural = _("专家指派")

    def __str__(self):
        return f"{self.expert} → {self.task_state_id}"


class ReviewOpinion(models.Model):
    task_state = models.ForeignKey("wagtailcore.TaskState", on_delete=models.PROTECT, related_name="opinions")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    # The digest of the content the expert read (review/content.py): an approval counts only for it.
    digest = models.CharField(max_length=64, blank=True)
    expert = models.ForeignKey("review.ExpertProfile", on_delete=models.PROTECT, related_name="opinions")
    verdict = models.CharField(_("结论"), max_length=10, choices=Verdict.choices)
    facts_accurate = models.BooleanField(CHECKLIST["facts_accurate"], default=False)
    sources_reliable = models.BooleanField(CHECKLIST["sources_reliable"], default=False)
    no_pseudoscience = models.BooleanField(CHECKLIST["no_pseudoscience"], default=False)
    suits_audience = models.BooleanField(CHECKLIST["suits_audience"], default=False)
    security_cleared = models.BooleanField(CHECKLIST["security_cleared"], default=False)
    comments_for_creator = models.TextField(_("给作者的意见"), blank=True)
    confidential_comments = models.TextField(_("仅编辑可见的意见"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        # One opinion per expert per round: a new round (after revision) is a new task state.
        unique_together = [("task_state", "expert")]
        ordering = ["created_at"]
        verbose_name = _("专家意见")
        verbose_name_plural = _("专家意见")

    def __str__(self):
        return f"{self.expert.name}: {self.get_verdict_display()}"

    @property
    def checklist_passed(self):
        return all(getattr(self, name) for name in CHECKLIST)
