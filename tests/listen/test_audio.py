"""WAV reading, joining with pauses, encoding: real encoders, hostile WAV input."""

from __future__ import annotations

import struct

import pytest

from akhbar.listen import audio
from akhbar.listen.engines import Speech, SynthesisError

WAV = audio.to_wav(Speech(b"\x00\x00", 8000))


def tone(seconds: float, rate: int = 16000) -> Speech:
    n = int(seconds * rate)
    return Speech(b"".join(struct.pack("<h", 6000 if (i // 20) % 2 else -6000) for i in range(n)),
                  rate)


def test_wav_round_trip():
    speech = tone(0.25)
    assert audio.parse_wav(audio.to_wav(speech)) == speech


def test_wav_from_a_pipe_with_placeholder_sizes():
    speech = tone(0.1)
    wav = bytearray(audio.to_wav(speech))
    wav[4:8] = struct.pack("<I", 0x7FFFF000)
    wav[40:44] = struct.pack("<I", 0x7FFFF000)
    assert audio.parse_wav(bytes(wav)).pcm == speech.pcm


@pytest.mark.parametrize(
    "data",
    [
        b"", b"RIFF", b"RIFF\x00\x00\x00\x00WAVE", b"OggS" + b"\x00" * 40,
        b"RIFF\xff\xff\xff\xffWAVEdata",
        # fmt chunk announcing stereo, 8-bit and float
        WAV.replace(b"\x01\x00\x01\x00", b"\x01\x00\x02\x00", 1),
        WAV.replace(b"\x10\x00data", b"\x08\x00data", 1),
        WAV.replace(b"\x01\x00\x01\x00", b"\x03\x00\x01\x00", 1),
        # truncated fmt, data before fmt, a chunk size pointing far past the end
        b"RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00",
        b"RIFF\x00\x00\x00\x00WAVEdata\x02\x00\x00\x00\x00\x00",
        b"RIFF\x00\x00\x00\x00WAVELIST\xff\xff\xff\x7f" + b"\x00" * 20,
    ],
)
def test_hostile_wav_is_a_synthesis_error(data):
    with pytest.raises(SynthesisError):
        audio.parse_wav(data)


def test_join_inserts_pauses_and_keeps_the_end_short():
    a, b = tone(0.5), tone(0.25)
    joined = audio.join([(a, 600), (b, 900)])
    assert joined.duration == pytest.approx(0.5 + 0.6 + 0.25 + 0.3)


def test_join_refuses_mixed_rates():
    with pytest.raises(SynthesisError):
        audio.join([(tone(0.1, 16000), 100), (tone(0.1, 22050), 100)])


def test_opus_and_mp3_are_real_files():
    speech = tone(1.0)
    opus = audio.encode(speech, "opus", title="سرخی")
    assert opus.startswith(b"OggS") and b"OpusHead" in opus[:200]
    mp3 = audio.encode(speech, "mp3")
    assert mp3[:2] == b"\xff\xf3" or mp3[:2] == b"\xff\xf2" or mp3[:3] == b"ID3"


def test_unknown_format_is_refused():
    with pytest.raises(SynthesisError):
        audio.encode(tone(0.1), "wma")
