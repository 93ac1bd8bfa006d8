"""The hostile-text corpus and the checks on what reaches the terminal.

HOSTILE: text an officer might paste or a file might carry. `clean_text` is what the store
keeps; `expected_on_screen` what a screen must show literally (a prefix, as columns cut).
`terminal_output(app)` renders the whole screen exactly as Textual writes it to a terminal
(the same compositor update `App._display` sends to the driver), plus the plain text.
"""

from __future__ import annotations

import re
import unicodedata

from kehoach_tui.domain.vntext import clean_line

HOSTILE: dict[str, str] = {
    "markup_bold": "[bold]đậm[/bold] chữ",
    "markup_close": "Lê [/] Văn Tám",
    "markup_click": "[@click=app.quit]bấm thoát[/]",
    "markup_link": "[link=https://vi.example/x]liên kết[/link]",
    "osc0_title": "\x1b]0;bi-chiem-quyen\x07Tiêu đề cửa sổ",
    "osc52_clipboard": "\x1b]52;c;ZXZpbA==\x07Bảng tạm",
    "csi_colour_clear": "\x1b[31mđỏ\x1b[2J\x1b[H xóa màn hình",
    "c1_controls": "C1 \x9b31m\x9d0;t\x9c\x85 ký tự",
    "nfd": unicodedata.normalize("NFD", "Nghĩa Thọ số hóa"),
    "long_10000": "Dài " + "ộ" * 10_000,
    "rtl_marks": "\u202eđảo ngược\u202c \u200fphải-trái\u200e",
    "emoji": "🚀 Chuyển đổi số 👍🏽",
}

# Bytes that must never come from content: ESC, BEL, C1 controls, other C0 but \n and \r.
_FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
# What Textual itself writes: CSI sequences (colours, cursor moves, sync updates) only.
_CSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")


def expected_on_screen(text: str, length: int = 24) -> str:
    return clean_line(text)[:length]


def terminal_output(app) -> tuple[str, str]:
    """(the bytes a terminal would receive for a full repaint, the screen's plain text)."""
    update = app.screen._compositor.render_full_update()  # one repaint, read both ways
    terminal = update.render_segments(app.console)
    lines = ["".join(segment.text for strip in line for segment in strip) for line in update.strips]
    return terminal, "\n".join(lines)


def unsafe_bytes(terminal: str, screen_text: str) -> list[str]:
    """What a hostile string could have smuggled in; empty when the output is safe."""
    problems = []
    if "\x1b]" in terminal:
        problems.append("OSC sequence (window title, clipboard or hyperlink)")
    if "\x07" in terminal:
        problems.append("BEL")
    rest = _CSI.sub("", terminal)
    if "\x1b" in rest:
        problems.append(f"stray ESC near {rest[max(0, rest.index(chr(27)) - 20):rest.index(chr(27)) + 20]!r}")
    found = _FORBIDDEN_IN_TEXT.search(screen_text.replace("\n", ""))
    if found:
        problems.append(f"control character U+{ord(found.group()):04X} in shown text")
    if re.search(r"[\x80-\x9f]", terminal):
        problems.append("C1 control in output")
    return problems


def cli_unsafe(output: str) -> list[str]:
    problems = []
    if "\x1b" in output or "\x07" in output:
        problems.append("ESC/BEL in CLI output")
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", output.replace("\r\n", "\n")):
        problems.append("control character in CLI output")
    return problems
