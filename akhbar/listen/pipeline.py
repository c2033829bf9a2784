"""From a published story to stored audio: prepare, hash, synthesize, encode, store.

``voice(article)`` is the whole job and is safe to call any number of times: when the
story's content hash (speech text + lexicon entries used + engine + formats) matches the
ready recording, nothing is synthesized. Failures never raise: they are written on the
``Recording`` (status failed, error, attempts) so the task layer can retry a bounded
number of times, and publishing is never touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from akhbar.listen import audio
from akhbar.listen.engines import SynthesisError, Synthesizer, get_engine
from akhbar.listen.models import Recording, lexicon
from akhbar.newsroom.models import ArticlePage
from akhbar.text import normalize
from akhbar.text.speech import Script, lexicon_pattern, prepare

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
_DONE = (Recording.Status.READY, Recording.Status.EMPTY)
MIN_SECONDS = 0.3  # less audio than this from a non-empty script means the engine failed


def formats() -> tuple[str, ...]:
    """The audio formats to make, from ``AKHBAR_LISTEN_FORMATS`` (default Opus and MP3)."""
    chosen = getattr(settings, "AKHBAR_LISTEN_FORMATS", None) or tuple(audio.FORMATS)
    return tuple(f for f in chosen if f in audio.FORMATS)


def script_for(article: ArticlePage, words: Mapping[str, str] | None = None) -> Script:
    """The story as it will be spoken: headline → standfirst → body, lexicon applied."""
    return prepare(article.headline, article.standfirst, article.paragraphs(),
                   lexicon() if words is None else words)


def content_hash(script: Script, engine_name: str, language: str,
                 words: Mapping[str, str], fmts: tuple[str, ...]) -> str:
    """SHA-256 of everything that decides how the audio sounds."""
    payload = {
        "engine": engine_name,
        "language": language,
        "formats": list(fmts),
        "segments": [[s.text, s.pause_ms] for s in script.segments],
        "lexicon": [[w, words[w]] for w in script.lexicon_used if w in words],
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def needs_voice(article: ArticlePage, engine: Synthesizer | None = None) -> bool:
    """True when the story's current text has no ready recording."""
    engine = engine or get_engine()
    words = lexicon()
    script = script_for(article, words)
    digest = content_hash(script, engine.name, article.language, words, formats())
    rec = Recording.objects.filter(article=article).first()
    return not (rec and rec.content_hash == digest and rec.status in _DONE)


def voice(article: ArticlePage, *, engine: Synthesizer | None = None,
          force: bool = False, retry_failed: bool = False) -> Recording:
    """Make sure ``article`` has audio for its current text; return its recording.

    ``force`` synthesizes even unchanged text; ``retry_failed`` tries again a story whose
    retries were used up (the ``listen`` command does, after an engine outage).
    """
    words = lexicon()
    script = script_for(article, words)
    fmts = formats()
    try:
        engine = engine or get_engine()
        engine_name = engine.name
    except SynthesisError as exc:
        engine, engine_name = None, f"unavailable: {exc}"
    digest = content_hash(script, engine_name, article.language, words, fmts)
    rec, _ = Recording.objects.get_or_create(article=article)
    given_up = (rec.status == Recording.Status.FAILED and rec.attempts >= MAX_ATTEMPTS
                and not retry_failed)
    if rec.content_hash == digest and not force and (rec.status in _DONE or given_up):
        return rec
    if rec.content_hash != digest or retry_failed:
        rec.attempts = 0
    rec.content_hash, rec.engine, rec.error = digest, engine_name, ""
    rec.status = Recording.Status.PENDING
    rec.attempts += 1
    rec.save(update_fields=["content_hash", "engine", "error", "status", "attempts", "updated"])
    if not script:
        _discard_files(rec)
        rec.status, rec.duration_seconds, rec.words = Recording.Status.EMPTY, 0, 0
        rec.save()
        return rec
    started = time.perf_counter()
    try:
        if engine is None:
            raise SynthesisError(engine_name)
        speech = audio.join(
            (engine.synthesize(seg.text, article.language), seg.pause_ms)
            for seg in script.segments
        )
        if speech.duration < MIN_SECONDS:
            raise SynthesisError(f"engine returned {speech.duration:.2f} s of audio")
        encoded = {f: audio.encode(speech, f, title=article.headline) for f in fmts}
    except Exception as exc:  # noqa: BLE001 - any engine failure is recorded, never raised
        logger.warning("speech synthesis failed for story %s: %s", article.pk, exc)
        rec.status, rec.error = Recording.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        rec.save(update_fields=["status", "error", "updated"])
        return rec
    return _store(rec, digest, speech, encoded, script, time.perf_counter() - started)


def _store(rec: Recording, digest: str, speech: audio.Speech, encoded: dict[str, bytes],
           script: Script, took: float) -> Recording:
    """Save the new files, then point the recording at them, then drop the old files."""
    with transaction.atomic():
        current = Recording.objects.select_for_update().get(pk=rec.pk)
        if current.content_hash != digest:
            # A newer version of the story was queued while this one was being spoken.
            return current
        old = [f.name for f in (current.opus, current.mp3) if f]
        for fmt in ("opus", "mp3"):
            field = getattr(current, fmt)
            data = encoded.get(fmt)
            if data is None:
                setattr(current, fmt, "")
                setattr(current, f"{fmt}_bytes", 0)
                continue
            name = f"{current.article_id}-{digest[:12]}.{fmt}"
            target = field.field.generate_filename(current, name)
            if target not in old and field.storage.exists(target):
                # Left by a worker killed between writing the file and committing: replace
                # it, or the rerun would store a second copy under a suffixed name.
                field.storage.delete(target)
            field.save(name, ContentFile(data), save=False)
            setattr(current, f"{fmt}_bytes", len(data))
        current.duration_seconds = round(speech.duration, 3)
        current.words = sum(len(s.text.split()) for s in script.segments)
        current.lexicon_words = list(script.lexicon_used)
        current.synthesis_seconds = round(took, 3)
        current.status, current.error = Recording.Status.READY, ""
        current.save()
        kept = {f.name for f in (current.opus, current.mp3) if f}
    for name in old:
        if name not in kept:
            current.opus.storage.delete(name)
    return current


def _discard_files(rec: Recording) -> None:
    for fmt in ("opus", "mp3"):
        field = getattr(rec, fmt)
        if field:
            field.storage.delete(field.name)
            setattr(rec, fmt, "")
            setattr(rec, f"{fmt}_bytes", 0)


def stories_using(words: set[str]) -> list[int]:
    """Ids of live stories whose text contains any of ``words`` (normalized, whole words)."""
    pattern = lexicon_pattern({w: w for w in words if w})
    if pattern is None:
        return []
    found = []
    live = ArticlePage.objects.live().only("id", "headline", "standfirst", "body")
    for article in live.iterator(chunk_size=200):
        text = normalize(" ".join([article.headline, article.standfirst, *article.paragraphs()]))
        if pattern.search(text):
            found.append(article.pk)
    return found
