"""Review's outgoing e-mail, one row per (event, recipient): written in the transaction of the event
it reports, marked sent in the transaction that sends it — so a job that crashed half-way is run
again without anyone getting a mail twice."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    event = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    recipient = models.EmailField(_("收件人"))
    subject = models.CharField(_("主题"), max_length=255)
    body = models.TextField(_("正文"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="review_mail_once_per_event_recipient"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="review_mail_unsent")]
        ordering = ["created_at", "pk"]
        verbose_name = _("审核通知邮件")
        verbose_name_plural = _("审核通知邮件")

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
