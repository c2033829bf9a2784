"""The default engine: the offline espeak-ng voices (Debian package ``espeak-ng``).

Each stretch of text is spoken by one ``espeak-ng --stdout`` process (about 10 ms to
start, small next to the speech itself); text goes in on stdin as UTF-8, so nothing in a
story can be read as an option. espeak-ng pauses by itself at ۔ ، ؟ (about 350, 200 and
350 ms). The speaking rate defaults to 160 words a minute, a calm news reading pace; the
voice, rate and espeak-ng version are in ``name`` so changing them re-voices stories.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from akhbar.listen.audio import parse_wav
from akhbar.listen.engines import Speech, SynthesisError

VOICES = {"ur": "ur", "en": "en", "ar": "ar", "tr": "tr", "hi": "hi", "pa": "pa"}
DEFAULT_RATE = 160
MAX_CHARS = 20_000  # one paragraph; longer input is refused, not spoken for minutes


@functools.cache
def _binary() -> str | None:
    return shutil.which("espeak-ng")


@functools.cache
def _version(binary: str) -> str:
    try:
        out = subprocess.run(  # noqa: S603 - fixed arguments
            [binary, "--version"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    found = re.search(r"text-to-speech:\s*(\S+)", out)
    return found.group(1) if found else "unknown"


class EspeakSynthesizer:
    """espeak-ng through its command line, one process per stretch of text."""

    def __init__(self, rate: int = DEFAULT_RATE, pitch: int = 45) -> None:
        self.binary = _binary()
        self.rate = rate
        self.pitch = pitch
        version = _version(self.binary) if self.binary else "missing"
        self.name = f"espeak-ng {version} {rate}wpm p{pitch}"

    def synthesize(self, text: str, language: str) -> Speech:
        """Speak ``text`` with the espeak-ng voice for ``language`` (Urdu if unknown)."""
        if self.binary is None:
            raise SynthesisError("espeak-ng is not installed (Debian package espeak-ng)")
        if len(text) > MAX_CHARS:
            raise SynthesisError(f"text of {len(text)} characters is too long for one call")
        voice = VOICES.get(language.split("-")[0].lower(), "ur")
        cmd = [self.binary, "-v", voice, "-s", str(self.rate), "-p", str(self.pitch),
               "-b", "1", "--stdout", "--stdin"]
        try:
            done = subprocess.run(  # noqa: S603 - fixed argument list, text on stdin
                cmd, input=text.encode("utf-8"), capture_output=True, check=False,
                timeout=30 + len(text) / 50,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SynthesisError(f"espeak-ng failed: {exc}") from exc
        if done.returncode != 0:
            raise SynthesisError(f"espeak-ng exited {done.returncode}: {done.stderr[:300]!r}")
        return parse_wav(done.stdout)
