"""Fast, isolated settings for the test suite."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Each test process gets its own throwaway upload folder, removed when the process ends.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-uploads-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
WAGTAILADMIN_BASE_URL = "http://testserver"


def _schema_fingerprint():
    """A hash of every migration and the lock file: a reused test database is only reused while
    the schema it was built from is unchanged."""
    import hashlib

    digest = hashlib.sha256()
    files = [*sorted(BASE_DIR.glob("*/migrations/*.py")), BASE_DIR / "requirements.lock"]  # noqa: F405
    for path in files:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


# The browser tests flush their database (they serve it to a live server), so they get their own.
_fingerprint = f"{os.environ.get('PORTAL_TEST_DB_TAG', 'unit')}-{_schema_fingerprint()}"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{_fingerprint}.sqlite3")}  # noqa: F405
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_portal_{_fingerprint}".replace("-", "_")}  # noqa: F405
# Admin tests sign in with force_login; accounts' tests turn two-factor sign-in on and walk its steps.
PORTAL_ADMIN_2FA_REQUIRED = False
