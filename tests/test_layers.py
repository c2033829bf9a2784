"""Dependencies point down: the text core imports no Django."""

import subprocess
import sys


def test_text_core_does_not_import_django():
    code = "import sys, akhbar.text; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
