"""normalize() and fold(): each rule by example, plus property tests."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.text.compounds import COMPOUNDS, canonical_compounds
from akhbar.text.normalize import HARAKAT_RANGES, fold, normalize, strip_harakat

ALEF, ALEF_MADDA = "\u0627", "\u0622"
YEH, BARI_YEH, BARI_YEH_HAMZA = "\u06cc", "\u06d2", "\u06d3"
HEH_GOAL, DO_CHASHMI = "\u06c1", "\u06be"
HAMZA_ABOVE, MADDA_ABOVE = "\u0654", "\u0653"
ZWNJ = "\u200c"

# --- normalize: one test per rule -------------------------------------------------


def test_arabic_yeh_and_kaf_become_urdu_letters():
    typed_on_arabic_keyboard = "وزير اعلي نے نئے اسپتال کا افتتاح كيا"
    assert normalize(typed_on_arabic_keyboard) == "وزیر اعلی نے نئے اسپتال کا افتتاح کیا"


def test_alef_maksura_becomes_farsi_yeh():
    assert normalize("مصطفى") == "مصطفی"


def test_arabic_heh_becomes_heh_goal_but_do_chashmi_stays():
    assert normalize("شهر ميں بھائی") == "شہر میں بھائی"
    assert normalize(DO_CHASHMI) == DO_CHASHMI
    assert normalize("\u0647") == HEH_GOAL


def test_teh_marbuta_becomes_urdu_teh_marbuta_goal():
    assert normalize("زكوة") == "زکوۃ"


def test_presentation_forms_are_decomposed_and_folded():
    # ﻛ ﺘ ﺎ ﺏ: contextual glyph codes as copied out of a PDF
    assert normalize("\ufedb\ufe98\ufe8e\ufe8f") == "کتاب"


@pytest.mark.parametrize("form", ["\ufef3", "\ufef4", "\ufef1", "\ufef2"])
def test_presentation_yeh_is_yeh_not_bari_yeh(form):
    # urduhack maps the initial/medial forms to ے; they are Arabic yeh.
    assert normalize(form) == YEH


def test_presentation_ligatures():
    assert normalize("\ufdf2") == "اللہ"  # ﷲ
    assert normalize("\ufefb") == "لا"  # ﻻ lam-alef
    assert normalize("\ufdfa") == "\ufdfa"  # ﷺ stays a sign, not a phrase


def test_isolated_harakat_forms_lose_their_space():
    assert normalize("ب\ufe76") == "ب\u064e"


def test_decomposed_alef_madda_is_composed_by_nfc():
    assert normalize(ALEF + MADDA_ABOVE + "ج") == "آج"


def test_farsi_yeh_with_hamza_above_becomes_yeh_hamza():
    # NFC leaves U+06CC U+0654 alone; the rule composes it.
    assert unicodedata.normalize("NFC", YEH + HAMZA_ABOVE) == YEH + HAMZA_ABOVE
    assert normalize("ک" + YEH + HAMZA_ABOVE + "ی") == "کئی"


def test_heh_with_hamza_becomes_heh_goal_hamza():
    assert normalize("سلسله" + HAMZA_ABOVE) == "سلسلۂ"
    assert normalize("سلسلہ" + HAMZA_ABOVE) == "سلسلۂ"
    assert normalize("سلسلۀ") == "سلسلۂ"  # Persian ezafe heh


def test_tatweel_and_bom_are_removed():
    assert normalize("خبـــر\ufeff") == "خبر"


def test_whitespace_runs_collapse():
    text = "  لاہور\u00a0میں\u200b\u200bدھوپ \t\n نکلی\u2009 "
    assert normalize(text) == "لاہور میں دھوپ نکلی"


def test_distinct_urdu_letters_are_kept():
    sentence = "آج ہمارے گاؤں کے بچّے کھیل کے میدان گئے اور بھاگۓ"
    assert normalize(sentence) == sentence


def test_normalize_keeps_harakat_and_digits():
    assert normalize("کِتاب ۲۰۲۵ ٢٠") == "کِتاب ۲۰۲۵ ٢٠"


# --- fold ---------------------------------------------------------------------------


def test_fold_strips_harakat_and_superscript_alef():
    assert fold("وزیرِ اعلیٰ") == "وزیر اعلی"
    assert fold("مُلک کے بَڑے شہر") == "ملک کے بڑے شہر"


def test_fold_digits_become_ascii():
    assert fold("۱۴ اگست ١٩٤٧") == "14 اگست 1947"


def test_fold_removes_zwnj_and_bidi_marks():
    assert fold("نیم" + ZWNJ + "سرکاری") == "نیمسرکاری"
    assert fold("\u202bعدالت\u202c \u200fفیصلہ\u200e") == "عدالت فیصلہ"


def test_fold_casefolds_latin():
    assert fold("PTI اور PML-N") == "pti اور pml-n"


def test_fold_turkish_i_letters_meet_on_plain_i():
    # İ, I, i, ı and i + U+0307 (what casefold makes of İ) are one letter for search.
    assert fold("İzmir") == fold("izmir") == fold("Izmir") == fold("İZMİR") == "izmir"
    assert fold("i\u0307zmir") == fold("I\u0307zmir") == "izmir"
    assert fold("IŞIK") == fold("ışık") == fold("Işık") == "işik"
    assert fold("Kadıköy") == fold("KADIKÖY") == "kadiköy"
    assert "\u0307" not in fold("İSTANBUL İLİ") and "ı" not in fold("ılık")


def test_fold_drops_the_combining_dot_only_after_i():
    # Other letters keep U+0307: NFC composes most (ż), the rest are left as they are.
    assert fold("z\u0307") == "ż"
    assert fold("\u1e57") == "\u1e57"  # ṗ (p with dot above) stays
    assert fold("\u0131\u0307") == "i"  # ı + dot above is i, as for i + dot above


def test_fold_letter_variants_for_search():
    assert fold("عہدۂ صدارت") == fold("عہدہ صدارت")
    assert fold("وہ کل گۓ") == fold("وہ کل گئے") == "وہ کل گئے"
    assert fold("أحمد") == fold("احمد")
    assert fold("آج") == "آج"


def test_fold_keeps_distinct_letters():
    for letter in (ALEF_MADDA, BARI_YEH, DO_CHASHMI):
        assert fold(letter) == letter
    assert fold(BARI_YEH_HAMZA) == "\u0626" + BARI_YEH


def test_fold_matches_arabic_keyboard_and_diacritized_spellings():
    assert fold("وزير اعلي كا بيان") == fold("وزیرِ اعلیٰ کا بیان")


# --- compounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant", ["کیلئے", "کیلیے", "کےلئے", "کےلیے", "کے لئے", "کے لیئے", "کیلۓ"]
)
def test_ke_liye_variants_fold_together(variant):
    assert fold(variant) == fold("کے لیے") == "کے لیے"


def test_future_tense_is_written_apart():
    assert fold("کل بارش ہوگی") == "کل بارش ہو گی"
    assert fold("میچ ہوگا") == fold("میچ ہو گا")
    assert canonical_compounds("وہ آئیگا اور ہم جائینگے") == "وہ آئے گا اور ہم جائیں گے"
    assert canonical_compounds("سب ٹھیک ہونگے") == "سب ٹھیک ہوں گے"


def test_hogi_and_hogayi_stay_different():
    assert fold("ہوگی") == "ہو گی"
    assert fold("ہوگئی") == "ہو گئی"
    assert fold("ہوگی") != fold("ہوگئی")


@pytest.mark.parametrize("word", ["گئے", "لیگی", "یوگا", "انکار", "اسکول", "جوگی", "لیگ"])
def test_real_words_are_not_compounds(word):
    assert canonical_compounds(word) == word
    assert fold(word) == word


def test_compounds_replace_whole_words_only():
    assert canonical_compounds("اسکا، انکی؟ لئے۔") == "اس کا، ان کی؟ لیے۔"
    assert canonical_compounds("لئےگئے") == "لئےگئے"
    assert canonical_compounds("لئے" + ZWNJ) == "لیے" + ZWNJ


def test_compound_table_is_stable():
    canonical_words = {w for value in COMPOUNDS.values() for w in value.split()}
    assert not canonical_words & COMPOUNDS.keys()
    for variant, canonical in COMPOUNDS.items():
        assert " " not in variant
        assert normalize(variant) == variant
        assert canonical_compounds(canonical) == canonical


# --- properties ---------------------------------------------------------------------

URDU_SAFE = list("آےھۓئؤبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںو")  # one code point each
URDU_SAFE += [" ", ZWNJ, "۔", "،", "۱", "٢", "7"]
URDU_SAFE += [chr(c) for c in range(0x064B, 0x0653)]  # harakat that compose with nothing
URDU_VARIANTS = URDU_SAFE + [
    *"ایہيىكهةۀۂأإٱـ",
    "\u0653", "\u0654", "\u0670", "\u00a0", "\u200b", "\u200d", "\u200f", "\ufeff",
    "\ufef3", "\ufef4", "\ufedb", "\ufe76", "\ufdf2", "\ufdfa", "\ufc60",
]  # fmt: skip

urdu_text = st.text(alphabet=st.sampled_from(URDU_VARIANTS), max_size=60)
safe_text = st.text(alphabet=st.sampled_from(URDU_SAFE), max_size=60)
any_text = st.one_of(st.text(max_size=60), urdu_text)


def _is_harakat(char: str) -> bool:
    return any(start <= ord(char) <= end for start, end in HARAKAT_RANGES)


@settings(max_examples=400)
@given(any_text)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=400)
@given(any_text)
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@settings(max_examples=400)
@given(any_text)
def test_fold_ignores_prior_normalization(text):
    assert fold(normalize(text)) == fold(text)


@given(any_text)
def test_output_length_is_bounded(text):
    assert len(normalize(text)) <= 4 * len(text)
    assert len(fold(text)) <= 4 * len(text)


@given(any_text)
def test_fold_has_no_harakat_and_only_ascii_digits(text):
    folded = fold(text)
    assert not any(_is_harakat(c) for c in folded)
    assert not any("\u06f0" <= c <= "\u06f9" or "\u0660" <= c <= "\u0669" for c in folded)
    assert ZWNJ not in folded and "\u200f" not in folded


@given(safe_text)
def test_distinct_letters_survive_normalize(text):
    normalized = normalize(text)
    for letter in (ALEF_MADDA, BARI_YEH, DO_CHASHMI, BARI_YEH_HAMZA):
        assert normalized.count(letter) == text.count(letter)
    assert not {ALEF, YEH, HEH_GOAL} & set(normalized)


@given(safe_text)
def test_distinct_letters_survive_fold(text):
    folded = fold(text)
    assert folded.count(ALEF_MADDA) == text.count(ALEF_MADDA)
    assert folded.count(DO_CHASHMI) == text.count(DO_CHASHMI)
    assert folded.count(BARI_YEH) >= text.count(BARI_YEH) + text.count(BARI_YEH_HAMZA)


@given(urdu_text)
def test_strip_harakat_only_removes_marks(text):
    stripped = strip_harakat(text)
    assert not any(_is_harakat(c) for c in stripped)
    assert [c for c in text if not _is_harakat(c)] == list(stripped)
