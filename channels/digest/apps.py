from django.apps import AppConfig


class DigestConfig(AppConfig):
    """The weekly e-mail digest of reviewed works and corrections: subscribers and sendings."""

    name = "channels.digest"
    label = "digest"
    verbose_name = "邮件周报"
