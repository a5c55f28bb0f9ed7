"""`manage.py load_demo`: groups, demo users, page tree, science works and news. Safe to re-run."""

from django.conf import settings
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
        parser.add_argument(
            "--address",
            metavar="HOST:PORT",
            default="localhost:80",
            help="where the demo is served: links made outside a request (the digest's) point there",
        )

    def handle(self, *args, **options):
        hostname, _colon, port = options["address"].rpartition(":")
        if not hostname or not port.isdigit():
            raise CommandError(f"--address takes HOST:PORT, e.g. 127.0.0.1:8000, not {options['address']!r}")
        loader = DemoLoader(self.stdout, content_dir=options["content"], address=(hostname, int(port)))
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
        if not settings.PORTAL_ADMIN_2FA_REQUIRED:
            self.stdout.write(
                "Two-factor sign-in (动态验证码) is off in this demo; production requires it for every "
                "admin user (docs/security.md)."
            )
