"""The team workbook's templates (docs/workbook/*.md): the checks their source must pass.

A template is a Markdown page with front matter (``contract.TEMPLATE_SCHEMA``): its title,
purpose, who fills it in, the modules that teach it, the files the build makes from it, and,
for a spreadsheet, its columns. The model (pacer/model.py) reads each template once and adds
the problems found here; the build (pacer/workbook_files.py) converts only templates that pass.
"""

from __future__ import annotations

import re

from pacer.model.blocks import FACILITATOR_HEADER
from pacer.model.contract import SPREADSHEET_FORMATS
from pacer.model.frontmatter import line_of
from pacer.report import Problem
from pacer.rules import problem

FOLDER = "docs/workbook"          # the templates' folder in the repository
SITE_FOLDER = "workbook"          # ... and on the site
DOWNLOADS = "workbook/downloads"  # where the built files are published
TABLE_ROW = re.compile(r"^\s*\|")
COLUMN_KEYS = ("name", "help", "allowed")


def check(page, module_keys: set[str]) -> list[Problem]:
    """Problems of one template (a pages.Page) beyond its schema: modules, formats, columns and tables."""
    shown, lines, meta, written = page.shown, page.lines, page.meta, page.front_matter
    found = [problem(shown, line_of(lines, ("modules", index)), "MOD802", f"`{key}` is not a module folder")
             for index, key in enumerate(meta.get("modules") or []) if key not in module_keys]
    formats = meta.get("formats")
    if isinstance(formats, list):
        missing = [need for need, present in (("docx", "docx" in formats), ("pdf", "pdf" in formats),
                                              ("odt or ods", "odt" in formats or "ods" in formats)) if not present]
        if missing:
            found.append(problem(shown, line_of(lines, ("formats",)), "MOD803", f"the formats lack {' and '.join(missing)}"))
        spreadsheet = [f for f in formats if f in SPREADSHEET_FORMATS]
        if spreadsheet and "columns" not in written:
            found.append(problem(shown, line_of(lines, ("formats",)), "MOD804",
                                 f"the formats include {' and '.join(spreadsheet)} but the template has no `columns`"))
        if "columns" in written and not spreadsheet:
            found.append(problem(shown, line_of(lines, ("columns",)), "MOD804",
                                 "the template has `columns` but its formats include neither xlsx nor ods"))
    found += _check_columns(shown, written.get("columns"), lines)
    found += check_tables(page)
    notes = FACILITATOR_HEADER.search(page.body)
    if notes:  # the template's files are public downloads: the learner view's rules do not reach them
        found.append(problem(shown, page.body_line + page.body[:notes.start()].count("\n"), "MOD808",
                             "the template holds a facilitator block"))
    return found


def _check_columns(shown: str, columns, lines: dict) -> list[Problem]:
    if not isinstance(columns, list):
        return []  # a missing or mistyped list is the schema's to report
    found, names = [], {}
    for index, column in enumerate(columns):
        at = line_of(lines, ("columns", index))
        if not isinstance(column, dict):
            found.append(problem(shown, at, "MOD804", f"column {index + 1} is not `name:` and `help:` lines"))
            continue
        for key in ("name", "help"):
            if not isinstance(column.get(key), str) or not column[key].strip():
                found.append(problem(shown, at, "MOD804", f"column {index + 1} has no `{key}` text"))
        for key in sorted(set(map(str, column)) - set(COLUMN_KEYS)):
            found.append(problem(shown, line_of(lines, ("columns", index, key)), "MOD804",
                                 f"`{key}` is not a column key (column keys: {', '.join(COLUMN_KEYS)})"))
        allowed = column.get("allowed")
        if "allowed" in column and (not isinstance(allowed, list) or not allowed
                                    or not all(isinstance(v, (str, int)) and str(v).strip() for v in allowed)):
            found.append(problem(shown, line_of(lines, ("columns", index, "allowed")), "MOD804",
                                 f"the `allowed` values of column {index + 1} are not a list of text"))
        name = column.get("name")
        if isinstance(name, str) and name.strip():
            if name.strip().casefold() in names:
                found.append(problem(shown, at, "MOD804", f"the column name \"{name}\" is also used by column {names[name.strip().casefold()]}"))
            names.setdefault(name.strip().casefold(), index + 1)
    return found


def _cells(line: str) -> int:
    """The number of cells in a table row (pipes inside `code` or escaped do not count)."""
    text = re.sub(r"`[^`]*`|\\\|", "", line.strip())
    return len(text.strip("|").split("|"))


def check_tables(page) -> list[Problem]:
    """Every table row is part of a table, with as many cells as its header (MOD805)."""
    shown, body_line, flat = page.shown, page.body_line, page.scan.flat
    rows = {index for index, line in enumerate(flat.split("\n")) if TABLE_ROW.match(line)}
    found, in_table = [], set()
    lines = flat.split("\n")
    for token in page.tokens:
        if token.type == "table_open" and token.map:
            start, end = token.map
            in_table.update(range(start, end))
            header = _cells(lines[start])
            for index in range(start + 2, end):
                if lines[index].strip() and _cells(lines[index]) != header:
                    found.append(problem(shown, body_line + index, "MOD805",
                                         f"this row has {_cells(lines[index])} cells but the header has {header}"))
    for index in sorted(rows - in_table):
        found.append(problem(shown, body_line + index, "MOD805",
                             "this line starts with `|` but is not part of a table (is the `| --- |` line missing?)"))
        break  # one message per broken table is enough
    return found
