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


class ClearanceKind(models.TextChoices):
    REVIEW = "review", _("通过三审")
    IMPORT = "import", _("导入内容(未经本站三审)")
    CORRECTION = "correction", _("更正说明(经专家核实)")


class ReviewClearance(models.Model):
    """The permission for one revision to go live. Only the final stage (or a recorded import) makes one."""

    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="review_clearances")
    kind = models.CharField(max_length=10, choices=ClearanceKind.choices, default=ClearanceKind.REVIEW)
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Snapshot of the credit line, as the experts chose it at the time: [{name, title, affiliation}] or panel.
    reviewers = models.JSONField(default=list, blank=True)
    fast_track = models.BooleanField(default=False)
    note = models.CharField(max_length=255, blank=True)
    cleared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-cleared_at"]
        verbose_name = _("发布许可")
        verbose_name_plural = _("发布许可")

    def __str__(self):
        return f"{self.page_id}@{self.revision_id} ({self.kind})"
