"""The text core must stay importable without Django."""

import subprocess
import sys

import akhbar.text


def test_import_does_not_load_django():
    # A fresh interpreter: this test process may already have Django loaded.
    code = (
        "import sys, akhbar.text\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
        "assert not any(m.startswith('wagtail') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_api_is_exported():
    for name in akhbar.text.__all__:
        assert callable(getattr(akhbar.text, name)) or name.isupper()
