"""The report as Markdown (for e-mail) or plain text (for Zalo): same sections, same
figures, no layout beyond headings, lists and simple tables."""

from __future__ import annotations

from ..domain.periods import vn_date_words
from .layout import Para, SubHeading, Table, appendix, cell_text, sections
from .model import ReportModel


def _md_cell(value) -> str:
    return cell_text(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(model: ReportModel) -> str:
    settings = model.settings
    lines = [
        f"**ỦY BAN NHÂN DÂN {settings.commune_name.upper()}** — Số: {settings.doc_number or '…'}/{settings.doc_suffix}",
        "",
        f"*{settings.place}, {vn_date_words(model.generated_on)}*",
        "",
        "# BÁO CÁO",
        f"## {model.subject}",
        "",
    ]
    for section in [*sections(model), appendix(model)]:
        if section.number == "PHỤ LỤC":
            lines += _closing(model) + [""]
        lines += [f"### {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, SubHeading):
                lines += [f"**{block.text}**", ""]
            elif isinstance(block, Para):
                text = block.text.replace("*", "\\*")
                lines += [f"*{text}*" if block.italic else text, ""]
            elif isinstance(block, Table):
                lines.append("| " + " | ".join(block.headers) + " |")
                lines.append("|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.headers))) + "|")
                lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in block.rows]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_text(model: ReportModel) -> str:
    """Plain text: each table row becomes one line "- a; b; c" (reads well in a chat)."""
    settings = model.settings
    lines = [
        f"ỦY BAN NHÂN DÂN {settings.commune_name.upper()}",
        f"Số: {settings.doc_number or '…'}/{settings.doc_suffix}",
        f"{settings.place}, {vn_date_words(model.generated_on)}",
        "",
        "BÁO CÁO",
        model.subject,
        "",
    ]
    for section in [*sections(model), appendix(model)]:
        if section.number == "PHỤ LỤC":
            lines += _closing(model) + [""]
        lines += [section.heading]
        for block in section.blocks:
            if isinstance(block, (SubHeading, Para)):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    cells = [f"{h}: {cell_text(v)}" if i else cell_text(v)
                             for i, (h, v) in enumerate(zip(block.headers, row, strict=True)) if cell_text(v)]
                    lines.append("- " + "; ".join(cells))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _closing(model: ReportModel) -> list[str]:
    settings = model.settings
    title = " / ".join(line.strip() for line in settings.signer_title.split("\n") if line.strip())
    return ["", title, settings.signer_name, "", "Nơi nhận:", *[f"- {r}" for r in settings.recipients]]
