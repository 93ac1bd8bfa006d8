"""The official list of communes (xã, phường, đặc khu) after 1/7/2025, shipped cleaned."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from .domain.models import Commune
from .domain.vntext import fold, sort_key

_FILE = Path(__file__).resolve().parent / "data" / "communes.csv"


@cache
def all_communes() -> tuple[Commune, ...]:
    with _FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Commune(code=r["code"], name=r["name"], province_code=r["province_code"], province_name=r["province_name"])
            for r in csv.DictReader(handle, delimiter=";")
        )


def commune_by_code(code: str) -> Commune | None:
    code = code.strip().zfill(5)
    return next((c for c in all_communes() if c.code == code), None)


def provinces() -> list[tuple[str, str]]:
    """(code, name) of the 34 provinces, in Vietnamese order."""
    seen = {c.province_code: c.province_name for c in all_communes()}
    return sorted(seen.items(), key=lambda item: sort_key(item[1]))


def communes_of(province_code: str) -> list[Commune]:
    return sorted((c for c in all_communes() if c.province_code == province_code), key=lambda c: sort_key(c.name))


def find_province(text: str) -> tuple[str, str] | None:
    """A province by code or by name, ignoring diacritics and case ("nghe an", "Tỉnh Nghệ An")."""
    return _best(provinces(), text, lambda p: (p[0], p[1]))


def find_commune(province_code: str, text: str) -> Commune | None:
    return _best(communes_of(province_code), text, lambda c: (c.code, c.name))


def _best(items, text, code_and_name):
    """Exact code or folded name first; else a unique name ending in the words typed."""
    wanted = fold(text)
    if not wanted:
        return None
    suffix = []
    for item in items:
        code, name = code_and_name(item)
        if wanted in (code, fold(name)):
            return item
        if fold(name).endswith(" " + wanted):
            suffix.append(item)
    return suffix[0] if len(suffix) == 1 else None
