"""The speech pipeline's logic with a tiny in-test engine: publish → audio, hashes, failures."""

from __future__ import annotations

import pytest

from akhbar.listen import pipeline
from akhbar.listen.models import PronunciationEntry, Recording
from akhbar.listen.tasks import voice_story
from akhbar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def publish(page: ArticlePage, capture, **changes) -> ArticlePage:
    """Publish a new revision of ``page`` with ``changes``, running on-commit work."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def recording(page: ArticlePage) -> Recording:
    return Recording.objects.get(article_id=page.pk)


def test_publishing_voices_the_story_in_reading_order(make_story, tone_engine,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_story(headline="سرخی یہاں", standfirst="خلاصہ یہاں",
                          paragraphs=("پہلا پیرا۔", "دوسرا پیرا۔"))
    rec = recording(page)
    assert rec.status == Recording.Status.READY
    assert tone_engine.calls == ["سرخی یہاں۔", "خلاصہ یہاں۔", "پہلا پیرا۔", "دوسرا پیرا۔"]
    assert rec.opus.name.endswith(".opus") and rec.mp3.name.endswith(".mp3")
    assert rec.opus.storage.exists(rec.opus.name) and rec.mp3.storage.exists(rec.mp3.name)
    assert rec.opus_bytes == rec.opus.size and rec.mp3_bytes == rec.mp3.size
    assert rec.duration_seconds > 1
    assert rec.words == 8 and rec.engine == "tone-1"


def test_publish_without_commit_work_does_not_voice(make_story, tone_engine):
    page = make_story()  # the test transaction never commits: nothing is queued
    assert not Recording.objects.filter(article_id=page.pk).exists()
    assert tone_engine.calls == []


def test_unchanged_text_is_not_synthesized_again(make_story, tone_engine,
                                                 django_capture_on_commit_callbacks):
    page = make_story()
    pipeline.voice(page)
    calls = len(tone_engine.calls)
    first = recording(page)
    page = publish(page, django_capture_on_commit_callbacks, search_description="نیا خلاصہ")
    assert len(tone_engine.calls) == calls
    assert pipeline.voice(page).content_hash == first.content_hash
    assert len(tone_engine.calls) == calls
    assert recording(page).opus.name == first.opus.name


@pytest.mark.parametrize(
    "change",
    [
        {"headline": "بدلی ہوئی سرخی"},
        {"standfirst": "بدلا ہوا خلاصہ"},
        {"body": [("paragraph", "<p>نیا متن آ گیا ہے۔</p>")]},
    ],
)
def test_changed_text_is_voiced_again_and_old_audio_removed(make_story, tone_engine, change,
                                                            django_capture_on_commit_callbacks):
    page = make_story()
    old = pipeline.voice(page)
    old_names = (old.opus.name, old.mp3.name)
    page = publish(page, django_capture_on_commit_callbacks, **change)
    new = recording(page)
    assert new.status == Recording.Status.READY
    assert new.content_hash != old.content_hash
    assert (new.opus.name, new.mp3.name) != old_names
    assert not any(new.opus.storage.exists(name) for name in old_names)


def test_changing_the_engine_changes_the_hash(make_story, tone_engine, settings):
    page = make_story()
    first = pipeline.voice(page)

    class OtherVoice(tone_engine):
        name = "tone-2"

    settings.AKHBAR_SPEECH_ENGINE = OtherVoice
    assert pipeline.needs_voice(page)
    assert pipeline.voice(page).content_hash != first.content_hash


def test_failing_engine_never_blocks_or_undoes_publishing(make_story, broken_engine, client,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_story()
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes is False
    rec = recording(page)
    assert rec.status == Recording.Status.FAILED
    assert "the voice is down" in rec.error
    # retried a bounded number of times (the immediate backend runs each retry at once)
    assert rec.attempts == pipeline.MAX_ATTEMPTS == broken_engine.calls
    response = client.get(page.url)
    assert response.status_code == 200
    assert "data-listen" not in response.content.decode()


def test_given_up_story_is_not_retried_until_its_text_changes(make_story, broken_engine,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_story()
    voice_story.enqueue(page.pk)
    assert broken_engine.calls == pipeline.MAX_ATTEMPTS
    publish(page, django_capture_on_commit_callbacks, headline="نئی سرخی")
    assert broken_engine.calls == 2 * pipeline.MAX_ATTEMPTS


def test_failed_story_recovers_when_the_engine_is_back(make_story, flaky_engine,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_story()
    assert recording(page).status == Recording.Status.FAILED
    flaky_engine.down = False
    assert pipeline.voice(page).status == Recording.Status.FAILED  # retries used up
    rec = pipeline.voice(page, retry_failed=True)  # what `akhbar listen` does
    assert rec.status == Recording.Status.READY and rec.attempts == 1 and not rec.error


def test_engine_missing_is_recorded_not_raised(make_story, settings):
    settings.AKHBAR_SPEECH_ENGINE = "no.such.Engine"
    rec = pipeline.voice(make_story())
    assert rec.status == Recording.Status.FAILED and "cannot be loaded" in rec.error


def test_story_with_nothing_to_say_is_empty(make_story, tone_engine):
    page = make_story(headline="—", standfirst="", paragraphs=())
    assert pipeline.voice(page).status == Recording.Status.EMPTY
    assert tone_engine.calls == []


def test_task_skips_stories_that_are_not_live(make_story, tone_engine):
    page = make_story(publish=False)
    assert voice_story.enqueue(page.pk).return_value == "not live"
    assert voice_story.enqueue(999_999).return_value == "not live"


def test_lexicon_entry_revoices_only_the_stories_that_use_it(make_story, tone_engine,
                                                             django_capture_on_commit_callbacks):
    uses = make_story(headline="شوئیگو کا دورہ")
    other = make_story(headline="بارش کا امکان")
    pipeline.voice(uses)
    pipeline.voice(other)
    before_other = recording(other).content_hash
    tone_engine.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = PronunciationEntry.objects.create(word="شوئیگو", spoken="شوئی گو")
    assert tone_engine.calls[0] == "شوئی گو کا دورہ۔"
    assert recording(uses).lexicon_words == ["شوئیگو"]
    assert recording(other).content_hash == before_other

    tone_engine.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry.spoken = "شوئی گُو"
        entry.save()
    assert tone_engine.calls[0] == "شوئی گُو کا دورہ۔"

    tone_engine.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert tone_engine.calls[0] == "شوئیگو کا دورہ۔"
    assert recording(uses).lexicon_words == []


def test_renamed_lexicon_entry_revoices_stories_with_the_old_word(
    make_story, tone_engine, django_capture_on_commit_callbacks
):
    entry = PronunciationEntry.objects.create(word="شوئیگو", spoken="شوئی گو")
    page = make_story(headline="شوئیگو کا دورہ")
    pipeline.voice(page)
    tone_engine.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry.word = "لاوروف"
        entry.save()
    assert tone_engine.calls[0] == "شوئیگو کا دورہ۔"


def test_lexicon_words_are_normalized_on_save(db):
    entry = PronunciationEntry.objects.create(word="  شوئيگو ", spoken="شوئی  گو")
    assert (entry.word, entry.spoken) == ("شوئیگو", "شوئی گو")


def test_voicing_on_publish_can_be_turned_off(make_story, tone_engine, settings,
                                              django_capture_on_commit_callbacks):
    settings.AKHBAR_LISTEN_ON_PUBLISH = False
    with django_capture_on_commit_callbacks(execute=True):
        page = make_story()
        PronunciationEntry.objects.create(word="گوادر", spoken="گوا در")
    assert not Recording.objects.filter(article_id=page.pk).exists()
    assert tone_engine.calls == []
