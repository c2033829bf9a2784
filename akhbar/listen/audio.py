"""PCM in, web audio out: reading WAV, joining speech with pauses, encoding Opus and MP3.

Engines hand back mono 16-bit PCM (``Speech``). Stories are joined here with silences
(after the headline, between paragraphs) so every engine gets the same pauses. Two web
formats are made: Opus in Ogg (small, every current browser) with the Debian ``opusenc``
from opus-tools, and MP3 (what podcast clients and old browsers play) with the ``lameenc``
wheel. Both run without a network.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

import lameenc

from akhbar.listen.engines import Speech, SynthesisError


@dataclass(frozen=True)
class AudioFormat:
    """A web audio format: file extension, HTTP content type and the HTML ``type``."""

    ext: str
    content_type: str
    html_type: str


FORMATS: dict[str, AudioFormat] = {
    "opus": AudioFormat("opus", "audio/ogg", 'audio/ogg; codecs="opus"'),
    "mp3": AudioFormat("mp3", "audio/mpeg", "audio/mpeg"),
}
"""Formats by extension, in the order a player should offer them."""

OPUS_KBPS = 24
# opusenc's default complexity 10 costs 1.6x the CPU of 5 for no audible gain on speech
# at 24 kbit/s (bench/listen.py); complexity 5 keeps Opus encoding under a fifth of the job.
OPUS_COMPLEXITY = 5
MP3_KBPS = 48
ENCODE_TIMEOUT = 120


def parse_wav(data: bytes) -> Speech:
    """PCM of a RIFF/WAVE file, also one written to a pipe.

    espeak-ng --stdout cannot seek back to fill in sizes, so its RIFF and data sizes are
    placeholders (0x7ffff000): the data chunk is taken to run to the end of the bytes.
    Only mono 16-bit PCM is accepted; anything else raises ``SynthesisError``.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SynthesisError("engine output is not a WAV file")
    pos, rate, fmt_ok = 12, 0, False
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = pos + 8
        if chunk == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise SynthesisError("WAV format chunk is truncated")
            tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", data, body)
            fmt_ok = tag == 1 and channels == 1 and bits == 16 and 0 < rate <= 192_000
            if not fmt_ok:
                raise SynthesisError(f"WAV is not mono 16-bit PCM ({tag=}, {channels=}, {bits=})")
        elif chunk == b"data":
            if not fmt_ok:
                raise SynthesisError("WAV data comes before its format")
            pcm = data[body : min(len(data), body + size)]
            return Speech(pcm[: len(pcm) // 2 * 2], rate)
        pos = body + size + (size & 1)
    raise SynthesisError("WAV has no data chunk")


def to_wav(speech: Speech) -> bytes:
    """A plain WAV file of ``speech`` (for decoders and tests)."""
    rate = speech.sample_rate
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(speech.pcm), b"WAVE", b"fmt ", 16, 1, 1,
        rate, rate * 2, 2, 16, b"data", len(speech.pcm),
    )
    return header + speech.pcm


def silence(ms: int, sample_rate: int) -> bytes:
    """``ms`` milliseconds of digital silence."""
    return b"\x00\x00" * (sample_rate * max(ms, 0) // 1000)


def join(parts: Iterable[tuple[Speech, int]]) -> Speech:
    """Speech stretches one after another, each followed by its pause in milliseconds.

    All parts must share a sample rate (one engine speaks a whole story). The last pause
    is kept short so the file does not end in a long silence.
    """
    chunks: list[bytes] = []
    rate = 0
    items = list(parts)
    for i, (speech, pause_ms) in enumerate(items):
        if rate and speech.sample_rate != rate:
            raise SynthesisError("engine changed sample rate within one story")
        rate = speech.sample_rate
        chunks.append(speech.pcm)
        chunks.append(silence(pause_ms if i < len(items) - 1 else min(pause_ms, 300), rate))
    return Speech(b"".join(chunks), rate)


def encode_mp3(speech: Speech, kbps: int = MP3_KBPS) -> bytes:
    """MP3 (MPEG-2 layer III at 22.05 kHz, constant bit rate) with lameenc."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(speech.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(speech.pcm) + encoder.flush())


def encode_opus(speech: Speech, kbps: int = OPUS_KBPS, *, title: str = "") -> bytes:
    """Opus in Ogg with opusenc (raw PCM on stdin, the file on stdout)."""
    binary = shutil.which("opusenc")
    if binary is None:
        raise SynthesisError("opusenc is not installed (Debian package opus-tools)")
    cmd = [
        binary, "--quiet", "--speech", "--bitrate", str(kbps), "--comp", str(OPUS_COMPLEXITY),
        "--raw", "--raw-bits", "16",
        "--raw-rate", str(speech.sample_rate), "--raw-chan", "1", "--raw-endianness", "0",
    ]
    if title:
        cmd += ["--title", title[:200]]
    try:
        done = subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [*cmd, "-", "-"], input=speech.pcm, capture_output=True, timeout=ENCODE_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SynthesisError(f"opusenc failed: {exc}") from exc
    if done.returncode != 0 or not done.stdout.startswith(b"OggS"):
        raise SynthesisError(f"opusenc failed: {done.stderr.decode(errors='replace')[:300]}")
    return done.stdout


ENCODERS = {"opus": encode_opus, "mp3": encode_mp3}


def encode(speech: Speech, fmt: str, *, title: str = "") -> bytes:
    """``speech`` encoded in one of ``FORMATS``."""
    if fmt == "opus":
        return encode_opus(speech, title=title)
    if fmt == "mp3":
        return encode_mp3(speech)
    raise SynthesisError(f"unknown audio format {fmt!r}")
