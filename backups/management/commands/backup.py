"""manage.py backup: the database and the uploads in one archive with a checked manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand

from backups import service
from backups.contents import LABELS


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and the uploads "
        "(MEDIA_ROOT) into one .tar (or a directory), with a manifest of counts and sha256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="Where to write: a path ending in .tar, or a directory to create "
            "(default var/backups/portal-<date>-<time>.tar).",
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, output=None, database="default", **options):
        output = Path(output) if output else service.default_output()
        manifest = service.backup(output, alias=database)
        self.stdout.write(self.style.SUCCESS(f"备份完成 Backup written: {output}"))
        for name, number in manifest["counts"].items():
            self.stdout.write(f"  {LABELS[name]}: {number}")
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        if manifest["media"]["included"]:
            self.stdout.write(f"  上传文件 uploads: {media}")
        else:
            self.stdout.write(self.style.WARNING(manifest["media"]["note"]))
