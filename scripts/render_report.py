"""Render a report .docx as the officer will see it: LibreOffice → PDF → one PNG per page.

    uv run python scripts/render_report.py FILE.docx [--out DIR] [--dpi 70]

Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils) on PATH. Prints the PNG paths,
one per page, so the pages can be looked at (the report's layout is checked by eye: the
signature page holds the last paragraph, no date or abbreviation breaks inside a cell).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(docx: Path, out: Path, dpi: int = 70) -> list[Path]:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = out / (docx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / docx.stem)], check=True, timeout=300)
    return sorted(out.glob(f"{docx.stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    pages = render(args.docx, args.out or args.docx.parent / "pages", args.dpi)
    for page in pages:
        print(page)
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())
