"""`manage.py load_demo`: groups, demo users, page tree, science works and news. Safe to re-run."""

from django.core.management.base import BaseCommand, CommandError

from home.demo.content import ContentError
from home.demo.loader import DemoLoader
from home.demo.people import demo_logins


class Command(BaseCommand):
    help = "Load the demo content (idempotent): groups, demo users, pages, works, news."

    def add_arguments(self, parser):
        parser.add_argument(
            "--content",
            metavar="DIR",
            help="the content folder (default: settings.DEMO_CONTENT_DIR, else home/demo/content)",
        )

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout, content_dir=options["content"])
        try:
            loader.run()
        except ContentError as error:
            raise CommandError(str(error)) from error
        created = loader.created
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: created {created['pages']} pages, {created['images']} images, "
                f"{created['users']} users (existing ones were kept)."
            )
        )
        logins, password = demo_logins()
        self.stdout.write(f"\nDemo logins (password for all: {password}); the editors' admin is at /admin/")
        for username, role in logins:
            self.stdout.write(f"  {username:<9} {role}")
