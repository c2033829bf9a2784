"""Speech engines, with the real espeak-ng: every engine passes one contract; speech is audible."""

from __future__ import annotations

import pytest

from akhbar.listen import audio
from akhbar.listen.engines import ENGINES, Speech, SynthesisError, Synthesizer, get_engine
from akhbar.listen.engines.espeak import EspeakSynthesizer
from akhbar.text.speech import prepare, speakable

STORY = (
    "کراچی میں بارش کے بعد شہر کی سڑکیں پانی میں ڈوب گئیں",
    "محکمہ موسمیات نے مزید بارش کی پیش گوئی کی ہے",
    [
        "شہر کے کئی علاقوں میں بجلی کی فراہمی معطل رہی اور شہریوں کو سخت مشکلات کا سامنا کرنا پڑا۔",
        "انتظامیہ کا کہنا ہے کہ نکاسی آب کا کام رات بھر جاری رہے گا"
        " اور صبح تک سڑکیں کھول دی جائیں گی۔",
    ],
)


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_registered_engine_speaks_urdu(name, sound):
    engine = get_engine(name)
    assert isinstance(engine, Synthesizer)
    assert engine.name
    speech = engine.synthesize("آج موسم خوشگوار ہے۔", "ur")
    assert isinstance(speech, Speech)
    assert speech.sample_rate >= 8000
    assert 0.5 < speech.duration < 10
    assert sound.rms(speech.pcm) > 300


def test_engine_is_chosen_by_setting(settings):
    settings.AKHBAR_SPEECH_ENGINE = "espeak"
    assert isinstance(get_engine(), EspeakSynthesizer)
    settings.AKHBAR_SPEECH_ENGINE = "akhbar.listen.engines.espeak.EspeakSynthesizer"
    assert isinstance(get_engine(), EspeakSynthesizer)


@pytest.mark.parametrize(
    "bad", ["no-such-engine", "akhbar.listen.engines.nothing.Engine", "os.path"]
)
def test_unknown_engine_is_a_synthesis_error(settings, bad):
    settings.AKHBAR_SPEECH_ENGINE = bad
    with pytest.raises(SynthesisError):
        get_engine()


def test_espeak_name_carries_version_and_rate():
    name = EspeakSynthesizer(rate=150).name
    assert name.startswith("espeak-ng ") and "150wpm" in name and "unknown" not in name


def test_story_is_non_silent_speech_of_plausible_length(tmp_path, sound):
    script = prepare(*STORY)
    engine = get_engine("espeak")
    speech = audio.join((engine.synthesize(s.text, "ur"), s.pause_ms) for s in script.segments)
    words = sum(len(s.text.split()) for s in script.segments)
    # Decode what readers get, not what went into the encoder.
    decoded = sound.decode_opus(audio.encode_opus(speech), tmp_path)
    assert abs(decoded.duration - speech.duration) < 0.2
    wpm = words / (decoded.duration / 60)
    assert 90 < wpm < 220, (words, decoded.duration)
    assert sound.rms(decoded.pcm) > 500
    voiced = sound.voiced_seconds(decoded)
    assert voiced > 0.5 * decoded.duration  # mostly speech, with pauses between
    assert voiced < 0.98 * decoded.duration  # and real pauses, not a drone


def test_mp3_is_a_whole_stream_of_the_same_length(sound):
    speech = get_engine("espeak").synthesize("یہ ایک مختصر جملہ ہے۔", "ur")
    data = audio.encode_mp3(speech)
    frames = sound.mp3_frames(data)
    assert frames.end == len(data)
    assert frames.rate == speech.sample_rate
    assert abs(frames.duration - speech.duration) < 0.15


def test_a_number_is_audible_once_spelled_out(sound):
    engine = get_engine("espeak")
    without = engine.synthesize("قیمت ہے۔", "ur")
    raw_digits = engine.synthesize("قیمت ۲۰۲۵ ہے۔", "ur")
    spelled_text, _ = speakable("قیمت ۲۰۲۵ ہے۔")
    spelled = engine.synthesize(spelled_text, "ur")
    # espeak-ng says nothing for Urdu digits; the spelled number adds about a second of voice.
    assert sound.voiced_seconds(raw_digits) < sound.voiced_seconds(without) + 0.3
    assert sound.voiced_seconds(spelled) > sound.voiced_seconds(without) + 0.6


@pytest.mark.parametrize(
    "text", ["--help", "-v en hello", "\x00\x01۔", "<speak>x</speak>", "'; rm -rf /"]
)
def test_text_is_never_read_as_options(text):
    speech = get_engine("espeak").synthesize(text, "ur")
    assert speech.duration < 5


def test_overlong_text_is_refused():
    with pytest.raises(SynthesisError):
        get_engine("espeak").synthesize("ا" * 50_000, "ur")


def test_unknown_language_falls_back_to_urdu_voice(sound):
    speech = get_engine("espeak").synthesize("سلام", "xx-YY")
    assert sound.rms(speech.pcm) > 300
