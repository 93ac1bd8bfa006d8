"""The report as one .csv (utf-8-sig so Excel reads the diacritics): every table of the
report in long form — section, table, row number, column, value — plus the headline figures,
easy to stack across communes and periods.

The separator is "," by default; Excel with Vietnamese regional settings expects ";"
(`--csv-sep ";"` or the report setting). Text starting with = + - @, a tab or a carriage
return gets a leading apostrophe, so a spreadsheet never runs it as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

from .layout import Table, appendix, sections
from .model import ReportModel
from .xlsx_writer import FORMULA_START

HEADERS = ["ma_xa", "ky_tu", "ky_den", "muc", "bang", "dong", "cot", "gia_tri"]


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return safe_text(value)
    return str(value)


def safe_text(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_START) else text


def render_csv(model: ReportModel, commune_code: str = "", sep: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(HEADERS)
    start, end = model.period.start.isoformat(), model.period.end.isoformat()
    totals = model.totals._asdict()
    for index, (name, value) in enumerate(totals.items(), start=1):
        writer.writerow([safe_text(commune_code), start, end, "Tổng hợp", "totals", index, name, value])
    for section in [*sections(model), appendix(model)]:
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            for row_number, values in enumerate(block.rows, start=1):
                for header, value in zip(block.headers, values, strict=True):
                    writer.writerow([safe_text(commune_code), start, end, section.number, block.key, row_number,
                                     header, _value(value)])
    return out.getvalue().encode("utf-8-sig")
