"""Speech engines behind one protocol, chosen by configuration only.

An engine turns prepared Urdu text (akhbar.text.speech) into mono 16-bit PCM. The default
is the offline espeak-ng voice; a neural or cloud voice is a new module here exposing a
class with the same two members, named in ``AKHBAR_SPEECH_ENGINE`` (a key of ``ENGINES``
or a dotted path). Nothing else in the app changes: the pipeline inserts pauses, encodes
and stores whatever PCM comes back, and the engine's ``name`` is part of each story's
content hash, so switching voices re-voices stories on their next publish or
``akhbar listen --all``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

ENGINES: dict[str, str] = {
    "espeak": "akhbar.listen.engines.espeak.EspeakSynthesizer",
}
"""Engines known by a short name; any other value of the setting is a dotted path."""

DEFAULT_ENGINE = "espeak"


class SynthesisError(RuntimeError):
    """The engine could not speak the text (missing binary, crash, timeout, no audio)."""


@dataclass(frozen=True)
class Speech:
    """Mono signed 16-bit little-endian PCM and its sample rate."""

    pcm: bytes
    sample_rate: int

    @property
    def samples(self) -> int:
        return len(self.pcm) // 2

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.samples / self.sample_rate if self.sample_rate else 0.0


@runtime_checkable
class Synthesizer(Protocol):
    """What every engine offers.

    ``name`` identifies engine, voice and settings (e.g. "espeak-ng 1.51 ur 165wpm"): two
    engines that would sound different must have different names.
    ``synthesize`` speaks one stretch of text (a headline or a paragraph) in ``language``
    (an ISO 639-1 code such as "ur") and raises ``SynthesisError`` when it cannot.
    """

    name: str

    def synthesize(self, text: str, language: str) -> Speech: ...


def get_engine(name: str | type | None = None) -> Synthesizer:
    """An instance of the configured engine; an unknown name raises ``SynthesisError``.

    The setting (or ``name``) is a key of ``ENGINES``, a dotted path, or the engine class
    itself (handy in tests and in settings modules that build their own engine).
    """
    chosen = name or getattr(settings, "AKHBAR_SPEECH_ENGINE", "") or DEFAULT_ENGINE
    path = ENGINES.get(chosen, chosen) if isinstance(chosen, str) else chosen
    try:
        engine = (import_string(path) if isinstance(path, str) else path)()
    except (ImportError, TypeError) as exc:
        raise SynthesisError(f"speech engine {path!r} cannot be loaded: {exc}") from exc
    if not isinstance(engine, Synthesizer):
        raise SynthesisError(f"speech engine {path!r} does not implement Synthesizer")
    return engine
