"""Local development: debug on, an embedded database and a fixed throwaway key."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")  # noqa: F405
# Serve unhashed static files straight from the apps so `runserver` needs no collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# The Django admin at /django-admin/ (off in base and production; PORTAL_DJANGO_ADMIN=0 turns it off).
PORTAL_DJANGO_ADMIN = env_bool("PORTAL_DJANGO_ADMIN", True)  # noqa: F405
# The demo's printed logins work without an authenticator app; production requires the second factor
# for everyone who can use the admin (docs/security.md). PORTAL_ADMIN_2FA_REQUIRED=1 turns it on here.
PORTAL_ADMIN_2FA_REQUIRED = env_bool("PORTAL_ADMIN_2FA_REQUIRED", False)  # noqa: F405
