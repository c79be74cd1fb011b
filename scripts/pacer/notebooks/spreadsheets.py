"""The data of a notebook, for its no-code worksheet: one spreadsheet (.xlsx) and the CSV files.

A notebook's worksheet is the page ``worksheet-<notebook>.md`` beside it. The build writes,
beside that page, ``<notebook>-data.xlsx`` and a copy of each data file the notebook reads
(found by its ``data/...`` paths). The workbook opens with a sheet that says the data is
synthetic (the folder's ABOUT.txt); each table (.csv) is a sheet, and each text file (.txt,
such as a transcript) is a sheet with one line per row and an empty column for the reader's
codes or notes. Spreadsheets are build outputs, never committed; each is kept between builds
by what it is made from (scripts/pacer/cache.py), and openpyxl is loaded only to make one.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pacer import cache

WORKSHEET = "worksheet-{stem}.md"
DATA_PATH = re.compile(r"""["'](data/[^"'*?]+)["']""")
DATA_SUFFIXES = {".csv", ".txt"}
ABOUT = "ABOUT.txt"
YOUR_NOTES = "your codes or notes"
MAX_WIDTH = 60  # characters: wider columns wrap


@dataclass(frozen=True)
class DataFile:
    name: str    # the name it is published under, beside the worksheet page
    path: Path   # the file in the notebook's folder


def notebook_of(worksheet: Path) -> Path | None:
    """The notebook a worksheet page belongs to (``worksheet-x.md`` -> ``x.py``), if any."""
    match = re.fullmatch(r"worksheet-(.+)\.md", worksheet.name)
    notebook = worksheet.with_name(f"{match.group(1)}.py") if match else None
    return notebook if notebook is not None and notebook.is_file() else None


def data_files(notebook: Path) -> list[DataFile]:
    """The data files the notebook reads: each ``data/...`` path in its source, a folder
    standing for the data files in it."""
    found: dict[Path, None] = {}
    data = (notebook.parent / "data").resolve()
    for relative in DATA_PATH.findall(notebook.read_text(encoding="utf-8")):
        target = (notebook.parent / relative).resolve()
        if not target.is_relative_to(data):
            continue  # `data/../..` leads out of the module's data: never published
        paths = sorted(target.rglob("*")) if target.is_dir() else [target]
        found.update((p, None) for p in paths if p.is_file() and p.suffix in DATA_SUFFIXES and p.name != ABOUT)
    return [DataFile(p.name, p) for p in found]


def workbook_bytes(notebook: Path, files: list[DataFile]) -> bytes:
    """The workbook: a sheet about the data, then one sheet per data file."""
    from openpyxl import Workbook  # here, not above: a build that finds it kept never loads openpyxl
    book = Workbook()
    about = book.active
    about.title = "About this data"
    about_file = notebook.parent / "data" / ABOUT
    lines = about_file.read_text(encoding="utf-8").splitlines() if about_file.is_file() else ["SYNTHETIC DATA"]
    _fill(about, [["About this data"]] + [[line] for line in lines])
    for data in files:
        sheet = book.create_sheet(sheet_title(data.path.stem, book.sheetnames))
        text = data.path.read_text(encoding="utf-8")
        if data.path.suffix == ".csv":
            _fill(sheet, list(csv.reader(io.StringIO(text))))
        else:
            rows = [["line", "text", YOUR_NOTES]] + [[n, line, ""] for n, line in
                                                     enumerate((l for l in text.splitlines() if l.strip()), start=1)]
            _fill(sheet, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, rows: list[list]) -> None:
    from openpyxl.styles import Alignment, Font
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        longest = max((len(str(c.value or "")) for c in column), default=10)
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest, 8) + 2, MAX_WIDTH)
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def sheet_title(name: str, taken=()) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), different from the others."""
    title = re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet"
    number = 2
    while title in taken:
        title = f"{title[:28]}-{number}"
        number += 1
    return title


def workbook_name(notebook: Path) -> str:
    return f"{notebook.stem}-data.xlsx"


def write(notebook: Path, folder: Path, store: cache.Store) -> None:
    """Write the workbook and the data files into ``folder`` (the worksheet page's folder); the
    workbook is kept in ``store`` by what it is made from."""
    files = data_files(notebook)
    about = notebook.parent / "data" / ABOUT
    entry_key = cache.key(Path(__file__), about, [(data.name, data.path) for data in files], _openpyxl_version())
    book = store.get(entry_key)
    if book is None:
        book = workbook_bytes(notebook, files)
        store.put(entry_key, book)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / workbook_name(notebook)).write_bytes(book)
    for data in files:
        (folder / data.name).write_bytes(data.path.read_bytes())


def _openpyxl_version() -> str:
    from importlib import metadata

    return metadata.version("openpyxl")
