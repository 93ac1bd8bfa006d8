"""sort_key against ICU's Vietnamese collation (Collator for Locale("vi")).

The expected orders in tests/data were made with real ICU by tests/data/make_icu_vi_order.py;
when PyICU happens to be importable, random strings are also compared live.
"""

from __future__ import annotations

import csv
import random
import time
import unicodedata
from pathlib import Path

import pytest

from kehoach_tui.domain.vntext import clean_line, sort_key

DATA = Path(__file__).parent / "data"
# The app's own list of units: the published don-vi-hanh-chinh-2025.csv, each field cleaned
# with clean_line, same rows in the same order (scripts/make_communes.py makes it).
UNITS_CSV = Path(__file__).resolve().parents[1] / "kehoach_tui" / "data" / "communes.csv"


def read_lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def csv_names() -> list[str]:
    """Commune-level names in file order, then province names (as the generator does)."""
    assert UNITS_CSV.is_file(), f"{UNITS_CSV} is missing"  # never a silent skip
    with UNITS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {clean_line(r["level"]) for r in rows} == {"Xã", "Phường", "Đặc khu"}
    communes = [clean_line(r["name"]) for r in rows]
    provinces = list(dict.fromkeys(clean_line(r["province_name"]) for r in rows))
    assert (len(communes), len(provinces)) == (3321, 34)
    return communes + provinces


def test_csv_names_sort_like_icu():
    expected = read_lines("icu_vi_order.txt")
    names = csv_names()
    assert sorted(names) == sorted(expected), "icu_vi_order.txt is stale: regenerate it"
    assert sorted(names, key=sort_key) == expected


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_committed_order_from_any_start(seed):
    expected = read_lines("icu_vi_order.txt")
    assert len(expected) == 3321 + 34
    names = expected[:]
    random.Random(seed).shuffle(names)
    assert sorted(names, key=sort_key) == expected
    assert sorted(reversed(expected), key=sort_key) == expected


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_tricky_words_sort_like_icu(form):
    expected = read_lines("icu_vi_words.txt")
    for seed in range(5):
        words = [unicodedata.normalize(form, w) for w in expected]
        random.Random(seed).shuffle(words)
        got = [unicodedata.normalize("NFC", w) for w in sorted(words, key=sort_key)]
        assert got == expected


def test_sub_item_codes():
    codes = ["4.5.a", "4.5.b", "4.5.c", "4.5.d", "4.5.đ", "4.5.e", "4.5.f"]
    for seed in range(5):
        shuffled = codes[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == codes


def test_vietnamese_rules():
    def order(*words: str) -> None:
        keys = [sort_key(w) for w in words]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), words

    order("a", "ă", "â", "b", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "y")
    order("Hoa", "Hoà", "Hoả", "Hoã", "Hoá", "Hoạ")  # none, huyền, hỏi, ngã, sắc, nặng
    order("My", "Mỳ", "Mỷ", "Mỹ", "Mý", "Mỵ")
    order("hoa", "Hoa", "HOA")  # case last, lower first
    order("Hoà", "Hòa")  # the first difference in accents decides
    order("Hóa", "Hoan")  # letters before accents, over the whole string
    order("Da", "Du", "Dư", "Đà")  # đ is a letter after d
    order("A B", "A-B", "A.B", "AB")  # spaces and punctuation count, below letters
    order("Xã 1", "Xã 10", "Xã 2")  # digit by digit
    order("₫", "1", "1 ₫", "10", "a")


def test_normalisation_and_ignorables():
    nfc = "Phường Nguyễn Trãi"
    assert sort_key(unicodedata.normalize("NFD", nfc)) == sort_key(nfc)
    assert sort_key("a\u0323\u0306") == sort_key("ặ") == sort_key("ạ\u0306")
    assert sort_key("Hoa\u200b") == sort_key("Hoa")  # format characters are ignored
    assert sort_key("Hoa\u00ad") == sort_key("Hoa")


def test_other_scripts_do_not_fail():
    words = ["Ωμέγα", "Москва", "東京", "😀", "٣", "Ａ", "x²", "→", "a\u0e31", "ŋ", "Ŋ"]
    keys = [sort_key(w) for w in words]
    assert all(isinstance(k, tuple) for k in keys)
    assert sort_key("Москва") > sort_key("zzz") > sort_key("9") > sort_key("→")


def test_speed():
    names = read_lines("icu_vi_order.txt")
    sort_key("warm up the tables: " + "".join(sorted(set("".join(names)))))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for name in names:
            sort_key(name)
        best = min(best, time.perf_counter() - start)
    assert best < 0.25  # about 10 ms on the development machine; generous for shared CI


# Live comparison with PyICU, when installed (it is not a project dependency).

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_ALPHABET = (
    [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES]
    + list(_LETTERS + _LETTERS.upper() + "ĂÂĐÊÔƠƯ")
    + [chr(c) for c in range(0x20, 0x7F)]
    + list("\u00a0‐–—‘’“”«»…·•§°×₫€éèüöñçßæøłŀ")
    + ["\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0308", "\u0309", "\u031b", "\u0323"]
    + ["\u0327", "\u0316", "\u0334", "\u200b"]
)


def _random_pair(rng: random.Random) -> tuple[str, str]:
    a = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 8)))
    b = list(a)
    for _ in range(rng.randint(1, 2)):  # usually a near miss, so that every level is reached
        if b and rng.random() < 0.6:
            b[rng.randrange(len(b))] = rng.choice(_ALPHABET)
        else:
            b.insert(rng.randint(0, len(b)), rng.choice(_ALPHABET))
    return a, "".join(b)


def test_random_strings_match_live_icu():
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    rng = random.Random(20251105)
    for _ in range(20000):
        a, b = _random_pair(rng)
        # ICU is given the NFC text the app stores (ICU itself can order a string's NFC and
        # NFD forms differently, see vntext._cluster_ces); sort_key gets either form.
        a_nfc, b_nfc = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
        expected = collator.compare(a_nfc, b_nfc)
        a_in = unicodedata.normalize("NFD", a) if rng.random() < 0.3 else a
        key_a, key_b = sort_key(a_in), sort_key(b)
        assert (key_a > key_b) - (key_a < key_b) == expected, (a_nfc, b_nfc)
