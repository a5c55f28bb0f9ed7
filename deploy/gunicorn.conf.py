"""gunicorn's settings for the portal (`make serve-production`, docs/deploy.md).

Everything comes from the environment, so one file serves every machine:
PORTAL_BIND (default 127.0.0.1:8001), WEB_CONCURRENCY (workers; default 2 × cores + 1, at most 8),
PORTAL_THREADS (threads per worker, default 1), PORTAL_TIMEOUT (seconds, default 30).
"""

import multiprocessing
import os

bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8001")
# Sync workers: Django's ORM is synchronous, and a page is CPU-bound rendering; a slow client is
# nginx's problem (it buffers whole answers), not a worker's.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("PORTAL_THREADS", "1"))
timeout = int(os.environ.get("PORTAL_TIMEOUT", "30"))
graceful_timeout = 20
# A worker is replaced after this many requests (plus jitter), so a slow leak cannot grow forever.
max_requests = 2000
max_requests_jitter = 200
# The application is imported once in the master, then forked: less memory, faster restarts.
preload_app = True
# nginx sets X-Forwarded-Proto; only a proxy on these addresses is believed.
forwarded_allow_ips = os.environ.get("PORTAL_TRUSTED_PROXIES", "127.0.0.1")
accesslog = os.environ.get("PORTAL_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
wsgi_app = "portal.wsgi:application"
