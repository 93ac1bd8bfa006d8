"""Cleaning and folding of Vietnamese text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kehoach_tui.domain.vntext import clean_line, clean_text, fold, matches


def test_clean_nfc_and_spaces():
    nfd = unicodedata.normalize("NFD", "Số hóa  dữ liệu ")
    assert clean_text(nfd) == "Số hóa dữ liệu"
    assert unicodedata.is_normalized("NFC", clean_text(nfd))


def test_clean_strips_controls_keeps_newline_tab():
    assert clean_text("a\x1b]52;c;SGVsbG8=\x07b\tc\nd\x85e\x00") == "a]52;c;SGVsbG8=b\tc\nde"
    assert "\x1b" not in clean_text("\x1b[2J\x1b]0;title\x07x")


def test_clean_line_flattens():
    assert clean_line("  a\n\n b\tc ") == "a b c"


def test_clean_removes_bidi_marks():
    assert clean_text("abc\u202edef\u200b") == "abcdef"


def test_fold():
    assert fold("Số hóa") == "so hoa"
    assert fold("Nghĩa Thọ") == "nghia tho"
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("ĐẢNG ỦY") == "dang uy"
    assert fold(unicodedata.normalize("NFD", "Đồng Nai")) == "dong nai"


def test_matches():
    assert matches("so hoa", "Số hóa tài liệu")
    assert matches("HOA tai", "Số hóa tài liệu")
    assert not matches("so hoa x", "Số hóa tài liệu")


@given(st.text())
def test_clean_idempotent_and_safe(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in once)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in once)
