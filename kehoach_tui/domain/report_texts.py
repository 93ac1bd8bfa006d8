"""The report's free-text sections the officer writes, in document order: one list for the
store (a column each), the Báo cáo screen (a tab each, a reminder when empty) and the CLI
(`kehoach report text --section`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextSection:
    key: str        # column of report_texts, value of --section, the dialog's field
    number: str     # the report section it fills: I, III, IV or V
    short: str      # the dialog's tab label
    required: bool  # reminded while empty; IV needs no text of its own (the tasks due fill it)


TEXT_SECTIONS = (
    TextSection("direction", "I", "I. Chỉ đạo", required=True),
    TextSection("shortcomings", "III", "III. Tồn tại", required=True),
    TextSection("next_focus", "IV", "IV. Thời gian tới", required=False),
    TextSection("proposals", "V", "V. Đề xuất", required=True),
)
TEXT_KEYS = tuple(section.key for section in TEXT_SECTIONS)
