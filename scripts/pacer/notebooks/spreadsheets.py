"""A notebook's no-code worksheet as a spreadsheet (.xlsx and .ods), and its data files.

A notebook's worksheet is the page ``worksheet-<notebook>.md`` beside it. The build writes,
beside that page, ``<notebook>-data.xlsx`` and ``<notebook>-data.ods`` and a copy of each data
file the notebook reads (found by its ``data/...`` paths). Each spreadsheet holds, in order:

* "Steps": the worksheet's title, a link to its page, its content note, its steps in plain
  words (from the page's "Steps" list), and what each sheet is for;
* "About this data": that the data is synthetic, and the notes about the data that its
  ``data/ABOUT.txt`` gives in paragraphs starting with "About" (the rest of that file speaks
  of folders and files, which the spreadsheet does not have), and each data sheet's columns;
* one sheet per data file: a table (.csv) as it is, a text (.txt, such as a transcript) one
  line per row with an empty column for the reader's codes or notes;
* the tables the learner fills in, from the worksheet page's ``fill_in`` (module contract):
  a filled example row, and columns that count, add up or average what the learner wrote in
  another sheet, with formulas the build writes itself.

Every cell that comes from data (the data sheets, the rows a table takes from the data, the
example rows) is written as text, never as a formula, even when it starts with ``=``. Every
sheet prints on US Letter, one page wide (landscape when wide), with its header row repeated
and "page X of Y" in its footer; each file has a title, the language en-CA and, as created and
modified dates, the date of the last commit of what it is made from. The workbook's
spreadsheet templates (scripts/pacer/workbook/documents.py) are written by the same
``xlsx_bytes`` and ``ods_bytes``, with their columns' widths and lists of allowed values.
Spreadsheets are build outputs, never committed; each is kept between builds by what it is
made from (scripts/pacer/cache.py), and openpyxl and odfpy are loaded only to make one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pacer import cache, history
from pacer.model import pages
from pacer.rules import problem

WORKSHEET = "worksheet-{stem}.md"
DATA_PATH = re.compile(r"""["'](data/[^"'*?]+)["']""")
DATA_SUFFIXES = {".csv", ".txt"}
ABOUT = "ABOUT.txt"
YOUR_NOTES = "your codes or notes"
MAX_WIDTH = 60         # characters: wider columns wrap
LANDSCAPE_WIDTH = 95   # characters: a sheet wider than this prints across the page
SPARE_ROWS = 15        # rows of a fill-in table that carry its formulas, past its given rows
RANGE_ROWS = 500       # rows a formula looks at in another sheet
CHOICE_ROWS = 500      # rows a list of allowed values covers (rows 2 to CHOICE_ROWS)
FORMATS = ("xlsx", "ods")
TALLIES = ("count", "sum", "average")  # what a fill-in column may work out from another sheet


class WorksheetError(Exception):
    """A worksheet's fill-in tables name a sheet or column that does not exist (BLD024)."""

    def __init__(self, shown: str, line: int, detail: str):
        super().__init__(detail)
        self.problem = problem(shown, line, "BLD024", detail)


@dataclass(frozen=True)
class DataFile:
    name: str    # the name it is published under, beside the worksheet page
    path: Path   # the file in the notebook's folder


@dataclass(frozen=True)
class Formula:
    """A formula the build writes (never a value from data): the same one in each format."""
    xlsx: str
    ods: str


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class Choice:
    """A column whose cells take one of a list of values, with a note on what to write."""
    allowed: tuple[str, ...]
    title: str
    prompt: str


@dataclass
class Sheet:
    title: str
    rows: list[list] = field(default_factory=list)   # str (always text), a number, Formula or Link
    example: bool = False                             # row 2 is a filled example
    bold: set[int] = field(default_factory=set)       # rows shown in bold besides the first (1-based)
    column_widths: list[int] | None = None            # in characters; None: as wide as the contents
    choices: dict[int, Choice] = field(default_factory=dict)  # column (0-based) -> its allowed values

    def widths(self) -> list[int]:
        if self.column_widths is not None:
            return self.column_widths
        count = max((len(row) for row in self.rows), default=0)
        return [min(max(max((len(_shown(row[i])) for row in self.rows if i < len(row)), default=0), 8) + 2, MAX_WIDTH)
                for i in range(count)]

    def landscape(self) -> bool:
        return sum(self.widths()) > LANDSCAPE_WIDTH


def _shown(value) -> str:
    if isinstance(value, Link):
        return value.text
    return "" if isinstance(value, Formula) else str(value)


# --- what the spreadsheet is made from -------------------------------------------------------------

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


def plain(markdown: str) -> str:
    """A line of Markdown as plain words: no emphasis marks, links as their text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = re.sub(r"(?<!\w)_(\S[^_]*)_(?!\w)", r"\1", text)
    return " ".join(text.split())


def page_steps(body: str) -> list[str]:
    """The items of the numbered list under the page's "## Steps" heading, as plain words."""
    section = re.search(r"^## Steps\s*\n(.*?)(?=^## |\Z)", body, re.MULTILINE | re.DOTALL)
    steps: list[str] = []
    for line in (section.group(1).splitlines() if section else []):
        item = re.match(r"^\d+\.\s+(.*)", line)
        if item:
            steps.append(item.group(1))
        elif steps and line.startswith(" ") and line.strip():
            steps[-1] += " " + line.strip()
    return [plain(step) for step in steps]


def content_notes(body: str) -> list[str]:
    """The text of the page's content notes (``!!! content-note``), as plain words."""
    notes = []
    for match in re.finditer(r"^!!! content-note[^\n]*\n((?:    [^\n]*\n|\s*\n)+)", body, re.MULTILINE):
        notes.append(plain(match.group(1)))
    return notes


def about_notes(notebook: Path) -> list[str]:
    """From ``data/ABOUT.txt``: its first paragraph (the SYNTHETIC DATA label) and the
    paragraphs that start with "About", each as one line."""
    about = notebook.parent / "data" / ABOUT
    text = about.read_text(encoding="utf-8") if about.is_file() else "SYNTHETIC DATA"
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return paragraphs[:1] + [p for p in paragraphs[1:] if p.startswith("About ")]


# --- the sheets ---------------------------------------------------------------------------------------

def book_sheets(notebook: Path, worksheet: Path, page_url: str, shown: str) -> list[Sheet]:
    """Every sheet of the worksheet's spreadsheet, in order."""
    page = pages.read(worksheet, shown, "page")  # the page the model read, as it is written
    title = str(page.front_matter.get("title", worksheet.stem))
    data = [_data_sheet(item) for item in data_files(notebook)]
    taken = ["Steps", "About this data"]
    for sheet in data:
        sheet.title = sheet_title(sheet.title, taken)
        taken.append(sheet.title)
    line = page.lines.get(("fill_in",), 1)
    fill_in = _fill_in_sheets(page.front_matter.get("fill_in") or [], data, taken, shown, line)
    about = Sheet("About this data", [["About this data"]] + [[line] for line in about_notes(notebook)] + [[""]]
                  + [["Sheet", "What it holds"]] + [[s.title, _described(s)] for s in data])
    rows = [[title], [Link(page_url, f"The worksheet's page: {page_url}")], [""]]
    rows += [[f"Content note: {note}"] for note in content_notes(page.body)]
    headings = {len(rows) + 1}
    rows += [["Steps"]] + [[f"{n}. {step}"] for n, step in enumerate(page_steps(page.body), 1)] + [[""]]
    headings.add(len(rows) + 1)
    rows += [["The sheets in this file"], ["About this data: where the data comes from, and what each sheet holds."]]
    rows += [[f"{s.title}: the data, as text."] for s in data]
    rows += [[f"{sheet.title}: {note} (you fill it in{'; the first row is an example' if sheet.example else ''})"]
             for sheet, note in fill_in]
    about.bold = {len(about.rows) - len(data)}
    return [Sheet("Steps", rows, bold=headings), about, *data, *(sheet for sheet, _note in fill_in)]


def _data_sheet(data: DataFile) -> Sheet:
    text = data.path.read_text(encoding="utf-8")
    if data.path.suffix == ".csv":
        return Sheet(data.path.stem, [list(row) for row in csv.reader(io.StringIO(text))])
    lines = (line for line in text.splitlines() if line.strip())
    return Sheet(data.path.stem, [["line", "text", YOUR_NOTES]] + [[n, line, ""] for n, line in enumerate(lines, 1)])


def _described(sheet: Sheet) -> str:
    if sheet.rows and sheet.rows[0] == ["line", "text", YOUR_NOTES]:
        return f"a text, one line per row ({len(sheet.rows) - 1} lines), with a column for your codes or notes"
    return f"{len(sheet.rows) - 1} rows; columns: {', '.join(map(str, sheet.rows[0] if sheet.rows else []))}"


def _fill_in_sheets(tables: list[dict], data: list[Sheet], taken: list[str], shown: str, line: int) -> list[tuple[Sheet, str]]:
    """The fill-in tables: (sheet, what it is for). Their formulas refer to sheets by name."""
    made: list[tuple[Sheet, str]] = []
    known = {s.title: [str(c) for c in (s.rows[0] if s.rows else [])] for s in data}
    for table in tables:
        title = sheet_title(str(table["sheet"]), taken)
        taken.append(title)
        columns = _expanded(table["columns"], known, data, shown, line)
        names = [c["name"] for c in columns]
        known[title] = names
        rows = [str(v) for v in table.get("rows") or []]
        rows += _rows_from(table["rows_from"], data, shown, line) if table.get("rows_from") else []
        example = list(table.get("example") or [])  # values of the columns the learner fills in, in order
        sheet = Sheet(title, [names], example=bool(example))
        body = ([example] if example else []) + [[value] for value in rows]
        tallies = any(kind in column for column in columns for kind in TALLIES)
        for number in range(2, 2 + len(body) + (SPARE_ROWS if tallies else 0)):
            given = list(body[number - 2]) if number - 2 < len(body) else []
            row = []
            for column in columns:
                if any(kind in column for kind in TALLIES):
                    row.append(_formula(column, names, number, known, shown, line))
                else:
                    value = given.pop(0) if given else ""
                    row.append(value if isinstance(value, (int, float)) else str(value))
            sheet.rows.append(row)
        made.append((sheet, plain(str(table["about"]))))
    return made


def _expanded(columns: list, known: dict, data: list[Sheet], shown: str, line: int) -> list[dict]:
    """Columns as dicts; one with ``for_each: {sheet, column}`` becomes one column per value of
    that column, with ``{value}`` in its name and its tally replaced by the value."""
    out = []
    for column in columns:
        column = {"name": column} if isinstance(column, str) else dict(column)
        each = column.pop("for_each", None)
        if each is None:
            out.append(column)
            continue
        out += [_filled(column, value) for value in _rows_from(each, data, shown, line)]
    return out


def _filled(item, value: str):
    if isinstance(item, dict):
        return {_filled(k, value): _filled(v, value) for k, v in item.items()}
    if isinstance(item, list):
        return [_filled(v, value) for v in item]
    return item.replace("{value}", value) if isinstance(item, str) else item


def _rows_from(source: dict, data: list[Sheet], shown: str, line: int) -> list[str]:
    """The different values of a data sheet's column, in their first order."""
    sheet = next((s for s in data if s.title == source["sheet"]), None)
    if sheet is None or str(source["column"]) not in sheet.rows[0]:
        raise WorksheetError(shown, line, f"fill_in takes rows from the column \"{source['column']}\" of the sheet "
                             f"\"{source['sheet']}\", which {'has no such column' if sheet else 'does not exist'}")
    index = sheet.rows[0].index(str(source["column"]))
    return list(dict.fromkeys(str(row[index]) for row in sheet.rows[1:] if index < len(row) and str(row[index]).strip()))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _formula(column: dict, names: list[str], row: int, known: dict, shown: str, line: int) -> Formula:
    """``count`` (rows of another sheet that match), ``sum`` or ``average`` (of a column of the
    rows that match), blank while the row's first cell is empty."""
    kind = next(k for k in TALLIES if k in column)
    spec = column[kind]
    target = str(spec["sheet"])
    if target not in known:
        raise WorksheetError(shown, line, f"the column \"{column['name']}\" counts in the sheet \"{target}\", which does not exist")
    their = known[target]

    def their_range(name: str, ods: bool) -> str:
        if name not in their:
            raise WorksheetError(shown, line, f"the column \"{column['name']}\" uses the column \"{name}\" of the sheet "
                                 f"\"{target}\", which has no such column")
        letter = _letter(their.index(name))
        quoted = "'" + target.replace("'", "''") + "'"
        if ods:
            return f"[${quoted}.${letter}$2:.${letter}${RANGE_ROWS}]"
        return f"{quoted}!${letter}$2:${letter}${RANGE_ROWS}"

    def ours(name: str, ods: bool) -> str:
        if name not in names:
            raise WorksheetError(shown, line, f"the column \"{column['name']}\" matches on \"{name}\", "
                                 "which is not a column of its own table")
        letter = _letter(names.index(name))
        return f"[.${letter}{row}]" if ods else f"${letter}{row}"

    def build(ods: bool) -> str:
        sep = ";" if ods else ","
        same = spec.get("same") or []
        pairs = same.items() if isinstance(same, dict) else [(n, n) for n in same]
        criteria = [f"{their_range(theirs, ods)}{sep}{ours(own, ods)}" for theirs, own in pairs]
        criteria += [f"{their_range(name, ods)}{sep}{_text(str(value))}" for name, value in (spec.get("where") or {}).items()]
        if kind == "count":
            value = f"COUNTIFS({sep.join(criteria)})"
        else:
            function = "SUMIFS" if kind == "sum" else "AVERAGEIFS"
            value = f"{function}({their_range(str(spec['of']), ods)}{sep}{sep.join(criteria)})"
            if kind == "average":
                value = f"IFERROR(ROUND({value}{sep}1){sep}\"\")"
        first = f"[.$A{row}]" if ods else f"$A{row}"
        formula = f"IF({first}=\"\"{sep}\"\"{sep}{value})"
        return f"of:={formula}" if ods else f"={formula}"

    return Formula(build(False), build(True))


def sheet_title(name: str, taken=()) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), different from the others."""
    title = re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "Sheet"
    number = 2
    while title in taken:
        title = f"{title[:28]}-{number}"
        number += 1
    return title


# --- the files ------------------------------------------------------------------------------------------

def xlsx_bytes(sheets: list[Sheet], title: str, date: dt.date, footer: str | None = None) -> bytes:
    """The .xlsx file, created and modified on ``date``; each page's footer is ``footer`` (the
    sheet's name when None), then "page X of Y"."""
    from openpyxl import Workbook  # here, not above: a build that finds it kept never loads openpyxl
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.language = "en-CA"
    book.properties.created = book.properties.modified = history.stamp(date)
    for sheet in sheets:
        out = book.create_sheet(sheet.title)
        for r, row in enumerate(sheet.rows, 1):
            for c, value in enumerate(row, 1):
                cell = out.cell(row=r, column=c)
                if isinstance(value, Formula):
                    cell.value = value.xlsx
                elif isinstance(value, Link):
                    cell.value, cell.hyperlink, cell.style = value.text, value.url, "Hyperlink"
                elif isinstance(value, (int, float)):  # line numbers, and numbers in an example row
                    cell.value = value
                else:  # text, whatever it looks like: never a formula
                    cell.value = str(value)
                    cell.data_type = TYPE_STRING
                    cell.quotePrefix = str(value)[:1] in "=+-@"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if r == 1 or r in sheet.bold:
                    cell.font = Font(bold=True)
                elif r == 2 and sheet.example:
                    cell.font = Font(italic=True)
        for index, width in enumerate(sheet.widths()):
            out.column_dimensions[_letter(index)].width = width
        for index, choice in sheet.choices.items():
            letter = _letter(index)
            rule = DataValidation(type="list", formula1=_text(",".join(v.replace('"', "'") for v in choice.allowed)),
                                  allow_blank=True, showErrorMessage=True, errorTitle="Not in the list",
                                  error=f"Choose one of: {', '.join(choice.allowed)}"[:255],
                                  promptTitle=choice.title[:32], prompt=choice.prompt[:255])
            rule.showInputMessage = True
            rule.add(f"{letter}2:{letter}{CHOICE_ROWS}")
            out.add_data_validation(rule)
        out.freeze_panes = "A2"
        out.print_title_rows = "1:1"
        out.page_setup.orientation = "landscape" if sheet.landscape() else "portrait"
        out.page_setup.paperSize = out.PAPERSIZE_LETTER
        out.page_setup.fitToWidth, out.page_setup.fitToHeight = 1, 0
        out.sheet_properties.pageSetUpPr.fitToPage = True
        out.oddFooter.center.text = ("&A" if footer is None else footer.replace("&", "&&")) + ", page &P of &N"
    buffer = io.BytesIO()
    # openpyxl's save() sets the modified date to now; its writer writes the properties as set
    # (and closes the archive).
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


def ods_bytes(sheets: list[Sheet], title: str, date: dt.date, footer: str | None = None) -> bytes:
    """The .ods file, laid out, printed and dated as ``xlsx_bytes`` makes the .xlsx."""
    from odf import dc, meta
    from odf.namespaces import LOEXTNS
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (Footer, MasterPage, PageLayout, PageLayoutProperties, Style,
                           TableCellProperties, TableColumnProperties, TableProperties, TableRowProperties,
                           TextProperties)
    from odf.table import (ContentValidation, ContentValidations, Table, TableCell, TableColumn,
                           TableHeaderRows, TableRow)
    from odf.text import A, P, PageCount, PageNumber, SheetName

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="en-CA"))
    when = history.stamp(date).isoformat()
    document.meta.addElement(meta.CreationDate(text=when))
    document.meta.addElement(dc.Date(text=when))
    styles = {}
    for name, text in (("Body", {}), ("Header", {"fontweight": "bold"}), ("Example", {"fontstyle": "italic"})):
        style = Style(name=name, family="table-cell")
        style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
        if text:
            style.addElement(TextProperties(**text))
        document.automaticstyles.addElement(style)
        styles[name] = style
    masters = {}
    for orientation, (width, height) in (("portrait", ("8.5in", "11in")), ("landscape", ("11in", "8.5in"))):
        layout = PageLayout(name=f"Letter-{orientation}")
        properties = PageLayoutProperties(pagewidth=width, pageheight=height, printorientation=orientation,
                                          margin="0.5in")
        properties.setAttrNS(LOEXTNS, "scale-to-X", "1")  # one page wide, as many pages down as it takes
        properties.setAttrNS(LOEXTNS, "scale-to-Y", "0")
        layout.addElement(properties)
        document.automaticstyles.addElement(layout)
        master = MasterPage(name=f"Sheet-{orientation}", pagelayoutname=layout)
        line = P()
        if footer is None:
            line.addElement(SheetName())
        else:
            line.addText(footer)
        line.addText(", page ")
        line.addElement(PageNumber())
        line.addText(" of ")
        line.addElement(PageCount())
        foot = Footer()
        foot.addElement(line)
        master.addElement(foot)
        document.masterstyles.addElement(master)
        table_style = Style(name=f"Table-{orientation}", family="table", masterpagename=master)
        table_style.addElement(TableProperties(display="true"))
        document.automaticstyles.addElement(table_style)
        masters[orientation] = table_style
    row_style = Style(name="Row", family="table-row")  # each row as tall as its wrapped text
    row_style.addElement(TableRowProperties(useoptimalrowheight="true"))
    document.automaticstyles.addElement(row_style)
    widths: dict[int, Style] = {}
    validations, tables = ContentValidations(), []
    for number, sheet in enumerate(sheets):
        table = Table(name=sheet.title, stylename=masters["landscape" if sheet.landscape() else "portrait"])
        for width in sheet.widths():
            if width not in widths:
                widths[width] = Style(name=f"Width{width}", family="table-column")
                widths[width].addElement(TableColumnProperties(columnwidth=f"{width * 0.21:.2f}cm"))
                document.automaticstyles.addElement(widths[width])
            table.addElement(TableColumn(stylename=widths[width]))
        for r, values in enumerate(sheet.rows, 1):
            row = TableRow(stylename=row_style)
            style = (styles["Header"] if r == 1 or r in sheet.bold else
                     styles["Example"] if r == 2 and sheet.example else styles["Body"])
            for value in values:
                if isinstance(value, Formula):
                    cell = TableCell(stylename=style, formula=value.ods, valuetype="float")
                elif isinstance(value, (int, float)):
                    cell = TableCell(stylename=style, valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif isinstance(value, Link):
                    cell = TableCell(stylename=style, valuetype="string")
                    paragraph = P()
                    paragraph.addElement(A(href=value.url, text=value.text))
                    cell.addElement(paragraph)
                else:  # text, whatever it looks like: never a formula
                    cell = TableCell(stylename=style, valuetype="string")
                    cell.addElement(P(text=str(value)))
                row.addElement(cell)
            if r == 1:  # printed at the top of every page
                header = TableHeaderRows()
                header.addElement(row)
                table.addElement(header)
            else:
                table.addElement(row)
        if sheet.choices:  # empty rows down to CHOICE_ROWS whose cells keep the lists of values
            names = {index: f"Allowed-{number}-{index}" for index in sheet.choices}
            for index, choice in sheet.choices.items():
                values = ";".join(_text(v.replace('"', "'")) for v in choice.allowed)
                validations.addElement(ContentValidation(name=names[index], allowemptycell="true",
                                                         condition=f"of:cell-content-is-in-list({values})"))
            blank = TableRow(numberrowsrepeated=CHOICE_ROWS - len(sheet.rows))
            for index in range(len(sheet.widths())):
                blank.addElement(TableCell(contentvalidationname=names[index]) if index in names else TableCell())
            table.addElement(blank)
        tables.append(table)
    if validations.childNodes:  # the lists come before the tables that use them
        document.spreadsheet.addElement(validations)
    for table in tables:
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def workbook_name(notebook: Path, fmt: str = "xlsx") -> str:
    return f"{notebook.stem}-data.{fmt}"


def write(notebook: Path, folder: Path, store: cache.Store, worksheet: Path | None = None, page_url: str = "",
          shown: str = "", dates: history.History | None = None) -> None:
    """Write the spreadsheets and the data files into ``folder`` (the worksheet page's folder);
    each spreadsheet is kept in ``store`` by what it is made from. ``dates``: the build's reading
    of the git history (read here when not given)."""
    worksheet = worksheet or notebook.with_name(WORKSHEET.format(stem=notebook.stem))
    files = data_files(notebook)
    about = notebook.parent / "data" / ABOUT
    date = (dates or history.History(notebook.parent)).day(*sources(notebook, worksheet))
    made = None
    for fmt in FORMATS:
        entry_key = cache.key(_code(), fmt, about, worksheet, page_url, [(data.name, data.path) for data in files],
                              date.isoformat())
        book = store.get(entry_key)
        if book is None:
            made = made or book_sheets(notebook, worksheet, page_url, shown or worksheet.name)
            title = made[0].rows[0][0]
            book = xlsx_bytes(made, title, date) if fmt == "xlsx" else ods_bytes(made, title, date)
            store.put(entry_key, book)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / workbook_name(notebook, fmt)).write_bytes(book)
    for data in files:
        (folder / data.name).write_bytes(data.path.read_bytes())


def sources(notebook: Path, worksheet: Path) -> list[Path]:
    """The files a worksheet's spreadsheet is made from: its page, the notebook (which names
    the data), the data's ABOUT.txt and the data files."""
    about = notebook.parent / "data" / ABOUT
    return [worksheet, notebook, *([about] if about.is_file() else []), *(data.path for data in data_files(notebook))]


def _code() -> list:
    """The code that makes a spreadsheet: this module, the worksheet page's reader (pages.py and
    its front-matter reader), the dates' stamp (history.py), and the packages they use."""
    return [Path(__file__), Path(pages.__file__), Path(pages.frontmatter.__file__), Path(history.__file__),
            cache.versions("openpyxl", "odfpy", "pyyaml")]
