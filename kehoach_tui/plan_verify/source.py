"""A source document as text the verifier can walk: title, sections, paragraphs.

The five documents are plain-text exports of Word files. What the export left in them is
undone here, the same way for every document: NFC; bookmarks ("[bookmark: …]"), HTML tags
and the bold/italic marks ("**", "*") dropped; runs of spaces and tabs collapsed. A line that starts
with a lower-case letter continues the paragraph before it (a page break in the middle of a
sentence). Lines with three tabs or more are table rows and are kept as they are (see `table_rows`).

Sections are named by their numbering: the Roman headings ("I", "II" … also "I-"), their
numbered items under them ("II.2", "V.1", a task "III.3.4" and its lettered sub-item
"III.3.4.c"), and the appendix ("PL"). A reference "§4.5.f" finds the section whose name
ends with it, so a task can be cited by its own code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_ROMAN = re.compile(r"^(?P<n>X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.-]\s*(?P<t>\S.*)$")
_NUMBERED = re.compile(r"^(?P<n>\d+(?:\.\d+){0,2})\.\s+(?P<t>\S.*)$")
_LETTERED = re.compile(r"^(?P<n>[a-zđ])[.)]\s+(?P<t>\S.*)$")
_APPENDIX = re.compile(r"^PHỤ LỤC\b")
_CLOSING = re.compile(r"^(?:Trên đây là|Nơi nhận|Noi nhận|TM\.|T/M )")
_BULLET = re.compile(r"^(?P<b>[-+–])\s+")


def norm(text: str) -> str:
    """One source string as the verifier compares it (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = _BOOKMARK.sub("", text)
    text = _TAG.sub(" ", text)
    text = text.replace("*", "")
    return _SPACES.sub(" ", text).strip()


@dataclass
class Para:
    """One paragraph of the body: a heading or a line of text."""

    text: str            # normalised, without its bullet mark or heading number
    section: str         # the section it belongs to ("III.1.1"); a heading names its own
    heading: bool = False
    number: str = ""     # a heading's own number as written ("1.1", "c", "IV")
    bullet: str = ""     # "-", "+" or ""
    line: int = 0

    @property
    def raw(self) -> str:
        """The paragraph with its bullet mark, as the document shows it."""
        return f"{self.bullet} {self.text}" if self.bullet else self.text


@dataclass
class SourceDoc:
    name: str                      # "004_7dd2a88bd7071e99.txt"
    lines: list[str]               # normalised lines (tabs kept), blank ones included
    paras: list[Para] = field(default_factory=list)
    title: str = ""
    titles: dict[str, str] = field(default_factory=dict)  # section → heading text

    @property
    def number(self) -> str:
        """The three-digit prefix a reference starts with ("004")."""
        return self.name[:3]

    @cached_property
    def flat(self) -> str:
        """The whole text on one line, for "does this string occur" checks."""
        return " ".join(line for line in (" ".join(x.split()) for x in self.lines) if line)

    def resolve(self, ref: str) -> str | None:
        """The full section name a reference means ("4.5.f" → "III.4.5.f"), or None."""
        ref = ref.strip()
        if ref in self.titles:
            return ref
        hits = [name for name in self.titles if name.endswith("." + ref)]
        return hits[0] if len(hits) == 1 else None

    def within(self, section: str) -> list[Para]:
        """Paragraphs of a section and of its subsections, in order."""
        return [p for p in self.paras if p.section == section or p.section.startswith(section + ".")]

    def section_text(self, section: str) -> str:
        return " ".join(p.text for p in self.within(section))


def load(path: Path) -> SourceDoc:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = [unicodedata.normalize("NFC", line) if _is_row(line) else norm(line) for line in text.split("\n")]
    doc = SourceDoc(name=path.name, lines=lines)
    _walk(doc)
    return doc


def _walk(doc: SourceDoc) -> None:
    roman = numbered = ""
    section = ""
    body = False
    title_lines: list[str] = []
    in_title = False
    for index, line in enumerate(doc.lines):
        if not line:
            continue
        if not body:
            if line.upper() == "KẾ HOẠCH" and not doc.title:
                in_title = True
                continue
            if in_title and re.match(r"^(?:Thực hiện|Căn cứ)\b", line):
                doc.title = " ".join(title_lines)
                in_title = False
            elif in_title:
                title_lines.append(line)
                continue
        if _is_row(line):
            continue  # a table row: read by table_rows
        if _APPENDIX.match(line):
            roman, numbered, section, body = "PL", "", "PL", True
            doc.titles["PL"] = line
            continue
        if _CLOSING.match(line):
            body = False
            continue
        m = _ROMAN.match(line)
        if m:
            roman = numbered = section = m["n"]
            body = True
            doc.titles[section] = m["t"]
            doc.paras.append(Para(m["t"], section, True, m["n"], line=index))
            continue
        if not body:
            continue
        m = _NUMBERED.match(line)
        if m and roman:
            numbered = section = f"{roman}.{m['n']}"
            doc.titles[section] = m["t"]
            doc.paras.append(Para(m["t"], section, True, m["n"], line=index))
            continue
        m = _LETTERED.match(line)
        if m and numbered:
            section = f"{numbered}.{m['n']}"
            doc.titles[section] = m["t"]
            doc.paras.append(Para(m["t"], section, True, m["n"], line=index))
            continue
        if line[0].islower() and doc.paras:
            last = doc.paras[-1]
            last.text = f"{last.text} {line}"
            if last.heading:
                doc.titles[last.section] = last.text
            continue
        m = _BULLET.match(line)
        bullet = m["b"] if m else ""
        doc.paras.append(Para(line[m.end():] if m else line, section, bullet=bullet, line=index))


def _is_row(line: str) -> bool:
    return line.count("\t") >= 3  # a table row has five cells; an indented line has one tab


def table_rows(doc: SourceDoc) -> list[list[str]]:
    """The appendix table: one list of cells per row, page-header rows dropped."""
    rows = []
    for line in doc.lines:
        if not _is_row(line):
            continue
        cells = [norm(cell) for cell in line.split("\t")]
        if cells[0] == "TT":
            continue
        rows.append(cells)
    return rows
