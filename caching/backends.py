"""Front-cache backends for WAGTAILFRONTENDCACHE that report a failed purge (Wagtail's own log it and
carry on, which would lose the purge), so caching.purging can retry it.

- NginxBackend: deploy/nginx.conf's purge listener. Plain Debian nginx has no purge module, so a
  purge is a GET on the listener, which bypasses the cache, fetches the fresh answer from the app
  servers and stores it in place of the old one (a 404 or 410 included). Each URL is fetched in both
  reader modes, as the cache key includes the `reader_mode` cookie.
- CheckedBackend: any Wagtail backend (Cloudflare, CloudFront …) named in WRAPS, with a purge that
  logged an error turned into an exception.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import requests

from django.utils.module_loading import import_string

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from .pagecache import READER_MODE_COOKIE, READER_MODES

PURGE_HEADER = "X-Portal-Purge"


class PurgeFailed(Exception):
    pass


class NginxBackend(BaseBackend):
    """LOCATION: the purge listener, e.g. http://127.0.0.1:8081; TIMEOUT seconds (default 30);
    WORKERS parallel requests (default 2: each makes an app server render a page)."""

    def __init__(self, params):
        params = dict(params)
        super().__init__(params)
        location = urlsplit(params.pop("LOCATION"))
        self.base = f"{location.scheme}://{location.netloc}"
        self.timeout = float(params.pop("TIMEOUT", 30))
        self.workers = int(params.pop("WORKERS", 2))

    def _requests(self, url):
        parts = urlsplit(url)
        target = self.base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = parts.netloc
        scheme = parts.scheme or "http"
        for mode in READER_MODES:
            headers = {"Host": host, "X-Forwarded-Proto": scheme, PURGE_HEADER: "1"}
            if mode != "standard":
                headers["Cookie"] = f"{READER_MODE_COOKIE}={mode}"
            yield target, headers

    def _fetch(self, target, headers):
        try:
            response = requests.get(target, headers=headers, timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as error:
            raise PurgeFailed(f"{target}: {error}") from error
        if response.status_code >= 500:
            raise PurgeFailed(f"{target} (Host {headers['Host']}): HTTP {response.status_code}")

    def purge_batch(self, urls):
        jobs = [job for url in urls for job in self._requests(url)]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for future in [pool.submit(self._fetch, *job) for job in jobs]:
                future.result()  # the first failure raises

    def purge(self, url):
        self.purge_batch([url])


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.messages = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


class CheckedBackend(BaseBackend):
    """WRAPS: the dotted path of a Wagtail backend; the other params are passed to it."""

    def __init__(self, params):
        params = dict(params)
        super().__init__(params)
        wrapped = import_string(params.pop("WRAPS"))
        self.backend = wrapped(params)
        self.hostnames = self.backend.hostnames

    def purge_batch(self, urls):
        errors = _Errors()
        loggers = [logging.getLogger("wagtail.frontendcache"), logging.getLogger()]
        for logger in loggers:
            logger.addHandler(errors)
        try:
            self.backend.purge_batch(list(urls))
        except Exception as error:
            raise PurgeFailed(str(error)) from error
        finally:
            for logger in loggers:
                logger.removeHandler(errors)
        if errors.messages:
            raise PurgeFailed("; ".join(errors.messages[:3]))

    def purge(self, url):
        self.purge_batch([url])
