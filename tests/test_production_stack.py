"""The production stack chosen by environment: the app server's settings and where uploads go."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _settings_value(expression, **env):
    """Evaluate `expression` under the test settings in a fresh interpreter with `env` added."""
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.files.storage import storages; default_storage = storages['default']; "
        f"print({expression})"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_uploads_stay_on_local_disk_by_default():
    run = _settings_value("type(default_storage).__module__ + '.' + type(default_storage).__name__")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "django.core.files.storage.filesystem.FileSystemStorage"


def test_an_s3_compatible_bucket_is_chosen_by_environment():
    run = _settings_value(
        "type(default_storage).__name__, default_storage.bucket_name, default_storage.endpoint_url, "
        "default_storage.querystring_auth, default_storage.file_overwrite",
        MEDIA_STORAGE="s3",
        S3_BUCKET="kepu-uploads",
        S3_ENDPOINT_URL="https://oss-cn-huhehaote.example.com",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "S3Storage kepu-uploads https://oss-cn-huhehaote.example.com False False"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs S3_BUCKET"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be 'local' or 's3'"),
    ],
)
def test_a_storage_misconfiguration_stops_the_start_in_plain_words(env, message):
    run = _settings_value("1", **env)
    assert run.returncode != 0
    assert message in run.stderr


def _gunicorn_settings(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "PORTAL_BIND", "PORTAL_THREADS", "PORTAL_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))


def test_the_app_server_takes_its_workers_and_address_from_the_environment(monkeypatch):
    configured = _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="4", PORTAL_BIND="10.0.0.5:8001")
    assert (configured["workers"], configured["bind"]) == (4, "10.0.0.5:8001")
    assert configured["wsgi_app"] == "portal.wsgi:application"


def test_without_a_worker_count_the_app_server_sizes_itself_by_cores(monkeypatch):
    import multiprocessing

    configured = _gunicorn_settings(monkeypatch)
    assert configured["workers"] == min(2 * multiprocessing.cpu_count() + 1, 8)
    assert configured["bind"] == "127.0.0.1:8001"


def test_every_nginx_named_in_the_environment_gets_each_purge():
    run = _settings_value(
        "sorted((name, backend['BACKEND'], backend['LOCATION']) for name, backend in "
        "settings.WAGTAILFRONTENDCACHE.items())",
        FRONTEND_CACHE_PURGE_URL="http://10.0.0.5:8081, http://10.0.0.6:8081",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        "[('nginx', 'caching.backends.NginxBackend', 'http://10.0.0.5:8081'), "
        "('nginx2', 'caching.backends.NginxBackend', 'http://10.0.0.6:8081')]"
    )
