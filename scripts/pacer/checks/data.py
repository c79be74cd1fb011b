"""Synthetic data: labelled as synthetic, and free of anything like a real person's details."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pacer.rules import problem

# Personal details in data files. Written to catch real-looking details and little else.
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
PERSONAL_DETAILS = [
    ("MOD602", "an email address", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    ("MOD603", "a phone number", re.compile(r"(?<![\w-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")),
    ("MOD604", "a health number", re.compile(
        r"(?<![\w-])(?:\d{5}-\d{4}|\d{4}[- ]\d{3}[- ]\d{3}(?:[- ]?[A-Z]{2})?|\d{9,10})(?![\w-])"
        r"|\b(?:PHN|OHIP|AHCIP|MSP|health[ -](?:card|number))\b\W{0,5}(?:no\.?|number|#)?\W{0,3}\d", re.IGNORECASE)),
    ("MOD605", "a postal code", re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b")),
    ("MOD606", "a date of birth", re.compile(
        r"\b(?:date[ _]of[ _]birth|birth[ _]?date|d\.?o\.?b)\b\W{0,3}.{0,12}?\d"
        rf"|\bborn(?: on)? (?:\d{{1,2}} {MONTH},? \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})",
        re.IGNORECASE)),
]
BIRTH_COLUMN = re.compile(r"^(?:date[ _]?of[ _]?birth|birth[ _]?date|dob)$", re.IGNORECASE)


def check_data(ctx, path: Path) -> None:
    text, shown = ctx.read(path)
    if text is None:
        return
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    suffix = path.suffix.lower()
    if suffix == ".txt" and not first.upper().startswith("SYNTHETIC DATA"):
        ctx.problems.append(problem(shown, 1, "MOD601", "the text file does not start with SYNTHETIC DATA"))
    elif suffix in (".yml", ".yaml") and not re.match(r"^#\s*SYNTHETIC DATA", first, re.IGNORECASE):
        ctx.problems.append(problem(shown, 1, "MOD601", "the YAML file does not start with `# SYNTHETIC DATA`"))
    elif suffix == ".csv" and not _labelled_folder(path.parent):
        ctx.problems.append(problem(shown, 1, "MOD601", f"there is no ABOUT.txt starting with SYNTHETIC DATA in {ctx.shown(path.parent)}/"))
    check_personal_details(ctx, text, shown, suffix)
    if suffix == ".csv":
        check_formula_values(ctx, text, shown)


NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?$")


def check_formula_values(ctx, text: str, shown: str) -> None:
    """Values a spreadsheet program would take for a formula when it opens the CSV file: those
    starting with = or @, and those starting with + or - that are not plain numbers."""
    reader = csv.reader(io.StringIO(text))
    start = 1
    try:
        for row in reader:
            for column, value in enumerate(row, 1):
                if value[:1] in ("=", "@") or (value[:1] in ("+", "-") and not NUMBER.match(value.strip())):
                    ctx.problems.append(problem(shown, start, "MOD607", f"the value \"{value[:40]}\" (column {column}) "
                                                "starts like a formula", column))
            start = reader.line_num + 1
    except csv.Error:
        return  # a file that is not valid CSV is reported by the checks that read it


def check_personal_details(ctx, text: str, shown: str, suffix: str) -> None:
    lines = text.splitlines()
    if suffix == ".csv" and lines:
        for column, name in enumerate(lines[0].split(","), 1):
            if BIRTH_COLUMN.match(name.strip().strip('"')):
                ctx.problems.append(problem(shown, 1, "MOD606", f"the column \"{name.strip()}\" holds dates of birth", column))
    for number, line in enumerate(lines, 1):
        for code, what, pattern in PERSONAL_DETAILS:
            match = pattern.search(line)
            if match:
                ctx.problems.append(problem(shown, number, code, f"\"{match.group(0).strip()}\" looks like {what}", match.start() + 1))


def _labelled_folder(folder: Path) -> bool:
    for about in folder.glob("*"):
        if about.name.lower() == "about.txt" and about.is_file():
            try:
                head = about.read_text(encoding="utf-8").lstrip("\ufeff").lstrip()
            except (OSError, UnicodeDecodeError):
                return False
            return head.upper().startswith("SYNTHETIC DATA")
    return False
