"""Production settings as the two-server test runs them: portal.settings.production, with only what a
loopback test needs changed (plain HTTP, static files without a collectstatic manifest, a test-only
URL that performs an editor's change inside the app server, e-mail kept in memory)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.production.urls"
# Served over plain HTTP on loopback: no HTTPS redirect, cookies not Secure-only.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic in the test: {% static %} without the manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
