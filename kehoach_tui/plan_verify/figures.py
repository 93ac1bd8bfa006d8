"""Figures in an objective's sentence: number, unit and where they stand.

"Tối thiểu 80% hồ sơ …" holds (80, "%"); "982 dịch vụ công trực tuyến với … ít nhất 20 hồ
sơ/năm/xã và … 100% kết quả điện tử" holds (982, "dịch vụ"), (20, "hồ sơ"), (100, "%"). A
clause (the sentence split at ";" and at a full stop) is about its first figure in a unit a
target counts (its headline); the others are conditions of it. Numbers that are part of a
date or a document number ("01/7/2025", "06/QĐ-TTg", "57-NQ/TW") are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (the words after the number, the unit the plan file writes), longest first.
_UNITS = [
    ("nhóm thủ tục hành chính", "nhóm TTHC"),
    ("nhóm thủ tục", "nhóm TTHC"),
    ("dịch vụ công", "dịch vụ"),
    ("DVCTT", "dịch vụ"),
    ("thủ tục hành chính", "TTHC"),
    ("thủ tục", "TTHC"),
    ("TTHC", "TTHC"),
    ("cơ sở dữ liệu", "CSDL"),
    ("CSDL", "CSDL"),
    ("hồ sơ", "hồ sơ"),
    ("đơn vị", "đơn vị"),
    ("phòng họp", "phòng họp"),
]
HEADLINE_UNITS = {"%", "dịch vụ", "nhóm TTHC", "TTHC", "CSDL"}
_NUMBER = re.compile(r"(?<![\d/.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/-])")
_CLAUSE = re.compile(r";|\.\s+(?=[A-ZÀ-ỸĐ])")
_AT_MOST = re.compile(r"\b(?:tối đa|không quá)\s*$")


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    clause: int
    comparison: str  # ">=" unless the words before it say "tối đa" / "không quá"


def figures(text: str) -> list[Figure]:
    out = []
    for index, clause in enumerate(_CLAUSE.split(text)):
        for m in _NUMBER.finditer(clause):
            after = clause[m.end():]
            unit = "%" if after.lstrip().startswith("%") else next(
                (u for words, u in _UNITS if re.match(r"\s+" + re.escape(words) + r"\b", after)), "")
            if not unit:
                continue
            comparison = "<=" if _AT_MOST.search(clause[: m.start()]) else ">="
            out.append(Figure(float(m[1].replace(".", "")), unit, index, comparison))
    return out


def headlines(text: str) -> list[Figure]:
    """The first figure of each clause in a unit a target counts."""
    seen: dict[int, Figure] = {}
    for figure in figures(text):
        if figure.unit in HEADLINE_UNITS and figure.clause not in seen:
            seen[figure.clause] = figure
    return list(seen.values())
