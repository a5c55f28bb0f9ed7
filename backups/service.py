"""Backing up and restoring the portal: the database and the uploads together, with a manifest
that a restore checks before it starts and against what it restored after.

Uploads are in the backup when they live on this server's disk (MEDIA_ROOT). With S3-compatible
storage the bucket is backed up by its provider (versioning, replication): the backup then holds
the database only, and says so in its manifest and on the console.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

from . import database
from .archive import Reader, Writer, media_files, sha256_of
from .contents import LABELS, holds_content

S3_NOTE = (
    "上传文件存放在对象存储（S3）中，由存储服务商负责备份（请开启版本控制或跨区域复制）；本备份只包含数据库。"
    "Uploads live in S3-compatible storage, backed up by the provider (turn on versioning or "
    "replication): this backup holds the database only."
)


def media_on_disk():
    return isinstance(default_storage, FileSystemStorage)


def default_output():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"portal-{stamp}.tar"


def backup(output, *, alias="default", media_root=None):
    """Write a backup to `output` (a .tar, or a directory for any other name); return its manifest."""
    engine = database.vendor(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    include_media = media_on_disk()
    writer = Writer(output)
    try:
        with tempfile.TemporaryDirectory(prefix="portal-backup-") as scratch:
            dump_name = database.FILE_NAMES[engine]
            dump_path = Path(scratch) / dump_name
            # The database first: uploads only ever add files, so every file the copy names is
            # then on disk when the uploads are read.
            counts = database.dump(alias, dump_path)
            writer.add(dump_name, dump_path)
        if include_media:
            for name, path in media_files(media_root):
                writer.add(name, path)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "database": {"engine": engine, "file": dump_name},
            "media": {"included": include_media, "note": "" if include_media else S3_NOTE},
            "counts": counts,
        }
        return writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise


@dataclass
class RestoreReport:
    counts: dict
    files: int
    media_restored: int
    notes: list = field(default_factory=list)


def _media_in_use(media_root):
    return (
        [path for path in Path(media_root).rglob("*") if path.is_file()] if Path(media_root).is_dir() else []
    )


def restore(path, *, alias="default", media_root=None, force=False):
    """Check the backup, refuse to overwrite content unless `force`, restore, verify; return a report."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    reader = Reader(path)
    try:
        files = reader.verify()  # before anything is touched
        manifest = reader.manifest
        engine = database.vendor(alias)
        if manifest["database"]["engine"] != engine:
            raise CommandError(
                f"备份来自 {manifest['database']['engine']} 数据库，不能恢复到 {engine}。"
                f"The backup is of a {manifest['database']['engine']} database, not {engine}."
            )
        notes = []
        if not force:
            if found := holds_content(connections[alias]):
                what = "，".join(f"{LABELS[name]} {number}" for name, number in found.items())
                raise CommandError(
                    f"目标数据库已有内容（{what}），未做任何改动；确认要覆盖请加 --force。"
                    "The target database holds content; nothing was changed. Use --force to overwrite it."
                )
            if manifest["media"]["included"] and _media_in_use(media_root):
                raise CommandError(
                    f"上传文件夹 {media_root} 不是空的，未做任何改动；确认要覆盖请加 --force。"
                    f"The media folder {media_root} is not empty; nothing was changed. Use --force."
                )
        counts = database.restore(alias, reader.path(manifest["database"]["file"]))
        restored = 0
        if manifest["media"]["included"]:
            for name, source, _digest in reader.media():
                target = media_root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                restored += 1
        else:
            notes.append(manifest["media"]["note"] or S3_NOTE)
        _verify(manifest, counts, reader, media_root)
        return RestoreReport(counts=counts, files=files, media_restored=restored, notes=notes)
    finally:
        reader.close()


def _verify(manifest, counts, reader, media_root):
    """What was restored against the manifest: every count, every upload's bytes."""
    problems = [
        f"{LABELS.get(name, name)}：备份 {expected}，恢复后 {counts.get(name)}"
        for name, expected in manifest["counts"].items()
        if counts.get(name) != expected
    ]
    if manifest["media"]["included"]:
        for name, _source, digest in reader.media():
            target = media_root / name
            if not target.is_file() or sha256_of(target) != digest:
                problems.append(f"上传文件不符 upload differs: {name}")
    if problems:
        raise CommandError(
            "恢复后核对失败。Verification after restore failed:\n  " + "\n  ".join(problems[:50])
        )
