"""Production settings, as a deployment runs them: `check --deploy` finds nothing, an HTTPS answer
carries HSTS and the security headers, plain HTTP is sent to HTTPS, every cookie is Secure, and the
Django admin is not mounted. Each check runs in a fresh interpreter with production's environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "kepu.example.cn"


@pytest.fixture
def production_env(tmp_path):
    """What docs/deploy.md asks a deployment to set (the database is an empty file: nothing here
    reads it), and nothing of the test run's own settings."""
    drop = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL"}
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in drop and not name.startswith("PORTAL_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


def run(args, env):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)


def test_check_deploy_reports_no_issues(production_env):
    # REDIS_URL as production has it: the checks name the cache's server but never connect to it
    # (the probes below run without it: a page cache in a shared Redis would outlive the test).
    env = {**production_env, "REDIS_URL": "redis://127.0.0.1:6379/15"}
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_asks_for_a_shared_cache(production_env):
    """Without REDIS_URL every app server process would keep its own cache."""
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env
    )
    assert result.returncode != 0
    assert "caching.W001" in result.stdout + result.stderr


def test_check_deploy_would_catch_a_weak_key(production_env):
    """The check above can fail: with a short key it does."""
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**production_env, "SECRET_KEY": "short"},
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

client = Client()
https = client.get("/robots.txt", headers={"host": "%(host)s", "x-forwarded-proto": "https"})
http = client.get("/robots.txt", headers={"host": "%(host)s", "x-forwarded-proto": "http"})
try:
    resolve("/django-admin/")
    django_admin = "mounted"
except Resolver404:
    django_admin = "absent"
print(json.dumps({
    "https": [https.status_code, dict(https.headers)],
    "http": [http.status_code, http.headers.get("Location")],
    "django_admin": django_admin,
    "cookies": {
        name: getattr(settings, name)
        for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
                     "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY")
    },
}))
"""


def test_production_answers_with_hsts_and_the_security_headers(production_env):
    result = run([sys.executable, "-c", PROBE % {"host": HOST}], production_env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])

    status, headers = found["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=(self)" in headers["Permissions-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]  # robots.txt: data, nothing runs

    assert found["http"] == [301, f"https://{HOST}/robots.txt"]
    assert found["django_admin"] == "absent"
    assert all(found["cookies"].values()), found["cookies"]


def test_production_can_mount_the_django_admin_when_told(production_env):
    result = run(
        [sys.executable, "-c", PROBE % {"host": HOST}], {**production_env, "PORTAL_DJANGO_ADMIN": "1"}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["django_admin"] == "mounted"


MEDIA_PROBE = """
import json
import django
django.setup()
from django.core.files.storage import storages
from portal.csp import PortalCSPMiddleware

middleware = PortalCSPMiddleware(lambda request: None)
print(json.dumps({
    "picture": storages["default"].url("images/cover.webp"),
    "img-src": middleware.page["img-src"],
    "media-src": middleware.page["media-src"],
    "admin img-src": middleware.admin["img-src"],
}))
"""


@pytest.mark.parametrize(
    ("storage", "origin"),
    [
        (
            {"S3_ENDPOINT_URL": "https://oss-cn-huhehaote.aliyuncs.com"},
            "https://oss-cn-huhehaote.aliyuncs.com",
        ),
        ({"S3_CUSTOM_DOMAIN": "media.kepu.example.cn"}, "https://media.kepu.example.cn"),
        ({"S3_REGION": "cn-north-1"}, "https://kepu-uploads.s3.cn-north-1.amazonaws.com.cn"),
    ],
    ids=["endpoint", "custom domain", "aws region"],
)
def test_pictures_and_videos_in_a_bucket_are_allowed_by_the_policy(production_env, storage, origin):
    """Uploads served from S3 or a CDN: the policy names the origin the storage gives their URLs."""
    env = {**production_env, "MEDIA_STORAGE": "s3", "S3_BUCKET": "kepu-uploads", **storage}
    result = run([sys.executable, "-c", MEDIA_PROBE], env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["picture"].startswith(origin + "/")
    assert found["img-src"] == ["'self'", "data:", origin]
    assert found["media-src"] == ["'self'", origin]
    assert origin in found["admin img-src"]


def test_local_uploads_add_no_origin(production_env):
    result = run([sys.executable, "-c", MEDIA_PROBE], production_env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["picture"].startswith("/uploads/")
    assert found["img-src"] == ["'self'", "data:"]
