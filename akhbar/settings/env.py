"""Typed access to environment variables, each read once with a default.

Keeping every lookup here means a reader sees all configuration in one place and a
missing or malformed value fails at start-up with the variable's name, not deep inside.
"""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


class ConfigError(RuntimeError):
    """An environment variable is present but unusable."""


def env_str(name: str, default: str = "") -> str:
    """The variable's value, or `default` when unset or empty."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    """True for 1/true/yes/on, False for 0/false/no/off; anything else is an error."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    """An integer, or `default` when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list, or `default` when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def akhbar_home() -> Path:
    """The data directory (database, media, caches): AKHBAR_HOME or ./var in the checkout."""
    home = Path(env_str("AKHBAR_HOME", str(CHECKOUT / "var"))).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home


def redis_cache(url: str) -> dict:
    """django-redis settings for `url`: a stopped or hung Redis means cache misses, fast.

    Errors are ignored (a miss), and short socket timeouts keep a Redis that stopped
    answering from holding every request for the kernel's TCP timeout.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env_float("AKHBAR_REDIS_TIMEOUT", 0.25),
            "SOCKET_TIMEOUT": env_float("AKHBAR_REDIS_TIMEOUT", 0.25),
        },
    }


def env_float(name: str, default: float) -> float:
    """A number, or `default` when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a number") from exc
