"""The search evaluation set: Urdu queries over the demo stories, each with its story.

Each query is written the way a reader might type it, in a spelling the story itself
does NOT use (or with marks, digits or spacing the story lacks), and is labelled with the
variant class it exercises. ``bench/search_eval.py`` runs all of them for akhbar and for
plain FTS5 on the raw text; ``tests/search/test_recall.py`` asserts recall on them.
Stories are named by the two-digit prefix of their file in akhbar/newsroom/demo/stories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

ARABIC = "arabic letters ي ك ه ى"
HARAKAT = "harakat"
MADDA = "decomposed alef madda"
DIGITS = "urdu / ascii digits"
FOR = "کے لیے / کے لئے / کیلئے"
FUTURE = "ہوگا / ہو گا"
ZWNJ_CLASS = "zwnj"
SPACING = "joined / split words"
IZAFAT = "izafat hamza ۂ / zer"
LATIN = "latin case, mixed script"
PRESENTATION = "presentation forms, tatweel"
PLAIN = "plain"

ZWNJ = "\u200c"

QUERIES: list[tuple[str, str, str]] = [
    # Arabic-keyboard letters
    ("بلدياتي حكومت ترميمي بل", "01", ARABIC),
    ("كراچي ضمني انتخاب", "02", ARABIC),
    ("ايران سرحدي منڈياں", "03", ARABIC),
    ("سينيٹ كميٹي ڈيٹا تحفظ", "05", ARABIC),
    ("جننگ فيكٹريوں كپاس", "10", ARABIC),
    ("راولپنڈي ڈينگي", "21", ARABIC),
    ("جنگلى حيات ڈولفن", "35", ARABIC),
    ("پشاور كي كھلاڑي اسكواش", "14", ARABIC),
    ("شهري گھروں ميں رهنے كي هدايت اسموگ", "31", ARABIC),
    # harakat and superscript alef added by the reader, or present in the story
    ("پاکِسْتان سری لنکا سیریز", "12", HARAKAT),
    ("اُردُو کانفرنس", "26", HARAKAT),
    ("تمر کے جنگلات", "34", HARAKAT),
    ("کَثرت رائے بلدیاتی بل", "01", HARAKAT),
    ("پرامن پولنگ ضمنی", "02", HARAKAT),
    ("یوم اقبال تقاریب", "29", HARAKAT),
    ("روبوٹِک سَرجری", "23", HARAKAT),
    ("زیر آب کیبل خرابی", "20", HARAKAT),
    ("استثنیٰ ڈیٹا تحفظ", "05", HARAKAT),
    # alef madda typed as alef + madda sign
    ("\u0627\u0653رٹس کونسل کانفرنس", "26", MADDA),
    ("واک \u0627\u0653ؤٹ بلدیاتی", "01", MADDA),
    ("گلیشیئرز \u0627\u0653بادیوں", "18", MADDA),
    ("ٹرن \u0627\u0653ؤٹ ضمنی", "02", MADDA),
    # digits
    ("کپاس 18 فیصد", "10", DIGITS),
    ("ڈینگی ۱۴۶ کیسز", "21", DIGITS),
    ("مریض ۳٬۲۰۰", "21", DIGITS),
    ("پولیو 4 کروڑ 50 لاکھ بچوں", "22", DIGITS),
    ("شرح سود ۱۰٫۵ فیصد", "08", DIGITS),
    ("AQI ۴۰۰", "31", DIGITS),
    ("۶۱۲ ملین ڈالر اسپیکٹرم", "17", DIGITS),
    ("۱۵ سالہ کھلاڑی", "14", DIGITS),
    ("۷۰۰ MHz بینڈ", "17", DIGITS),
    ("ڈیلٹا تمر 10 سال", "34", DIGITS),
    # the postposition "for"
    ("ماڈلز کی تربیت کے لیے ڈیٹا", "19", FOR),
    ("اسکول ایک ہفتے کیلئے بند", "32", FOR),
    ("خواتین اور نوجوانوں کیلئے مخصوص نشستیں", "01", FOR),
    ("بچوں کے لئے قطرے پولیو", "22", FOR),
    ("تربیت کیلیے مفت ڈیٹا سیٹ", "19", FOR),
    # future tense written joined or split
    ("رپورٹ جمعرات کو جاری ہوگی", "09", FUTURE),
    ("میئر کا انتخاب ووٹ سے ہوگا", "01", FUTURE),
    ("ورکرز حصہ لینگے", "22", FUTURE),
    ("قسط جاری ہوگی IMF", "07", FUTURE),
    ("نظر ثانی کا فیصلہ کابینہ کی منظوری سے ہو گا", "24", FUTURE),
    # ZWNJ typed inside words
    (f"غیر{ZWNJ}سرکاری نتائج", "02", ZWNJ_CLASS),
    (f"سیٹ{ZWNJ}لائٹ مدار سپارکو", "16", ZWNJ_CLASS),
    (f"بین{ZWNJ}الاقوامی بینڈوتھ", "20", ZWNJ_CLASS),
    (f"خود{ZWNJ}مختار کمیشن", "05", ZWNJ_CLASS),
    # spacing: the reader joins what the story splits, or splits what it joins
    ("غیر یقینی صورت حال بلدیاتی", "01", SPACING),
    ("خودمختار کمیشن ڈیٹا", "05", SPACING),
    ("بینالاقوامی کیبل", "20", SPACING),
    ("قیمتوں پر نظر ثانی", "24", SPACING),
    ("دار الحکومت میئر", "01", SPACING),
    ("ٹرنآؤٹ ضمنی انتخاب", "02", SPACING),
    ("بیتبازی مقابلے", "29", SPACING),
    ("ترقییافتہ ممالک فنڈ", "33", SPACING),
    ("گلگتبلتستان کاریگر میلے", "30", SPACING),
    ("سریلنکا پہلا T20", "11", SPACING),
    # izafat hamza and zer
    ("محکمہ صحت لاروا", "21", IZAFAT),
    ("عالمی ادارہ صحت ٹی بی", "25", IZAFAT),
    ("شرح سود برقرار", "08", IZAFAT),
    ("انسداد پولیو مہم", "22", IZAFAT),
    ("شاعر مشرق یوم ولادت", "29", IZAFAT),
    ("اقوام متحدہ ماحولیاتی کانفرنس", "33", IZAFAT),
    # Latin letters in Urdu text, any case
    ("imf مشن اسلام آباد", "06", LATIN),
    ("nisar سیٹلائٹ گلیشیئرز", "18", LATIN),
    ("who رپورٹ ٹی بی", "25", LATIN),
    ("cop31 نقصان و تلافی", "33", LATIN),
    ("5g نیلامی", "17", LATIN),
    # presentation forms and tatweel (text pasted from PDFs)
    ("\ufea3\ufeee\ufbfe\ufee0\ufbfd \ufe91\ufea4\ufe8e\ufedf\ufbfd", "27", PRESENTATION),
    ("ڈولفـــن سروے", "35", PRESENTATION),
    # plain
    ("قذافی اسٹیڈیم نصف سنچری", "11", PLAIN),
    ("واپڈا پنالٹی شوٹ آؤٹ", "13", PLAIN),
    ("کینیا میراتھن قومی ریکارڈ", "15", PLAIN),
    ("ریت کا گھر قاہرہ فلم", "28", PLAIN),
    ("لوک ورثہ ٹرک آرٹ اجرک", "30", PLAIN),
    ("امریکا وسط مدتی انتخابات کانگریس", "04", PLAIN),
]
"""(query, story prefix, variant class)."""


def rank_of(expected: str, results: Sequence[str]) -> int | None:
    """1-based rank of the expected story among result ids (story prefixes), or None."""
    for rank, story in enumerate(results, start=1):
        if story == expected:
            return rank
    return None


def evaluate(run: Callable[[str], list[str]], queries=QUERIES, k: int = 10) -> dict:
    """recall@k, MRR (over the top k), hit@1 and the missed queries, for a search function."""
    hits, firsts, reciprocal, missed = 0, 0, 0.0, []
    per_class: dict[str, list[int]] = {}
    for text, expected, kind in queries:
        rank = rank_of(expected, run(text)[:k])
        per_class.setdefault(kind, [0, 0])[1] += 1
        if rank is not None:
            hits += 1
            reciprocal += 1.0 / rank
            firsts += rank == 1
            per_class[kind][0] += 1
        else:
            missed.append((text, expected, kind))
    n = len(queries)
    return {
        "queries": n,
        "recall": hits / n,
        "mrr": reciprocal / n,
        "hit1": firsts / n,
        "missed": missed,
        "per_class": {kind: (h, t) for kind, (h, t) in per_class.items()},
    }
