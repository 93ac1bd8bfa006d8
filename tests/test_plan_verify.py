"""The verifier compares each bundled plan with its source document, field by field: all five
agree, and every kind of corruption below is caught."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_tui.plan_verify import LISTS, plan_files, verify_lists, verify_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SOURCES = SEEDS / "sources"
PLANS = [p.stem for p in plan_files(SEEDS)]


def text_of(name: str) -> str:
    return (SEEDS / f"{name}.toml").read_text(encoding="utf-8")


def differences(name: str, text: str) -> list[str]:
    if name in LISTS:
        return [str(d) for d in verify_lists(text, name, SOURCES)]
    return [str(d) for d in verify_text(text, f"{name}.toml", SOURCES)]


def test_five_plans_with_their_sources():
    assert PLANS == ["dong-nai", "nghia-tho", "son-thuy", "thanh-hoa", "tinh-uy-365"]
    assert sorted(p.name for p in SOURCES.glob("*.txt")) == [
        "000_22065517c89bf1b4.txt", "001_1bbe62c6f1c466d5.txt", "002_0a2909a9864022ba.txt",
        "003_370bd3d11b6fedd5.txt", "004_7dd2a88bd7071e99.txt",
    ]


@pytest.mark.parametrize("name", PLANS + sorted(LISTS))
def test_plan_agrees_with_its_source(name):
    assert differences(name, text_of(name)) == []


def test_script_runs_without_arguments():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "verify_seeds.py")], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(f"{name}: 0 difference(s)" in done.stdout for name in PLANS + sorted(LISTS))


# --- corruptions -------------------------------------------------------------------------------

def _block(text: str, table: str, code: str) -> re.Match[str]:
    m = re.search(rf'\[\[{table}\]\]\ncode = "{re.escape(code)}"\n.*?(?=\n\[\[|\Z)', text, re.S)
    assert m, (table, code)
    return m


def in_block(table: str, code: str, old: str, new: str):
    """A corruption of one field of one [[table]] entry (old must occur in it)."""
    def apply(text: str) -> str:
        m = _block(text, table, code)
        assert old in m.group(), (code, old)
        return text[: m.start()] + m.group().replace(old, new, 1) + text[m.end():]
    return apply


def drop_block(table: str, code: str):
    def apply(text: str) -> str:
        m = _block(text, table, code)
        return text[: m.start()] + text[m.end():]
    return apply


def copy_block(table: str, code: str, new_code: str | None = None):
    def apply(text: str) -> str:
        m = _block(text, table, code)
        block = m.group() if new_code is None else m.group().replace(f'code = "{code}"', f'code = "{new_code}"', 1)
        return text[: m.end()] + "\n\n" + block + text[m.end():]
    return apply


def swap_blocks(table: str, first: str, second: str):
    def apply(text: str) -> str:
        a, b = _block(text, table, first), _block(text, table, second)
        assert a.end() < b.start()
        return text[: a.start()] + b.group() + text[a.end(): b.start()] + a.group() + text[b.end():]
    return apply


def replace(old: str, new: str):
    def apply(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)
    return apply


def truncate_title(code: str):
    def apply(text: str) -> str:
        m = _block(text, "tasks", code)
        title = re.search(r'^title = "(.*)"$', m.group(), re.M)
        cut = m.group().replace(title.group(), f'title = "{title[1][:40]}"', 1)
        return text[: m.start()] + cut + text[m.end():]
    return apply


BOGUS_TASK = '''
[[tasks]]
code = "5.5"
group = "5"
title = "Nhiệm vụ không có trong văn bản"
description = "Nhiệm vụ không có trong văn bản."
lead_units = ["Các sở, ngành"]
'''

MUTATIONS = {
    "wrong lead unit": ("thanh-hoa", in_block("tasks", "1", 'lead_units = ["Văn phòng Tỉnh ủy"]', 'lead_units = ["Sở Nội vụ"]')),
    "tháng 9 → tháng 6": ("thanh-hoa", in_block("tasks", "13", "tháng 9/2025", "tháng 6/2025")),
    "deleted task": ("nghia-tho", drop_block("tasks", "2.3")),
    "truncated title": ("thanh-hoa", truncate_title("5")),
    "80 → 50": ("nghia-tho", in_block("targets", "CT4", "target_value = 80", "target_value = 50")),
    "1139 → 1193": ("son-thuy", in_block("targets", "CT5", "target_value = 1139", "target_value = 1193")),
    "emptied 3.4.c description": ("nghia-tho", in_block("tasks", "3.4.c", 'description = "Hàng ngày', 'description = ""\n# "Hàng ngày')),
    "swapped partners": ("thanh-hoa", in_block("tasks", "5", 'partner_units = ["Các Sở, ngành, đơn vị có liên quan", "UBND cấp xã"]',
                                               'partner_units = ["UBND cấp xã", "Các Sở, ngành, đơn vị có liên quan"]')),
    "changed code": ("nghia-tho", in_block("tasks", "2.2", 'code = "2.2"', 'code = "2.7"')),
    "added bogus task": ("dong-nai", lambda text: text.replace("\n# ---------------------------------------------------------------- Chỉ tiêu",
                                                               BOGUS_TASK + "\n# ---------------------------------------------------------------- Chỉ tiêu", 1)),
    "changed target unit": ("nghia-tho", in_block("targets", "CT5", 'unit = "CSDL"', 'unit = "%"')),
    "changed deadline day": ("son-thuy", in_block("tasks", "2.2.b", "20/12/2025", "21/12/2025")),
    "reordered words": ("dong-nai", in_block("tasks", "1.1", 'description = "Theo dõi, đôn đốc,', 'description = "Đôn đốc, theo dõi,')),
    "duplicated task": ("nghia-tho", copy_block("tasks", "1.1")),
    "task in the wrong group": ("thanh-hoa", in_block("tasks", "20", 'group = "II"', 'group = "III"')),
    "sub-item under the wrong parent": ("nghia-tho", in_block("tasks", "3.4.c", 'parent = "3.4"', 'parent = "3.5"')),
    "done dropped": ("thanh-hoa", in_block("tasks", "4", 'status = "done"\n', "")),
    "done invented": ("thanh-hoa", in_block("tasks", "1", 'deadline = "Hoàn thành trong tháng 6/2025"',
                                            'deadline = "Hoàn thành trong tháng 6/2025"\nstatus = "done"')),
    "group renamed": ("son-thuy", replace('code = "2.2"\ntitle = "Về dữ liệu"', 'code = "2.2"\ntitle = "Về cơ sở dữ liệu"')),
    "plan title changed": ("tinh-uy-365", replace('title = "thực hiện Kế hoạch số 365-KH/TU', 'title = "thực hiện Kế hoạch số 356-KH/TU')),
    "target quotes words the source does not have": ("thanh-hoa", in_block("targets", "CT17", 'source_text = "Tối thiểu 80%', 'source_text = "Tối đa 80%')),
    "target comparison flipped": ("nghia-tho", in_block("targets", "CT4", 'comparison = ">="', 'comparison = "<="')),
    "target date moved": ("nghia-tho", in_block("targets", "CT4", 'target_date = "2025-12-31"', 'target_date = "2025-06-30"')),
    "label completes a cut sentence": ("tinh-uy-365", in_block("targets", "CT12", "theo mô hình chính …", "theo mô hình chính quyền mới")),
    "tasks out of order": ("nghia-tho", swap_blocks("tasks", "1.1", "1.2")),
    "unit invented where the source names none": ("son-thuy", in_block("tasks", "2.1", "lead_units = []", 'lead_units = ["Ủy ban nhân dân xã"]')),
    "description line dropped": ("son-thuy", in_block("tasks", "2.2.6.b", "\\nĐịnh kỳ kiểm tra, diễn tập phòng chống tấn công mạng.", "")),
    "982 → 928": ("dong-nai", in_block("targets", "CT9", "target_value = 982", "target_value = 928")),
    "spelling corrected": ("thanh-hoa", in_block("tasks", "55", '"Công an tỉnh, các Sở, ngành, đơn vị có có liên quan"',
                                                 '"Công an tỉnh, các Sở, ngành, đơn vị có liên quan"')),
    "lost row's gap removed": ("thanh-hoa", lambda text: re.sub(r'\ngap = "Dòng của nhiệm vụ 42[^\n]*', "", text)),
    "missing heading's gap removed": ("thanh-hoa", lambda text: re.sub(r'\ngap = "Phụ lục của văn bản nguồn thiếu[^\n]*', "", text)),
    "reading not marked assumed": ("nghia-tho", lambda text: re.sub(r'\nassumed = "Câu nguồn ghi “toàn bộ[^\n]*', "", text, count=1)),
    # reporting: a rule marked as the plan's must be what the plan says
    "monthly report due on the 25th, not before it": ("thanh-hoa", in_block("reporting", "monthly", "BYMONTHDAY=24", "BYMONTHDAY=25")),
    "weekly report on another day": ("thanh-hoa", in_block("reporting", "weekly", "BYDAY=TH", "BYDAY=WE")),
    "due hour changed": ("thanh-hoa", in_block("reporting", "weekly", 'due_time = "08:00"', 'due_time = "09:00"')),
    "assumed day passed off as the plan's": ("nghia-tho", lambda text: re.sub(
        r'(code = "weekly"\n(?:.*\n)*?)assumed = "[^"]*"', r'\1source = "004 §4.5.f"', text, count=1)),
    "report quotes words the plan does not have": ("son-thuy", in_block("reporting", "monthly", "trước ngày 24 hằng tháng", "trước ngày 25 hằng tháng")),
    "final report dropped": ("son-thuy", drop_block("reporting", "final")),
    "final report moved to the 15th": ("son-thuy", in_block("reporting", "final", "BYMONTHDAY=14;UNTIL=20251214", "BYMONTHDAY=15;UNTIL=20251215")),
    "one unit's duty given to everyone": ("thanh-hoa", in_block("reporting", "final", 'unit = "Văn phòng Tỉnh ủy"\n', "")),
    "ad hoc reports dropped without a note": ("thanh-hoa", lambda text: re.sub(r'\n    \{ section = "VI\.10"[^\n]*', "", text)),
    # nothing dropped
    "dropped target": ("nghia-tho", drop_block("targets", "CT4")),
    "dropped figure of a two-figure sentence": ("nghia-tho", drop_block("targets", "CT3")),
    "dropped objective without a figure": ("nghia-tho", drop_block("targets", "CT15")),
    "responsibility dropped": ("nghia-tho", lambda text: text.replace(
        '[[responsibilities]]\nsection = "V.1"', '[[x]]\nsection = "V.1"').replace("\n[[x]]", "\n# [[x]]").replace(
        '\n# [[x]]\nsection = "V.1"\n', "\n# ").replace('units = ["Phòng Văn hóa - Xã hội"]\ntext = "Là cơ quan thường trực',
                                                    '# units = ["Phòng Văn hóa - Xã hội"]\n# text = "Là cơ quan thường trực')),
    "responsibility reworded": ("thanh-hoa", replace("Tích cực, chủ động vào cuộc, tuyên truyền sâu rộng", "Chủ động tuyên truyền sâu rộng")),
    "responsibility given to another unit": ("thanh-hoa", replace(
        'units = ["Công an tỉnh"]\ntext = "Chịu trách nhiệm đôn đốc', 'units = ["Sở Tài chính"]\ntext = "Chịu trách nhiệm đôn đốc')),
    "omitted passage without its entry": ("son-thuy", lambda text: re.sub(r'\n    \{ section = "IV\.1"[^\n]*', "", text)),
    "omitted entry that covers nothing": ("dong-nai", replace("omitted = [\n", 'omitted = [\n    { section = "IX", reason = "không có" },\n')),
    "figure given to a qualitative target": ("nghia-tho", in_block("targets", "CT14", 'kind = "qualitative"\n', 'kind = "qualitative"\ntarget_value = 1\n')),
    # milestones
    "milestone dropped": ("dong-nai", lambda text: text.replace(
        '\n[[tasks.milestones]]\ntext = "Hoàn thành kiểm thử & hiệu chỉnh: 30/9/2025"\nsource = "003 §III.4"\n', "", 1)),
    "milestone date changed": ("dong-nai", replace('text = "Hạn hoàn thành nâng cấp quy trình & hệ thống: 31/8/2025"',
                                                   'text = "Hạn hoàn thành nâng cấp quy trình & hệ thống: 31/7/2025"')),
    "milestone due set against its words": ("dong-nai", replace(
        'text = "Hoàn thành tích hợp kỹ thuật: 30/9/2025"\nsource = "003 §III.5"\n',
        'text = "Hoàn thành tích hợp kỹ thuật: 30/9/2025"\nsource = "003 §III.5"\ndue = 2025-09-15\n')),
    "2025 goal dated 2026": ("dong-nai", replace('source = "003 §II.1.b"\ndue = 2025-12-31', 'source = "003 §II.1.b"\ndue = 2026-12-31')),
    # the seeded lists
    "checklist item passed off as the plan's": ("checklist-default", replace(
        'code = "DIEN_UPS"\nassumed = "Nhiệm vụ 3.4.c không nêu; điện và UPS hỏng thì không mục nào khác chạy được."',
        'code = "DIEN_UPS"\nsource = "004 §3.4.c"\nquote = "điện và UPS"')),
    "checklist item says nothing of its origin": ("checklist-default", replace(
        'code = "INTERNET"\nsource = "004 §3.4.c"\nquote = "kết nối Internet"\n', 'code = "INTERNET"\n')),
    "incident channel quotes the wrong section": ("incidents", replace(
        'code = "zalo"\nsource = "004 §4.5.đ"', 'code = "zalo"\nsource = "004 §4.5.e"')),
}


def test_at_least_twenty_kinds_of_corruption():
    assert len(MUTATIONS) >= 20


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_corruption_is_caught(kind):
    name, mutate = MUTATIONS[kind]
    original = text_of(name)
    corrupted = mutate(original)
    assert corrupted != original, "the corruption changed nothing"
    found = differences(name, corrupted)
    assert found, f"{kind}: not caught"


def test_a_document_without_a_reader_is_said_so(tmp_path):
    (tmp_path / "999_0123456789abcdef.txt").write_text("KẾ HOẠCH\nX\nThực hiện …\nI. MỤC ĐÍCH\n", encoding="utf-8")
    text = text_of("nghia-tho").replace('source_file = "004_7dd2a88bd7071e99.txt"', 'source_file = "999_0123456789abcdef.txt"')
    assert [str(d) for d in verify_text(text, "x.toml", tmp_path)] == [
        "file: source_file: no reader for the layout of 999_0123456789abcdef.txt (plan_verify/layouts.py)"]
