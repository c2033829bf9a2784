"""`akhbar listen`: voices live stories with a progress bar, reports failures."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from akhbar.listen.models import Recording

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("listen", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_all_voices_every_live_story_once(make_story, tone_engine):
    live = [make_story(headline=f"خبر {i}") for i in range(3)]
    draft = make_story(headline="مسودہ", publish=False)
    out, err = run("--all")
    assert "3 stories: 3 ready" in out
    assert "listen" in err and "3/3" in err  # the tqdm progress bar
    assert Recording.objects.filter(status="ready").count() == 3
    assert not Recording.objects.filter(article=draft).exists()
    calls = len(tone_engine.calls)
    run("--all")
    assert len(tone_engine.calls) == calls  # unchanged: not synthesized again
    run("--all", "--force")
    assert len(tone_engine.calls) == 2 * calls
    run(str(live[0].pk), "--force")
    assert len(tone_engine.calls) == 2 * calls + calls // 3


def test_missing_only(make_story, tone_engine):
    from akhbar.listen import pipeline

    done = make_story(headline="ہو چکی")
    pipeline.voice(done)
    make_story(headline="باقی ہے")
    out, _ = run("--missing")
    assert out.startswith("1 stories")


def test_failures_are_listed_and_fail_the_command(make_story, broken_engine):
    page = make_story()
    with pytest.raises(CommandError, match="1 stories could not be voiced"):
        run("--all")
    assert Recording.objects.get(article=page).status == "failed"


def test_needs_a_selection(db):
    with pytest.raises(CommandError):
        run()
