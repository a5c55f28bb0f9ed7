"""A mail backend that fails like a mail server going away mid-run: the third message raises."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FailsOnThirdMessage(EmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.handed = 0

    def send_messages(self, messages):
        for message in messages:
            self.handed += 1
            if self.handed == 3:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            super().send_messages([message])
        return len(messages)
