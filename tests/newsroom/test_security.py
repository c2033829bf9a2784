"""Admin security: login rate limiting, password strength, production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError

from akhbar.newsroom import security

pytestmark = pytest.mark.django_db
CHECKOUT = Path(__file__).resolve().parents[2]
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def attempt(client, username: str, password: str, addr: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def test_failures_lock_the_account_even_for_the_right_password(client, staff, password):
    for _ in range(security.PER_ACCOUNT):
        assert attempt(client, "editor", "wrong-password").status_code == 200
    blocked = attempt(client, "editor", password)
    assert blocked.status_code == 429 and blocked["Retry-After"]
    # Another account from another address is not affected.
    ok = attempt(client, "chief", password, addr="198.51.100.2")
    assert ok.status_code == 302


def test_failures_from_one_address_are_limited(client, staff, password):
    for i in range(security.PER_ADDRESS):
        attempt(client, f"guess{i}", "nope", addr="192.0.2.9")
    assert attempt(client, "chief", password, addr="192.0.2.9").status_code == 429
    assert attempt(client, "chief", password, addr="192.0.2.10").status_code == 302


def test_a_good_login_clears_the_account_count(client, staff, password):
    for _ in range(security.PER_ACCOUNT - 1):
        attempt(client, "editor", "wrong", addr=f"192.0.2.{_ + 20}")
    assert attempt(client, "editor", password, addr="192.0.2.50").status_code == 302
    client.logout()
    for _ in range(security.PER_ACCOUNT - 1):
        attempt(client, "editor", "wrong", addr=f"192.0.2.{_ + 60}")
    assert attempt(client, "editor", password, addr="192.0.2.99").status_code == 302


@pytest.mark.parametrize(
    "username",
    ["", "x" * 10_000, "مدیر", "editor\x00", "' OR 1=1 --", "ＥＤＩＴＯＲ"],
)
def test_hostile_usernames_are_counted_not_crashing(client, staff, username):
    for _ in range(security.PER_ACCOUNT + 1):
        response = attempt(client, username, "wrong")
        assert response.status_code in (200, 400, 429)


def test_get_and_other_paths_are_never_blocked(client, staff):
    for _ in range(security.PER_ADDRESS + 1):
        attempt(client, "editor", "wrong")
    assert client.get(LOGIN).status_code == 200
    assert client.get("/ur/").status_code == 200


@pytest.mark.parametrize("password", ["12345678", "password", "editor123", "short", "ناموں"])
def test_weak_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="editor123", email="editor@example.org")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def production_env(**extra: str) -> dict[str, str]:
    """A clean production environment: nothing the test run itself set leaks in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL")
        and not k.startswith("AKHBAR_")
    }
    env.update(extra)
    return env


def test_production_settings_pass_check_deploy():
    env = production_env(
        DJANGO_SETTINGS_MODULE="akhbar.settings.production",
        AKHBAR_SECRET_KEY=secrets.token_urlsafe(60),
        AKHBAR_ALLOWED_HOSTS="news.example.org",
        AKHBAR_HOME=tempfile.mkdtemp(prefix="akhbar-deploy-"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "akhbar.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_production_cookies_are_secure():
    env = production_env(
        DJANGO_SETTINGS_MODULE="akhbar.settings.production",
        AKHBAR_SECRET_KEY=secrets.token_urlsafe(60),
        AKHBAR_ALLOWED_HOSTS="news.example.org",
        AKHBAR_HOME=tempfile.mkdtemp(prefix="akhbar-deploy-"),
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.CSRF_TRUSTED_ORIGINS, s.DEBUG)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=CHECKOUT, env=env, capture_output=True, text=True
    )
    assert run.stdout.strip() == "True True True True ['https://news.example.org'] False", (
        run.stderr
    )


def test_production_refuses_to_start_without_a_secret():
    env = production_env(
        DJANGO_SETTINGS_MODULE="akhbar.settings.production",
        AKHBAR_HOME=tempfile.mkdtemp(prefix="akhbar-deploy-"),
    )
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "AKHBAR_SECRET_KEY" in run.stderr
