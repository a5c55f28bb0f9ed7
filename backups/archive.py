"""A backup on disk: one directory or one .tar holding the database copy, the uploads under
media/, and manifest.json (what was counted, and the sha256 of every file) — read and checked
in full before a restore touches anything."""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.management.base import CommandError

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_name(name):
    """A name inside the archive: relative, no `..`, so nothing lands outside the target folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or name != path.as_posix():
        raise CommandError(f"备份中的文件名不安全：{name!r}。Unsafe file name in the backup: {name!r}.")
    return name


def media_files(root):
    """Every regular file under the media folder, as (name inside the archive, path), sorted."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(
        (f"media/{path.relative_to(root).as_posix()}", path)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


class _Hashing:
    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data


class Writer:
    """Adds files to a new backup (a directory, or a .tar when the path ends in .tar) and keeps
    their checksums for the manifest."""

    def __init__(self, path):
        self.path = Path(path)
        if self.path.exists():
            raise CommandError(f"{self.path} 已存在，不会覆盖。{self.path} already exists; not overwritten.")
        self.files = {}
        self.tar = None
        if self.path.suffix == ".tar":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.partial = self.path.with_name(self.path.name + ".partial")
            self.tar = tarfile.open(self.partial, "w")  # noqa: SIM115 - closed in finish()
        else:
            self.partial = self.path.with_name(self.path.name + ".partial")
            self.partial.mkdir(parents=True)

    def add(self, name, source):
        """Copy one file in, hashing exactly the bytes written (a file changing meanwhile still gets
        the checksum of what the backup holds)."""
        name = safe_name(name)
        with open(source, "rb") as stream:
            reader = _Hashing(stream)
            if self.tar is not None:
                info = self.tar.gettarinfo(source, arcname=name)
                self.tar.addfile(info, reader)
            else:
                target = self.partial / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    shutil.copyfileobj(reader, out, CHUNK)
        self.files[name] = reader.digest.hexdigest()

    def finish(self, manifest):
        """Write the manifest and give the backup its name (never a half-written backup under it)."""
        manifest = {**manifest, "format": FORMAT, "files": self.files}
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        if self.tar is not None:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            self.tar.addfile(info, io.BytesIO(data))
            self.tar.close()
        else:
            (self.partial / MANIFEST).write_bytes(data)
        self.partial.rename(self.path)
        return manifest

    def abandon(self):
        if self.tar is not None:
            self.tar.close()
            self.partial.unlink(missing_ok=True)
        else:
            shutil.rmtree(self.partial, ignore_errors=True)


class Reader:
    """An existing backup, unpacked into a temporary folder when it is a .tar, checked against its
    manifest: every listed file present with its checksum, nothing unlisted."""

    def __init__(self, path):
        self.source = Path(path)
        self._temporary = None
        if not self.source.exists():
            raise CommandError(f"找不到备份：{self.source}。Backup not found: {self.source}.")
        if self.source.is_dir():
            self.root = self.source
        else:
            self._temporary = tempfile.TemporaryDirectory(prefix="portal-restore-")
            self.root = Path(self._temporary.name)
            try:
                with tarfile.open(self.source) as tar:
                    for member in tar.getmembers():
                        safe_name(member.name)
                        if not (member.isfile() or member.isdir()):
                            raise CommandError(
                                f"备份中有不允许的条目：{member.name}。Unexpected entry in the backup: {member.name}."
                            )
                    tar.extractall(self.root, filter="data")
            except tarfile.TarError as error:
                raise CommandError(
                    f"备份文件已损坏：{error}。The backup archive is damaged: {error}."
                ) from error
        try:
            self.manifest = json.loads((self.root / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise CommandError(
                f"备份中没有可读的 manifest.json：{error}。The backup has no readable manifest: {error}."
            ) from error
        if self.manifest.get("format") != FORMAT:
            raise CommandError(
                f"不认识的备份格式：{self.manifest.get('format')}。Unknown backup format: {self.manifest.get('format')}."
            )

    def verify(self):
        """Every file against the manifest; raise CommandError naming each problem."""
        listed = self.manifest["files"]
        problems = []
        for name, expected in sorted(listed.items()):
            path = self.root / safe_name(name)
            if not path.is_file():
                problems.append(f"缺少文件 missing: {name}")
            elif sha256_of(path) != expected:
                problems.append(f"校验和不符 checksum mismatch: {name}")
        present = {
            path.relative_to(self.root).as_posix() for path in self.root.rglob("*") if path.is_file()
        } - {MANIFEST}
        problems += [f"清单外的文件 not in the manifest: {name}" for name in sorted(present - set(listed))]
        if problems:
            raise CommandError(
                "备份校验失败，未做任何改动。The backup failed its checks; nothing was changed:\n  "
                + "\n  ".join(problems[:50])
            )
        return len(listed)

    def path(self, name):
        return self.root / safe_name(name)

    def media(self):
        """(name relative to the media folder, path in the backup, sha256) of every upload."""
        return [
            (name.removeprefix("media/"), self.root / name, digest)
            for name, digest in sorted(self.manifest["files"].items())
            if name.startswith("media/")
        ]

    def close(self):
        if self._temporary is not None:
            self._temporary.cleanup()
