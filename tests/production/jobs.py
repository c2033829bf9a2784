"""Tasks and a voice that the worker tests run in real `akhbar worker` processes.

Importable by the workers because the tests put the checkout on PYTHONPATH.
"""

from __future__ import annotations

import math
import os
import time
from array import array
from pathlib import Path

from django_tasks import task

from akhbar.listen.engines import Speech


@task()
def mark(n: int, log: str) -> int:
    """Append "n pid" to `log` (O_APPEND: whole lines even from several processes)."""
    time.sleep(0.02)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"{n} {os.getpid()}\n")
    return n


class FastVoice:
    """A short tone for any text: real audio without a speech engine's run time."""

    name = "fast-tone-1"

    def synthesize(self, text: str, language: str) -> Speech:
        rate = 16_000
        n = rate * 30 // 1000 * max(len(text), 20)
        samples = array("h", (int(6000 * math.sin(2 * math.pi * 300 * i / rate))
                              for i in range(n)))
        return Speech(samples.tobytes(), rate)


class SlowVoice(FastVoice):
    """A tone voice whose very first call in a test home hangs, so a worker can be killed
    mid-speech; `AKHBAR_TEST_MARKS` names the folder where it leaves its marks."""

    name = "slow-tone-1"

    def synthesize(self, text: str, language: str) -> Speech:
        marks = Path(os.environ["AKHBAR_TEST_MARKS"])
        first = marks / "speaking"
        if not first.exists():
            first.write_text(str(os.getpid()))
            time.sleep(120)  # killed long before this ends
        (marks / f"spoke-{os.getpid()}").touch()
        return super().synthesize(text, language)
