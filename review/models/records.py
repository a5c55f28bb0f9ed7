"""What review leaves behind: the append-only audit log and the clearance that lets a revision go live."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewActionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The review audit log is append-only.")

    def delete(self):
        raise PermissionDenied("The review audit log is append-only.")


# How the trail names its stages and acts (the log stores short codes).
STAGE_NAMES = {
    "editorial": _("初审"),
    "expert": _("科学性审核"),
    "final": _("终审"),
    "correction": _("纠错"),
    "publication": _("发布"),
}
ACT_NAMES = {
    "approve": _("通过"),
    "reject": _("退回修改"),
    "assign": _("指派专家"),
    "opinion": _("专家意见"),
    "quorum": _("达到专家法定人数"),
    "publish": _("发布"),
    "remind": _("催办提醒"),
    "declare-conflict": _("声明利益冲突"),
    "emergency-override": _("紧急越权"),
    "report": _("读者报告问题"),
    "follow-up-opened": _("应急复核立案"),
    "assign-verifier": _("指派核实专家"),
    "verify": _("专家核实"),
    "corrected": _("发布更正"),
    "retracted": _("撤稿"),
    "dismissed": _("驳回报告"),
    "scheduled-publish-refused": _("定时发布被拒绝(内容无有效许可)"),
    "typography-fix": _("编辑采用标点修改（新版本）"),
}


class ReviewAction(models.Model):
    """One act in the life of a submission: who did what, at which stage, on which revision."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    page_title = models.CharField(max_length=255)
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    stage = models.CharField(_("阶段"), max_length=20, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("动作"), max_length=30)
    comment = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    emergency_override = models.BooleanField(_("紧急越权"), default=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = ReviewActionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.page_title}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionDenied("The review audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The review audit log is append-only.")

    @property
    def stage_name(self):
        return STAGE_NAMES.get(self.stage, self.stage)

    @property
    def action_name(self):
        return ACT_NAMES.get(self.action, self.action)


class ClearanceKind(models.TextChoices):
    REVIEW = "review", _("通过三审")
    IMPORT = "import", _("导入内容(未经本站三审)")
    CORRECTION = "correction", _("更正说明(经专家核实)")


class ReviewClearanceQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class ReviewClearance(models.Model):
    """The permission for one exact content of a page to be live. Only the end of 三审, a verified
    correction or a recorded import make one (review/clearance.py); a retraction revokes it.

    It binds to the content's digest (review/content.py), not to the revision: a rewritten revision
    no longer matches, and the same content in a later revision (a correction's base) still does.
    """

    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="review_clearances")
    digest = models.CharField(_("内容摘要值"), max_length=64, db_index=True)
    kind = models.CharField(max_length=10, choices=ClearanceKind.choices, default=ClearanceKind.REVIEW)
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Snapshot of the credit line, as the experts chose it at the time: [{name, title, affiliation}] or panel.
    reviewers = models.JSONField(default=list, blank=True)
    fast_track = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)
    cleared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤销原因"), max_length=255, blank=True)

    objects = ReviewClearanceQuerySet.as_manager()

    class Meta:
        ordering = ["-cleared_at"]
        verbose_name = _("发布许可")
        verbose_name_plural = _("发布许可")

    def __str__(self):
        return f"{self.page_id}@{self.revision_id} ({self.kind})"


class ClearedObject(models.Model):
    """A picture, file or tag that cleared content shows: while that content is live (or scheduled),
    what readers see of the object may only change through review."""

    clearance = models.ForeignKey(ReviewClearance, on_delete=models.CASCADE, related_name="shown_objects")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("已审内容使用的素材")
        verbose_name_plural = _("已审内容使用的素材")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} ← {self.clearance_id}"


class LiveAudit(models.Model):
    """One run of the live-content auditor (`manage.py audit_live`, daily in production)."""

    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    checked = models.PositiveIntegerField(_("检查页面数"), default=0)
    # [{page_id, title, url, problem}] for every live page whose content has no valid clearance.
    problems = models.JSONField(_("问题"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("在线内容核查")
        verbose_name_plural = _("在线内容核查")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}: {len(self.problems)}/{self.checked}"
