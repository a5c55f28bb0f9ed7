"""Production settings refuse to start half-configured (their deployment checks: tests/test_deploy_check.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "q8#vK2!mZp4@rT7^wN1&xL5*hB9(jF3)cD6_sG0+yU8=eA2-iO4",
    "DATABASE_URL": "postgresql://portal@127.0.0.1:5432/portal",
    "ALLOWED_HOSTS": "kepu.example.org",
}


def run_manage(*args, **env):
    unset = (*PRODUCTION, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION))
def test_production_refuses_to_start_without_each_variable(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"Missing required environment variable(s): {missing}" in result.stderr


def test_base_settings_are_secure_by_default():
    from portal.settings import base

    assert base.DEBUG is False or os.environ.get("DEBUG")
    assert base.LANGUAGE_CODE == "zh-hans"
    assert base.TIME_ZONE == "Asia/Shanghai"
    assert base.WAGTAIL_I18N_ENABLED is True
    assert str(base.MEDIA_ROOT).endswith("var/uploads") or os.environ.get("MEDIA_ROOT")


@pytest.mark.django_db
def test_the_first_wagtail_locale_is_simplified_chinese():
    from wagtail.models import Locale

    assert Locale.objects.order_by("pk").first().language_code == "zh-hans"
    assert Locale.get_default().language_code == "zh-hans"
