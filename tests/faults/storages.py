"""A disk that fills up: the storage writes part of the file, as a full disk leaves it, then fails."""

import errno
import os

from django.core.files.storage import FileSystemStorage


class DiskFull(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(content.read(10))
        raise OSError(errno.ENOSPC, "No space left on device")
