"""Listen speed: how long a story sounds, how fast it is spoken, how fast it is made.

For the project's own ~254-word Urdu story (below, written for this bench) and, when
/work/shared/seed/seed.ninjs.json exists, the seed story (read from there; nothing else is
read from /work/shared), prints:

- audio duration and words per minute of speech (source words / spoken minutes);
- synthesis speed as a multiple of real time for the whole pipeline (prepare text →
  espeak-ng per segment → pauses → Opus + MP3), target ≥ 20×, and per stage;
- the naive reference in the same run: one espeak-ng call on the raw, unprepared text,
  WAV only — its time (ratio to the pipeline) and how much speech it loses (Urdu digits
  are silent, years read as "hamza", etc.);
- batch throughput: --batch stories (default 200, variants of both texts) voiced with 1
  worker and with one worker per CPU, measured, then given per 1,000 stories.

    .venv/bin/python bench/listen.py [--batch 200] [--repeat 3]

No database: the same functions the pipeline calls (akhbar.text.speech.prepare,
EspeakSynthesizer, akhbar.listen.audio), without storing files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")

from akhbar.listen import audio  # noqa: E402
from akhbar.listen.engines.espeak import EspeakSynthesizer  # noqa: E402
from akhbar.text import normalize, word_count  # noqa: E402
from akhbar.text.speech import Script, prepare  # noqa: E402

SEED = Path("/work/shared/seed/seed.ninjs.json")

HEADLINE = "ملک میں گندم کی ریکارڈ پیداوار، حکومت نے کسانوں کے لیے نئی امدادی قیمت کا اعلان کر دیا"
STANDFIRST = (
    "وفاقی وزیر خوراک کے مطابق اس سال گندم کی پیداوار 3 کروڑ 10 لاکھ ٹن تک پہنچ گئی ہے،"
    " جو پچھلے سال سے 7.4% زیادہ ہے"
)
BODY = [
    "اسلام آباد میں منگل کے روز ایک پریس کانفرنس سے خطاب کرتے ہوئے وفاقی وزیر نے بتایا کہ"
    " بروقت بارشوں، بہتر بیج اور کھاد کی فراہمی کی وجہ سے پنجاب اور سندھ میں فصل"
    " توقع سے بہتر رہی۔ ان کا کہنا تھا کہ حکومت نے گندم کی امدادی قیمت Rs. 4,000 فی من"
    " مقرر کی ہے تاکہ کسانوں کو ان کی محنت کا پورا معاوضہ مل سکے۔",
    "وزیر نے کہا کہ گوداموں میں ذخیرہ کرنے کی گنجائش بڑھانے کے لیے 1,50,000 ٹن کے"
    " نئے گودام تعمیر کیے جا رہے ہیں، جن پر 12 ارب روپے لاگت آئے گی۔ یہ منصوبہ"
    " 2026ء کے آخر تک مکمل ہو گا۔",
    "زرعی ماہرین نے اس فیصلے کا خیر مقدم کیا ہے، تاہم ان کا کہنا ہے کہ پانی کی کمی اب بھی"
    " ایک بڑا مسئلہ ہے۔ ماہر معیشت ڈاکٹر عائشہ ملک نے بتایا کہ IMF اور"
    " عالمی بینک نے زرعی شعبے میں سرمایہ کاری بڑھانے کی سفارش کی ہے۔",
    "ایک کسان محمد اسلم نے بتایا کہ ان کے گاؤں میں فی ایکڑ پیداوار 45 من رہی، جو پچھلے"
    " سال صرف 38 من تھی۔",
    "حکام کا کہنا ہے کہ گندم کی خریداری 15 اپریل سے شروع ہو گی۔ شکایات کے لیے ہیلپ لائن"
    " صبح 8:00 سے شام 6:00 بجے تک کھلی رہے گی۔",
]


def seed_story() -> tuple[str, str, list[str]] | None:
    """Headline, standfirst and paragraphs of the seed ninjs document, if present."""
    if not SEED.is_file():
        return None
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    html = next(b["value"] for b in doc["bodies"] if b.get("contentType", "").endswith("html"))
    found = re.findall(r"<p>(.*?)</p>", html, re.S)
    paragraphs = [unescape(re.sub(r"<[^>]+>", " ", p)) for p in found]
    return (doc["headlines"][0]["value"], doc["descriptions"][0]["value"],
            [normalize(p) for p in paragraphs if p.strip()])


def source_words(story: tuple[str, str, list[str]]) -> int:
    headline, standfirst, body = story
    return word_count(" ".join([headline, standfirst, *body]))


def cpu() -> float:
    """CPU seconds of this process and its finished children (espeak-ng, opusenc).

    The machine may be shared; CPU time is what a story costs whatever else runs.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def voice(engine: EspeakSynthesizer, story: tuple[str, str, list[str]]) -> dict:
    """One story through the pipeline's steps, timed per stage (wall and CPU)."""
    c0, t0 = cpu(), time.perf_counter()
    script: Script = prepare(*story)
    t1 = time.perf_counter()
    speech = audio.join((engine.synthesize(s.text, "ur"), s.pause_ms) for s in script.segments)
    c2, t2 = cpu(), time.perf_counter()
    opus = audio.encode_opus(speech)
    c3, t3 = cpu(), time.perf_counter()
    mp3 = audio.encode_mp3(speech)
    c4, t4 = cpu(), time.perf_counter()
    return {"prepare": t1 - t0, "synth": t2 - t1, "opus": t3 - t2, "mp3": t4 - t3,
            "total": t4 - t0, "cpu_synth": c2 - c0, "cpu_opus": c3 - c2, "cpu_mp3": c4 - c3,
            "cpu": c4 - c0, "duration": speech.duration, "opus_bytes": len(opus),
            "mp3_bytes": len(mp3), "spoken_words": len(script.text.split())}


def naive(engine: EspeakSynthesizer, story: tuple[str, str, list[str]]) -> dict:
    """The reference: raw text, one espeak-ng call, no preparation, no encoding."""
    text = "\n\n".join([story[0], story[1], *story[2]])
    c0, t0 = cpu(), time.perf_counter()
    speech = engine.synthesize(text, "ur")
    return {"total": time.perf_counter() - t0, "cpu": cpu() - c0, "duration": speech.duration}


def median_runs(fn, repeat: int) -> dict:
    runs = [fn() for _ in range(repeat)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def report(name: str, engine: EspeakSynthesizer, story, repeat: int) -> dict:
    words = source_words(story)
    got = median_runs(lambda: voice(engine, story), repeat)
    ref = median_runs(lambda: naive(engine, story), repeat)
    dur, total = got["duration"], got["total"]
    ms = {k: got[k] * 1000 for k in ("prepare", "synth", "opus", "mp3", "total")}
    print(f"\n== {name}: {words} words (source), {got['spoken_words']:.0f} words spoken")
    print(f"audio duration     {dur:7.1f} s ({dur / 60:.2f} min)")
    print(f"speech rate        {words / (dur / 60):7.1f} words/min (source words)")
    print(f"pipeline time      {ms['total']:7.0f} ms = {dur / total:.1f}x real time (prepare"
          f" {ms['prepare']:.1f} ms, espeak-ng {ms['synth']:.0f} ms, opus {ms['opus']:.0f} ms,"
          f" mp3 {ms['mp3']:.0f} ms)")
    print(f"pipeline CPU       {got['cpu'] * 1000:7.0f} ms = {dur / got['cpu']:.1f}x real time"
          f" per CPU (espeak-ng+prepare {got['cpu_synth'] * 1000:.0f} ms, opus"
          f" {got['cpu_opus'] * 1000:.0f} ms, mp3 {got['cpu_mp3'] * 1000:.0f} ms)")
    print(f"synthesis only     {dur / got['synth']:7.1f}x real time (wall)")
    print(f"files              opus {got['opus_bytes'] / 1024:.0f} KiB,"
          f" mp3 {got['mp3_bytes'] / 1024:.0f} KiB")
    naive_x = ref["duration"] / ref["total"]
    print(f"naive reference    {ref['total'] * 1000:7.0f} ms = {naive_x:.1f}x real time for"
          f" {ref['duration']:.1f} s of audio (CPU {ref['cpu'] * 1000:.0f} ms); pipeline/naive:"
          f" wall {total / ref['total']:.2f}, CPU {got['cpu'] / ref['cpu']:.2f},"
          f" audio {dur / ref['duration']:.2f}x as long")
    return got


def batch(engine: EspeakSynthesizer, stories: list, workers: int) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, audio seconds) to voice every story with ``workers``."""
    c0, t0 = cpu(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda s: voice(engine, s), stories))
    return time.perf_counter() - t0, cpu() - c0, sum(r["duration"] for r in results)


def variants(bases: list, n: int) -> list:
    """n different stories: paragraphs rotated and trimmed so no two are the same text."""
    out = []
    for i in range(n):
        headline, standfirst, body = bases[i % len(bases)]
        k = i % len(body)
        out.append((f"{headline} {i}", standfirst, body[k:] + body[:k]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = EspeakSynthesizer()
    print(f"engine: {engine.name}; CPUs: {os.cpu_count()};"
          f" load average {os.getloadavg()[0]:.1f}")
    own = (HEADLINE, STANDFIRST, BODY)
    bases = [own]
    report("own story (bench/listen.py)", engine, own, args.repeat)
    seed = seed_story()
    if seed:
        report("seed story (/work/shared/seed)", engine, seed, args.repeat)
        bases.append(seed)
    stories = variants(bases, args.batch)
    print(f"\n== batch of {len(stories)} stories")
    for workers in sorted({1, os.cpu_count() or 1}):
        wall, used, spoken = batch(engine, stories, workers)
        n = len(stories)
        print(f"{workers} worker(s): {wall:6.1f} s wall, {used:.1f} s CPU for {spoken / 3600:.2f} h"
              f" of audio = {spoken / wall:.1f}x real time (wall), {spoken / used:.1f}x per CPU;"
              f" per 1,000 stories: {1000 * wall / n / 60:.1f} min wall,"
              f" {1000 * used / n / 60:.1f} CPU-min")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
