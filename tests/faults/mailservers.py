"""Mail backends that fail: a server that is down, and a worker that dies after a few messages."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "mail server down")


class CrashAfter(EmailBackend):
    """Delivers `limit` messages (to django.core.mail.outbox), then the process 'dies'."""

    limit = 2
    sent = 0

    def send_messages(self, messages):
        if CrashAfter.sent >= CrashAfter.limit:
            raise SystemExit("worker killed")
        CrashAfter.sent += len(messages)
        return super().send_messages(messages)
