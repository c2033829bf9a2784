"""Listen fixtures: a tiny in-test engine for pipeline logic, sound measurements, stories.

Only tests of the pipeline's logic use ``ToneEngine``; tests of speech use real espeak-ng.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
from array import array
from types import SimpleNamespace

import pytest

from akhbar.listen.audio import parse_wav
from akhbar.listen.engines import Speech, SynthesisError

RATE = 16_000


class ToneEngine:
    """A deterministic engine: 40 ms of a 300 Hz tone per character; counts its calls."""

    name = "tone-1"
    calls: list[str] = []

    def synthesize(self, text: str, language: str) -> Speech:
        ToneEngine.calls.append(text)
        n = RATE * 40 // 1000 * len(text)
        samples = array("h", (int(8000 * math.sin(2 * math.pi * 300 * i / RATE)) for i in range(n)))
        return Speech(samples.tobytes(), RATE)


class BrokenEngine:
    """An engine that always fails, as a crashed or missing voice would."""

    name = "broken-1"
    calls = 0

    def synthesize(self, text: str, language: str) -> Speech:
        BrokenEngine.calls += 1
        raise SynthesisError("the voice is down")


class FlakyEngine(ToneEngine):
    """The tone voice while ``down`` is False; fails like ``BrokenEngine`` while it is True."""

    down = True

    def synthesize(self, text: str, language: str) -> Speech:
        if FlakyEngine.down:
            raise SynthesisError("the voice is down")
        return super().synthesize(text, language)


@pytest.fixture
def flaky_engine(settings):
    ToneEngine.calls = []
    FlakyEngine.down = True
    settings.AKHBAR_SPEECH_ENGINE = FlakyEngine
    settings.AKHBAR_LISTEN_ON_PUBLISH = True
    return FlakyEngine


@pytest.fixture
def tone_engine(settings):
    ToneEngine.calls = []
    settings.AKHBAR_SPEECH_ENGINE = ToneEngine
    settings.AKHBAR_LISTEN_ON_PUBLISH = True  # whatever the test settings choose
    return ToneEngine


@pytest.fixture
def broken_engine(settings):
    BrokenEngine.calls = 0
    settings.AKHBAR_SPEECH_ENGINE = BrokenEngine
    settings.AKHBAR_LISTEN_ON_PUBLISH = True
    return BrokenEngine


def rms(pcm: bytes) -> float:
    """Root-mean-square level of 16-bit PCM, 0–32767."""
    samples = array("h", pcm[: len(pcm) // 2 * 2])
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def voiced_seconds(speech: Speech, window_ms: int = 20, threshold: float = 300.0) -> float:
    """Seconds of 20 ms windows louder than ``threshold`` RMS (speech, not silence)."""
    step = speech.sample_rate * window_ms // 1000 * 2
    windows = range(0, len(speech.pcm) - step + 1, step)
    loud = sum(1 for i in windows if rms(speech.pcm[i : i + step]) > threshold)
    return loud * window_ms / 1000


def decode_opus(data: bytes, tmp_path) -> Speech:
    """Decode an Ogg Opus file with opusdec (opus-tools) back to PCM."""
    binary = shutil.which("opusdec")
    assert binary, "opusdec (opus-tools) is needed"
    src = tmp_path / "in.opus"
    src.write_bytes(data)
    out = tmp_path / "out.wav"
    subprocess.run([binary, "--quiet", "--rate", "16000", str(src), str(out)], check=True,
                   timeout=60)
    return parse_wav(out.read_bytes())


_MP3_BITRATES_V2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_MP3_RATES_V2 = (22050, 24000, 16000)


def mp3_frames(data: bytes) -> SimpleNamespace:
    """Walk MPEG-2 layer III frames: count, sample rate, duration; stops at the first bad sync."""
    pos, frames, rate = 0, 0, 0
    if data[:3] == b"ID3":
        size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
        pos = 10 + size
    while pos + 4 <= len(data):
        (header,) = struct.unpack(">I", data[pos : pos + 4])
        if header >> 21 != 0x7FF or (header >> 19) & 3 != 2 or (header >> 17) & 3 != 1:
            break
        kbps = _MP3_BITRATES_V2[(header >> 12) & 0xF]
        rate = _MP3_RATES_V2[(header >> 10) & 3]
        padding = (header >> 9) & 1
        length = 72 * kbps * 1000 // rate + padding
        if length <= 0:
            break
        frames += 1
        pos += length
    return SimpleNamespace(frames=frames, rate=rate, end=pos,
                           duration=frames * 576 / rate if rate else 0.0)


@pytest.fixture
def sound():
    """Measuring helpers for audio tests."""
    return SimpleNamespace(rms=rms, voiced_seconds=voiced_seconds, decode_opus=decode_opus,
                           mp3_frames=mp3_frames)


@pytest.fixture
def make_story(edition):
    """Create and publish a story in the politics section; returns the live ArticlePage."""
    from akhbar.newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.child_of(edition).first()

    def make(headline: str = "گوادر میں نئی بندرگاہ کا افتتاح",
             standfirst: str = "حکام کے مطابق کام جلد شروع ہو گا",
             paragraphs: tuple[str, ...] = ("پہلا پیرا یہاں ہے۔", "دوسرا پیرا یہاں ہے۔"),
             publish: bool = True) -> ArticlePage:
        page = ArticlePage(
            headline=headline, standfirst=standfirst, live=False,
            body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
        )
        section.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        return ArticlePage.objects.get(pk=page.pk)

    return make
