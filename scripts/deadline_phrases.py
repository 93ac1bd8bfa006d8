"""The deadline phrases the parser understands, as seeds/README.md lists them.

    uv run python scripts/deadline_phrases.py           print the list (Markdown)
    uv run python scripts/deadline_phrases.py --write   put it in seeds/README.md
    uv run python scripts/deadline_phrases.py --check   exit 1 if the README's list is not current

The list is generated from the parser's own tests (tests/test_deadlines.py: the rules of the
design notes, the phrases of the five source documents, the phrases it refuses), each read by
the parser now, so the README cannot promise what the parser does not do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
README = ROOT / "seeds" / "README.md"
START, END = "<!-- deadline-phrases:start -->", "<!-- deadline-phrases:end -->"

KINDS = {
    "date": "hạn", "recurring": "thường xuyên", "trigger": "chờ sự kiện", "ongoing": "đang tiếp diễn",
    "done": "đã hoàn thành", "none": "không có hạn", "unparsed": "chưa hiểu",
}


def _row(phrase: str) -> str:
    from kehoach_tui.domain.deadlines import describe, parse_deadline

    found = parse_deadline(phrase)
    shown = describe(found)
    if found.kind == "unparsed":
        shown = found.note
    else:
        extra = [part for part in found.note.split("; ") if part and part != "và thường xuyên"]
        if extra:
            shown += f" ({'; '.join(extra)})"
    cell = phrase.replace("|", "\\|") if phrase.strip() else "(trống)"
    return f"| {cell} | {KINDS[found.kind]} | {shown.replace('|', chr(92) + '|')} |"


def phrase_table() -> str:
    from tests.test_deadlines import REAL, RULES, UNPARSED

    seen: set[str] = set()
    lines = ["| Thời hạn ghi trong kế hoạch | Loại | Ứng dụng hiểu là |", "|---|---|---|"]
    for phrase in [r[0] for r in RULES] + [r[0] for r in REAL]:
        if phrase not in seen and phrase.strip(" -"):
            seen.add(phrase)
            lines.append(_row(phrase))
    lines += ["", "Không hiểu (giữ nguyên chữ, báo khi nhập, nhiệm vụ không có hạn):", "",
              "| Thời hạn ghi trong kế hoạch | Lý do |", "|---|---|"]
    from kehoach_tui.domain.deadlines import parse_deadline

    lines += [f"| {phrase} | {parse_deadline(phrase).note} |" for phrase, _ in UNPARSED]
    return "\n".join(lines)


def current_section(text: str) -> str:
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n") if START in text and END in text else ""


def main(argv: list[str]) -> int:
    table = phrase_table()
    text = README.read_text(encoding="utf-8")
    if "--check" in argv:
        if current_section(text) != table:
            print("seeds/README.md: the list of deadline phrases is not current; run "
                  "uv run python scripts/deadline_phrases.py --write")
            return 1
        return 0
    if "--write" in argv:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        README.write_text(f"{before}{START}\n{table}\n{END}{after}", encoding="utf-8")
        return 0
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
