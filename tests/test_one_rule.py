"""Rules written once: each lives in one module, and the source spells it nowhere else."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from kehoach_tui.domain.models import STATUSES
from kehoach_tui.domain.report_texts import TEXT_KEYS, TEXT_SECTIONS
from kehoach_tui.domain.statuses import is_finished
from kehoach_tui.domain.vntext import CONTROL_CHARS, clean_text, strip_controls
from kehoach_tui.safe import plain
from kehoach_tui.store.reports import ReportTexts

PACKAGE = Path(__file__).resolve().parent.parent / "kehoach_tui"

RULES = {
    "the finished statuses": (r"[(\[{]\s*\"(done|not_applicable)\",\s*\"(done|not_applicable)\"\s*[)\]}]",
                              "domain/statuses.py"),
    "the report text sections": (r"\"shortcomings\"", "domain/report_texts.py"),
    "the control characters": (r"\\x1[0-9a-f]-|\\x7f|\\u202a", "domain/vntext.py"),
    "the atomic write": (r"os\.(replace|fsync|link|rename)\(", "atomic_write.py"),
}


@pytest.mark.parametrize("rule", RULES)
def test_written_in_one_module(rule):
    pattern, home = RULES[rule]
    found = sorted({
        str(path.relative_to(PACKAGE).as_posix())
        for path in PACKAGE.rglob("*.py")
        if re.search(pattern, path.read_text(encoding="utf-8"))
    })
    assert found == [home]


def test_finished_means_done_or_not_applicable():
    assert [s for s in STATUSES if is_finished(s)] == ["done", "not_applicable"]
    assert not is_finished(None) and not is_finished("")


def test_report_texts_has_a_field_per_section():
    assert tuple(f.name for f in dataclasses.fields(ReportTexts)) == TEXT_KEYS
    assert [s.number for s in TEXT_SECTIONS if s.required] == ["I", "III", "V"]


def test_stored_and_shown_text_lose_the_same_characters():
    hostile = "a\x1b]52;c;ZXZpbA==\x07b\x9b2Jc\u202ed\u200be\ufefff\x7fg\th\ni\x00"
    assert CONTROL_CHARS.sub("", hostile) == "a]52;c;ZXZpbA==b2Jcdefg\th\ni"
    assert strip_controls(hostile) == plain(hostile).plain == clean_text(hostile)
