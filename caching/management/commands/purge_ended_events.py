"""Purge the pages of events that have just ended (run by the scheduler every 10 minutes): home, the
audience columns, the events index and the .ics feeds list upcoming events, and an event leaves them
when it ends, which no publish announces."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from caching import affected, purging


class Command(BaseCommand):
    help = "清除刚结束的活动所在页面的前端缓存（首页、人群专栏、活动栏目、日历订阅）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=15,
            help="清除结束于最近这么多分钟内的活动（默认 15，比运行间隔稍长）",
        )

    def handle(self, *args, minutes=15, **options):
        now = timezone.now()
        events = affected.ended_events(now - timedelta(minutes=minutes), now)
        urls = [url for event in events for url in affected.urls_for(event)]
        purging.schedule(urls, "events ended")
        self.stdout.write(f"{len(events)} ended events, {len(set(urls))} URLs recorded for purging")
