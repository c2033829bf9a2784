"""The embedded size on one machine: `make run` and `akhbar serve` use these settings."""

from akhbar.settings.base import *  # noqa: F403
from akhbar.settings.base import AKHBAR_HOME
from akhbar.settings.env import env_bool, env_str


def _local_secret() -> str:
    """A per-home random key kept beside the database, so sessions survive restarts."""
    from django.core.management.utils import get_random_secret_key

    path = AKHBAR_HOME / "secret.key"
    if not path.exists():
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("AKHBAR_SECRET_KEY") or _local_secret()
DEBUG = env_bool("AKHBAR_DEBUG", False)
