"""What a creator sent that is not yet part of a work: checked uploads waiting for their work to be
saved, and a work form posted after the session had expired. Both are kept for a day at most."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEEP_FOR = timedelta(days=1)


class PendingUpload(models.Model):
    """An image or video that passed the upload checks, kept for its creator until the work is
    saved, so a form that comes back with a message never asks for the file again."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("图片")
        VIDEO = "video", _("视频")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_uploads",
        verbose_name=_("上传者"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    # Stored under a generated name; the creator's own file name is only shown back to them.
    file = models.FileField(_("文件"), upload_to="pending_uploads/")
    name = models.CharField(_("原文件名"), max_length=100)
    size = models.PositiveBigIntegerField(_("字节数"))
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("待用上传")
        verbose_name_plural = _("待用上传")

    def __str__(self):
        return self.name

    @classmethod
    def expired(cls):
        return cls.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)


class InterruptedSubmission(models.Model):
    """A work form posted after its creator's session had expired: its fields (never new files) are
    kept under a signed token until the creator logs in again and gets the form back filled in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    path = models.CharField(_("表单地址"), max_length=200)
    fields = models.JSONField(_("已填内容"))
    had_new_files = models.BooleanField(_("含未保存的新文件"), default=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("登录过期时提交的表单")
        verbose_name_plural = _("登录过期时提交的表单")

    def __str__(self):
        return self.path

    @classmethod
    def expired(cls):
        return cls.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)
