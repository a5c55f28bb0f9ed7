"""Production: refuses to start without its secrets and hosts; HTTPS everywhere.

Only security lives here; storage and cache come from the environment in base.py. The headers that
hold everywhere (CSP, Permissions-Policy, COOP, Referrer-Policy, nosniff) are in headers.py;
`manage.py check --deploy` with these settings reports no issue (tests/test_deploy_check.py).
"""

from .base import *  # noqa: F403
from .base import require_env

require_env("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")

DEBUG = False
# The proxy (deploy/nginx.conf) terminates TLS and says so in this header; nothing else may set it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# One year, subdomains included, eligible for the browsers' preload list. A first deployment may
# start lower (SECURE_HSTS_SECONDS=3600) and raise it once HTTPS is known to work everywhere.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies over HTTPS only; none of them is read by the pages' scripts.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The Django admin stays unmounted unless a deployment turns it on (/django-admin/ is then a 404).
PORTAL_DJANGO_ADMIN = env_bool("PORTAL_DJANGO_ADMIN", False)  # noqa: F405
