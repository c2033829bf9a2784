"""Real `akhbar worker` processes on one queue: no task twice, and a SIGKILL'd task runs again.

Each test gets its own AKHBAR_HOME (a migrated SQLite database copied from a template),
or its own PostgreSQL database when DATABASE_URL is set; tasks are queued and results
read through `akhbar shell`, so the workers and the test share nothing but the database.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CHECKOUT = Path(__file__).resolve().parents[2]
AKHBAR = Path(sys.executable).parent / "akhbar"
FIXTURES = CHECKOUT / "tests" / "wire" / "fixtures"
WORD_TEXT = ("بارش سیلاب دریا کشتی بندرگاہ پانی بجلی گیس تیل گندم کپاس چاول بازار قیمت مہنگائی "
         "اسکول کالج جامعہ طالب علم امتحان ہسپتال ڈاکٹر دوا سڑک پل ریل جہاز ہوائی اڈہ شہر "
         "گاؤں کسان مزدور عدالت جج وکیل پولیس تھانہ اسمبلی وزیر بجٹ ٹیکس برآمد درآمد کرکٹ "
         "ہاکی میچ کھلاڑی ٹیم فلم گیت کتاب شاعر موسم سردی گرمی برف پہاڑ صحرا ساحل جنگل")


def base_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")}
    env.update(AKHBAR_HOME=str(home), AKHBAR_TASKS="database", PYTHONPATH=str(CHECKOUT),
               AKHBAR_LISTEN_ON_PUBLISH="0", **extra)
    return env


def shell(env: dict[str, str], code: str, timeout: float = 300):
    """Run Python in an `akhbar shell`; the last line it prints is read back as JSON."""
    done = subprocess.run([str(AKHBAR), "shell", "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def start_worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(AKHBAR), "worker", "--interval", "0.1", "--verbosity", "0", *extra], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A migrated SQLite home, copied by each test (migrating takes a while)."""
    home = tmp_path_factory.mktemp("template-home")
    done = subprocess.run([str(AKHBAR), "migrate", "--noinput"], env=base_env(home),
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return home


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def queue_env(request, migrated, tmp_path):
    """Environment of a fresh newsroom on SQLite or on a throwaway PostgreSQL database."""
    home = tmp_path / "home"
    home.mkdir()
    if request.param == "sqlite":
        shutil.copy(migrated / "akhbar.sqlite3", home / "akhbar.sqlite3")
        (home / "secret.key").write_text((migrated / "secret.key").read_text())
        yield base_env(home)
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    import psycopg

    name = f"akhbar_workers_{uuid.uuid4().hex[:10]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = base_env(home, DATABASE_URL=url.rsplit("/", 1)[0] + "/" + name)
    done = subprocess.run([str(AKHBAR), "migrate", "--noinput"], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    yield env
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


TASK_STATES = """
import json
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.values_list("task_path", "status", "worker_ids")
print(json.dumps([[p.rsplit(".", 1)[-1], s, w] for p, s, w in rows]))
"""


def test_several_workers_never_run_a_task_twice(queue_env, tmp_path):
    log = tmp_path / "ran.log"
    total = 60
    shell(queue_env, f"""
from tests.production.jobs import mark
for n in range({total}):
    mark.enqueue(n, {str(log)!r})
print(1)
""")
    workers = [start_worker(queue_env, "--batch") for _ in range(3)]
    try:
        for w in workers:
            w.wait(timeout=240)
    finally:
        for w in workers:
            kill(w)
    for w in workers:
        assert w.returncode == 0, w.stderr.read().decode()[-2000:]
    lines = log.read_text().split("\n")
    ran = Counter(int(line.split()[0]) for line in lines if line)
    assert sorted(ran) == list(range(total))
    assert max(ran.values()) == 1, [n for n, c in ran.items() if c > 1]
    pids = {line.split()[1] for line in lines if line}
    assert len(pids) >= 2, "only one worker took tasks; the test proved nothing"
    states = shell(queue_env, TASK_STATES)
    assert {s for _, s, _ in states} == {"SUCCESSFUL"} and len(states) == total
    assert all(len(w) == 1 for _, _, w in states)


def setup_story(env: dict[str, str], wire: Path) -> None:
    shell(env, f"""
from pathlib import Path
from akhbar.newsroom.editions import ensure_edition
from akhbar.wire.ingest import ingest_file
ensure_edition("ur")
ingest_file(Path({str(wire / "port-story-3x.json")!r}))
print(1)
""")


def test_killed_worker_speech_task_runs_again_once(queue_env, tmp_path, wire_dir):
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**queue_env, "AKHBAR_SPEECH_ENGINE": "tests.production.jobs.SlowVoice",
           "AKHBAR_TEST_MARKS": str(marks), "AKHBAR_LISTEN_ON_PUBLISH": "1"}
    setup_story(env, wire_dir)
    first = start_worker(env)
    try:
        wait_for((marks / "speaking").exists, 120, "the first worker to start speaking")
    finally:
        kill(first)
    states = shell(env, TASK_STATES)
    assert ["voice_story", "RUNNING"] in [s[:2] for s in states]  # stuck without recovery

    second = start_worker(env, "--batch")
    try:
        second.wait(timeout=240)
    finally:
        kill(second)
    assert second.returncode == 0, second.stderr.read().decode()[-2000:]
    assert list(marks.glob(f"spoke-{second.pid}")), "the second worker spoke the story"
    states = shell(env, TASK_STATES)
    (voice,) = [s for s in states if s[0] == "voice_story"]
    assert voice[1] == "SUCCESSFUL" and len(voice[2]) == 2  # claimed by both, run once more
    result = shell(env, """
import json
from akhbar.listen.models import Recording
print(json.dumps([[r.status, r.mp3.name, r.opus.name] for r in Recording.objects.all()]))
""")
    assert len(result) == 1 and result[0][0] == "ready"
    media = Path(env["AKHBAR_HOME"]) / "media" / "listen"
    assert sorted(p.suffix for p in media.iterdir()) == [".mp3", ".opus"]


def test_killed_worker_wire_poll_runs_again_and_each_story_exists_once(queue_env, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    shutil.copy(FIXTURES.parent / "fixtures" / "port-story-3x.json", tmp_path / "story.json")
    doc = json.loads((tmp_path / "story.json").read_text())
    doc.pop("associations", None)  # no picture: each document is one story
    count = 40
    for n in range(count):
        # Different words in each story, so the desk's near-duplicate check keeps them all.
        words = random.Random(n).choices(WORD_TEXT.split(), k=60)
        doc["uri"] = f"urn:akhbar:test:worker-kill:{n}"
        doc["headlines"][0]["value"] = " ".join(words[:8])
        doc["descriptions"][0]["value"] = " ".join(words[8:20])
        doc["bodies"][0]["value"] = f"<p>{' '.join(words[20:])}۔</p>"
        (drop / f"story-{n:03d}.json").write_text(json.dumps(doc, ensure_ascii=False))
    shell(queue_env, f"""
from akhbar.newsroom.editions import ensure_edition
from akhbar.wire.models import WireSource
from akhbar.wire.tasks import poll
ensure_edition("ur")
WireSource.objects.create(name="drop", kind="folder", location={str(drop)!r}, rule="publish")
poll.enqueue(True)
print(1)
""")
    stories = """
import json
from akhbar.newsroom.models import ArticlePage
print(json.dumps(list(ArticlePage.objects.filter(uri__startswith="urn:akhbar:test:worker-kill")
                      .values_list("uri", flat=True))))
"""
    first = start_worker(queue_env)
    left = lambda: len(list(drop.glob("story-*.json")))  # noqa: E731 - settled files move away
    try:
        wait_for(lambda: left() <= count - 3, 180, "the first worker to take in a few stories")
    finally:
        kill(first)
    assert left() > 0, "the poll finished before the kill; the test proved nothing"
    assert ["poll", "RUNNING"] in [s[:2] for s in shell(queue_env, TASK_STATES)]

    second = start_worker(queue_env, "--batch")
    try:
        second.wait(timeout=300)
    finally:
        kill(second)
    assert second.returncode == 0, second.stderr.read().decode()[-2000:]
    uris = shell(queue_env, stories)
    assert sorted(uris) == sorted(f"urn:akhbar:test:worker-kill:{n}" for n in range(count))
    (poll,) = [s for s in shell(queue_env, TASK_STATES) if s[0] == "poll"]
    assert poll[1] == "SUCCESSFUL" and len(poll[2]) == 2


@pytest.mark.django_db
def test_audio_left_by_a_killed_run_is_replaced_not_duplicated(story, settings, tmp_path):
    """A worker killed after writing the audio but before committing leaves a file behind;
    the rerun writes the same name again and the story still has one file per format."""
    from django.core.files.storage import default_storage

    from akhbar.listen import pipeline
    from akhbar.listen.engines import get_engine
    from akhbar.listen.models import Recording, lexicon

    settings.AKHBAR_SPEECH_ENGINE = "tests.production.jobs.FastVoice"
    # a media folder of its own: page ids come back after rolled-back tests, and earlier
    # tests' audio for the same id would look like duplicates
    settings.MEDIA_ROOT = tmp_path
    words = lexicon()
    script = pipeline.script_for(story, words)
    digest = pipeline.content_hash(script, get_engine().name, story.language, words,
                                   pipeline.formats())
    left = {f"listen/{story.pk}-{digest[:12]}.{fmt}" for fmt in pipeline.formats()}
    for name in left:
        default_storage.save(name, io.BytesIO(b"half-written"))
    rec = pipeline.voice(story)
    assert rec.status == Recording.Status.READY
    stored = sorted(p.name for p in (tmp_path / "listen").iterdir())
    assert stored == sorted(Path(n).name for n in left)
    assert all(default_storage.size(n) > 100 for n in left)
