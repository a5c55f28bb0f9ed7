"""manage.py restore: check a backup, restore it into an empty database and media folder, verify."""

from django.core.management.base import BaseCommand

from backups import service
from backups.contents import LABELS


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks every file's sha256 first, refuses a "
        "database or media folder that already holds content unless --force, then verifies the counts "
        "and the uploads after. Stop the app servers and the task worker before restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup: a .tar or a directory made by manage.py backup.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--media-root", help="Where the uploads go (default: MEDIA_ROOT).")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite a database and media folder that hold content."
        )

    def handle(self, *args, backup, database="default", media_root=None, force=False, **options):
        report = service.restore(backup, alias=database, media_root=media_root, force=force)
        self.stdout.write(self.style.SUCCESS(f"恢复完成并已核对 Restored and verified: {backup}"))
        self.stdout.write(f"  校验文件 files checked: {report.files}")
        for name, number in report.counts.items():
            self.stdout.write(f"  {LABELS[name]}: {number}")
        self.stdout.write(f"  上传文件 uploads: {report.media_restored}")
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
