from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    """Where reviewed works travel beyond the site's own pages: feeds first (issue 12)."""

    name = "channels"
    verbose_name = "传播渠道"
