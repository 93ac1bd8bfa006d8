"""Regenerate kehoach_tui/data/communes.csv from ../shared/data/don-vi-hanh-chinh-2025.csv.

The published file has NFD names and stray whitespace; the shipped copy is cleaned with the
project's own clean_line so every name is NFC and single-spaced.

    uv run python scripts/make_communes.py [SOURCE_CSV]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from kehoach_tui.domain.vntext import clean_line

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "don-vi-hanh-chinh-2025.csv"
TARGET = ROOT / "kehoach_tui" / "data" / "communes.csv"


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["code", "name", "level", "province_code", "province_name"])
        for row in rows:
            writer.writerow([
                clean_line(row["Mã"]), clean_line(row["Tên"]), clean_line(row["Cấp"]),
                clean_line(row["Mã TP"]), clean_line(row["Tỉnh / Thành Phố"]),
            ])
    print(f"{len(rows)} units → {TARGET}")


if __name__ == "__main__":
    main()
