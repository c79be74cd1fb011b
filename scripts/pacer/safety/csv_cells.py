"""Data values that a spreadsheet would run as a formula, made plain text (OWASP's CSV advice).

A learner who opens a published CSV file in Excel or LibreOffice gets a formula for every cell
that starts with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(...)`` links out, ``=cmd|...`` can
start a program). Such a value is published with a leading apostrophe, which spreadsheets show
as text; numbers like ``-3`` or ``+1.5`` stay numbers.
"""

from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def formula_like(value: str) -> bool:
    return value.startswith(FORMULA_START) and not NUMBER.fullmatch(value.strip())


def formula_cells(text: str) -> list[tuple[int, int, str]]:
    """(line, column, value) of every cell that would run as a formula (1-based; a row that
    spans lines is reported on its first). A file that is not valid CSV has none here: the
    checks that read it report it."""
    found, reader, line = [], csv.reader(io.StringIO(text)), 1
    try:
        for row in reader:
            found += [(line, column, value) for column, value in enumerate(row, start=1) if formula_like(value)]
            line = reader.line_num + 1
    except csv.Error:
        pass
    return found


def neutralised(text: str) -> str | None:
    """The CSV with every formula-like cell made text, or None when it has none."""
    if not any(formula_like(value) for row in csv.reader(io.StringIO(text)) for value in row):
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow(["'" + value if formula_like(value) else value for value in row])
    return out.getvalue()
