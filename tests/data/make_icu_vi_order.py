"""Regenerate the ICU reference orders used by tests/test_vntext_sort.py.

Needs PyICU, which the project does not depend on: run it with a throwaway venv outside the
repo, for example

    python3 -m venv /tmp/icu && /tmp/icu/bin/pip install PyICU
    /tmp/icu/bin/python tests/data/make_icu_vi_order.py [path/to/don-vi-hanh-chinh-2025.csv]

It writes, next to this file (UTF-8, one entry per line, in ICU `vi` order):

* icu_vi_order.txt: the 3,321 commune-level names of the CSV, then its 34 province names,
  each cleaned with kehoach_tui.domain.vntext.clean_line;
* icu_vi_words.txt: the hand-picked tricky words in WORDS.

The sort is `Collator.createInstance(Locale("vi"))` with its defaults (tertiary strength,
non-ignorable punctuation, normalization on); Python's sort is stable, so strings that ICU
calls equal keep their input order. The ICU version used is printed.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "don-vi-hanh-chinh-2025.csv"
COMMUNE_LEVELS = {"Xã", "Phường", "Đặc khu"}

# Tones, vowel letters, đ/d, case, spaces and punctuation, digits, sub-item codes.
WORDS = [
    "Hòa", "Hoà", "Hoa", "Hóa", "hoa", "HOA", "Hỏa", "Hõa", "Họa", "Hoá", "Hoả", "Hoã", "Hoạ",
    "Đà", "Da", "dà", "đa", "Đa", "DA", "Dư", "Du", "Ư", "ư", "U", "Ơn", "On", "Ôn", "ơn",
    "Ân", "An", "Ăn", "ăn", "ân", "Ấn", "Ắn", "Ặn", "Ận", "Ẵn", "Ẫn",
    "Mỹ", "My", "Mý", "Mỳ", "Mỷ", "Mỵ", "Mi", "Mị", "Mĩ",
    "A B", "AB", "A-B", "A_B", "A.B", "A,B", "A’B", "A'B", "A(B)", "A/B", "A–B", "a b", "ab",
    "Xã 1", "Xã 10", "Xã 2", "Xã 1A", "Xã 1a", "Xã1", "Xa 1",
    "4.5.đ", "4.5.e", "4.5.d", "4.5.a", "4.5.b", "4.5.c", "4.5.f", "4.5", "4.5.", "4.10", "4.6",
    "Nguyễn", "Nguyên", "Nguyện", "Người", "Ngươi", "Ngưới", "ngủ", "Ngũ", "Ngu",
    "Ea H’Leo", "Ea Hleo", "Ea H'Leo", "Cư M’gar", "Cư Mgar", "M’Drắk", "Mdrak",
    "Đặc khu", "Đắc Khu", "Dặc khu", "Phường", "Phuong", "Xã", "Xa", "xã", "XÃ",
    "-", "0", "9", "a", "z", "đ", "Đ", "ơ", "Ơ", "₫", "1.000 ₫", "100%", "§ 2",
]  # fmt: skip


def load_clean_line():
    """clean_line from the repo's vntext.py, without importing the package's dependencies."""
    path = REPO / "kehoach_tui" / "domain" / "vntext.py"
    spec = importlib.util.spec_from_file_location("_vntext", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.clean_line


def read_names(csv_path: Path) -> list[str]:
    """Commune-level names in file order, then province names in order of first appearance."""
    clean_line = load_clean_line()
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    levels = {clean_line(row["Cấp"]) for row in rows}
    assert levels <= COMMUNE_LEVELS, levels
    communes = [clean_line(row["Tên"]) for row in rows]
    provinces = list(dict.fromkeys(clean_line(row["Tỉnh / Thành Phố"]) for row in rows))
    return communes + provinces


def main() -> None:
    import icu  # PyICU

    collator = icu.Collator.createInstance(icu.Locale("vi"))
    csv_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    names = read_names(csv_path)
    order = sorted(names, key=collator.getSortKey)
    words = sorted(WORDS, key=collator.getSortKey)
    (HERE / "icu_vi_order.txt").write_text("".join(f"{n}\n" for n in order), encoding="utf-8")
    (HERE / "icu_vi_words.txt").write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"ICU {icu.ICU_VERSION}: {len(order)} names, {len(words)} words")


if __name__ == "__main__":
    main()
