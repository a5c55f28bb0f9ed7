import time

from django.core.management.base import BaseCommand

from search.service import get_engine


class Command(BaseCommand):
    help = "Rebuild the public search index of the configured engine (or --engine) from scratch."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine", help="database or elasticsearch (default: settings.PORTAL_SEARCH_ENGINE)"
        )

    def handle(self, *args, engine=None, **options):
        search_engine = get_engine(engine)
        started = time.perf_counter()
        count = search_engine.rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(f"{search_engine.name}: indexed {count} works in {seconds:.1f} s")
