"""Retry the front-cache purges that failed (run by the scheduler every minute, or by hand)."""

import time

from django.core.management.base import BaseCommand

from caching import purging


class Command(BaseCommand):
    help = "清除到期的前端缓存网址（失败的会按退避时间重试）。"

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="每隔这么多秒重复一次（0：只运行一次）")

    def handle(self, *args, loop=0, **options):
        while True:
            purged, failed = purging.run()
            self.stdout.write(f"purged {purged}, failed {failed}, pending {purging.pending()}")
            if not loop:
                return
            time.sleep(loop)
