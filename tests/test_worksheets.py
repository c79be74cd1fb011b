"""Every notebook has a no-code worksheet: a page beside it, linked from the notebook page and
from its module, with its steps, data and fill-in tables as a spreadsheet (.xlsx and .ods) and
its data as files, written by the build."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree, html

from conftest import mkdocs_build
from pacer import history, model
from pacer.cache import Cache
from pacer.notebooks import spreadsheets
from pacer.paths import ROOT
from pacer.model.workbook import DOWNLOADS


ODF = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "dc": "http://purl.org/dc/elements/1.1/", "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"}
FORMULA_LIKE = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)"]
NOT_ON_THE_ABOUT_SHEET = re.compile(r"folder|\.csv|\.txt|\bcsv\b|notebook", re.IGNORECASE)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{ODF[prefix]}}}{local}"


def ods_sheets(path: Path) -> dict[str, list[list[dict]]]:
    """Each sheet of an .ods file: rows of cells, each {"type", "formula", "text"}."""
    with zipfile.ZipFile(path) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    sheets = {}
    for table in content.iter(_q("table:table")):
        rows = []
        for row in table.iter(_q("table:table-row")):
            rows.append([{"type": cell.get(_q("office:value-type")), "formula": cell.get(_q("table:formula")),
                          "text": "".join(cell.itertext())} for cell in row.iter(_q("table:table-cell"))])
        sheets[table.get(_q("table:name"))] = rows
    return sheets


def ods_print_settings(path: Path) -> dict[str, dict]:
    """Each sheet's page set-up in an .ods file: orientation, page width, scale to pages wide,
    and whether it repeats a header row."""
    with zipfile.ZipFile(path) as archive:
        content = etree.fromstring(archive.read("content.xml"))
        styles = etree.fromstring(archive.read("styles.xml"))
    every = list(content.iter(_q("style:style"))) + list(styles.iter(_q("style:style")))
    table_masters = {s.get(_q("style:name")): s.get(_q("style:master-page-name")) for s in every
                     if s.get(_q("style:family")) == "table"}
    masters = {m.get(_q("style:name")): m.get(_q("style:page-layout-name")) for m in styles.iter(_q("style:master-page"))}
    layouts = {}
    for layout in list(content.iter(_q("style:page-layout"))) + list(styles.iter(_q("style:page-layout"))):
        props = layout.find(_q("style:page-layout-properties"))
        layouts[layout.get(_q("style:name"))] = {
            "orientation": props.get(_q("style:print-orientation")), "width": props.get("{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}page-width"),
            "pages wide": props.get(_q("loext:scale-to-X")), "pages down": props.get(_q("loext:scale-to-Y"))}
    found = {}
    for table in content.iter(_q("table:table")):
        layout = layouts[masters[table_masters[table.get(_q("table:style-name"))]]]
        found[table.get(_q("table:name"))] = {**layout, "header rows": table.find(_q("table:table-header-rows")) is not None}
    return found


def _notebooks() -> list:
    curriculum = model.load(ROOT)
    return sorted(n for module in curriculum.modules for n in module.notebooks)


def test_every_notebook_has_a_worksheet_linked_from_its_page_and_its_module(built_site):
    notebooks = _notebooks()
    assert len(notebooks) >= 6
    digests: dict[str, str] = {}
    for notebook in notebooks:
        shown = notebook.relative_to(ROOT).as_posix()
        worksheet = notebook.with_name(f"worksheet-{notebook.stem}.md")
        assert worksheet.is_file(), f"{shown} has no no-code version: add {worksheet.name} beside it"
        folder = built_site.site / notebook.parent.relative_to(ROOT)
        page = html.parse(str(folder / notebook.stem / "index.html")).getroot()
        routes = [a.get("href") for a in page.cssselect("aside.pacer-routes a")]
        assert f"../worksheet-{notebook.stem}/" in routes, f"the page of {shown} does not link its worksheet: {routes}"
        module = html.parse(str(folder / "index.html")).getroot()
        assert any(a.get("href", "").startswith(f"worksheet-{notebook.stem}/") for a in module.iter("a")), \
            f"the module page of {shown} does not link its worksheet"
        data = folder / f"worksheet-{notebook.stem}"
        links = {a.get("href") for a in html.parse(str(data / "index.html")).getroot().iter("a")}
        for fmt in spreadsheets.FORMATS:
            name = spreadsheets.workbook_name(notebook, fmt)
            assert name in links, f"the worksheet page of {shown} does not link {name}"
            digest = hashlib.sha256((data / name).read_bytes()).hexdigest()
            assert digest not in digests, f"{shown}: {name} is the same file as {digests.get(digest)}"
            digests[digest] = name
        book = openpyxl.load_workbook(data / spreadsheets.workbook_name(notebook, "xlsx"))
        ods = ods_sheets(data / spreadsheets.workbook_name(notebook, "ods"))
        assert book.sheetnames[:2] == ["Steps", "About this data"] and list(ods) == book.sheetnames, shown

        steps = [row[0] for row in book["Steps"].iter_rows(values_only=True)]
        page_url = f"https://pacer-curriculum.github.io/pacer-curriculum/{notebook.parent.relative_to(ROOT).as_posix()}/worksheet-{notebook.stem}/"
        assert any(book["Steps"].cell(row=r, column=1).hyperlink and
                   book["Steps"].cell(row=r, column=1).hyperlink.target == page_url for r in range(1, 4)), \
            f"{shown}: the Steps sheet does not link {page_url}"
        expected = spreadsheets.page_steps(worksheet.read_text(encoding="utf-8"))
        assert len(expected) >= 4 and all(f"{n}. {step}" in steps for n, step in enumerate(expected, 1)), shown
        assert not any("**" in str(line) for line in steps), f"{shown}: a step still shows Markdown"

        about = " ".join(str(row[0] or "") + " " + str(row[1] if len(row) > 1 and row[1] else "")
                         for row in book["About this data"].iter_rows(values_only=True))
        assert about.lstrip("About this data ").startswith("SYNTHETIC DATA"), f"{shown}: the workbook does not say the data is synthetic"
        assert not NOT_ON_THE_ABOUT_SHEET.search(about), \
            f"{shown}: the About sheet speaks of {NOT_ON_THE_ABOUT_SHEET.search(about).group(0)!r}: {about[:300]}"

        for item in spreadsheets.data_files(notebook):
            assert (data / item.name).read_bytes() == item.path.read_bytes()
            assert item.path.stem[:31] in book.sheetnames

        fill_in = [sheet for sheet in book.sheetnames[2:] if sheet not in {f.path.stem[:31] for f in spreadsheets.data_files(notebook)}]
        assert len(fill_in) >= 2, f"{shown}: the spreadsheet has no tables to fill in: {book.sheetnames}"
        formulas = [c.value for name in fill_in for row in book[name].iter_rows() for c in row if c.data_type == "f"]
        assert any("COUNTIFS(" in f for f in formulas), f"{shown}: no fill-in table counts for the learner"
        ods_formulas = [c["formula"] for name in fill_in for row in ods[name] for c in row if c["formula"]]
        assert len(ods_formulas) == len(formulas) and all(f.startswith("of:=") for f in ods_formulas), shown
        assert any(str(book[name].cell(row=2, column=1).value or "").strip() for name in fill_in), \
            f"{shown}: no fill-in table has a filled example row"

        assert_prints_like_a_document(data / spreadsheets.workbook_name(notebook, "xlsx"),
                                      data / spreadsheets.workbook_name(notebook, "ods"), book["Steps"]["A1"].value,
                                      history.History(ROOT).day(*spreadsheets.sources(notebook, worksheet)))
        assert any(s.page_setup.orientation == "landscape" for s in book.worksheets), "no sheet is wide enough for landscape?"


SPREADSHEET_TEMPLATES = [t.slug for t in model.load(ROOT).templates if "xlsx" in t.formats]


@pytest.mark.parametrize("slug", SPREADSHEET_TEMPLATES)
def test_the_workbook_spreadsheet_templates_print_and_carry_properties_like_the_worksheets(built_site, slug):
    template = model.load(ROOT).template(f"workbook/{slug}.md")
    folder = built_site.site / DOWNLOADS
    assert_prints_like_a_document(folder / f"{slug}.xlsx", folder / f"{slug}.ods", template.title,
                                  history.History(ROOT).day(ROOT / template.page.shown))
    book = openpyxl.load_workbook(folder / f"{slug}.xlsx")
    assert all(template.title in sheet.oddFooter.center.text for sheet in book.worksheets), "the footer does not name the template"


def assert_prints_like_a_document(xlsx: Path, ods: Path, title: str, date: dt.date) -> None:
    """Every sheet of both files: US Letter, one page wide and as many down as it takes,
    landscape exactly when its columns are wide, the header row repeated on every page and
    "page X of Y" in the footer; every text cell a string; the file's title and language, and
    ``date`` (its source's last commit) as its created and modified dates, at noon as the
    workbook's documents have it, never the time of the build."""
    assert date.year >= 2025
    book = openpyxl.load_workbook(xlsx)
    assert (book.properties.title, book.properties.language) == (title, "en-CA"), xlsx.name
    noon = dt.datetime.combine(date, dt.time(12))
    assert (book.properties.created, book.properties.modified) == (noon, noon), xlsx.name
    settings = ods_print_settings(ods)
    for sheet in book.worksheets:
        where = f"{xlsx.name}, sheet {sheet.title}"
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth, setup.fitToHeight) == (1, 0), where
        assert str(setup.paperSize) == sheet.PAPERSIZE_LETTER and sheet.print_title_rows == "$1:$1", where
        assert "page &P of &N" in sheet.oddFooter.center.text, where
        wide = sum(sheet.column_dimensions[c].width for c in sheet.column_dimensions) > spreadsheets.LANDSCAPE_WIDTH
        assert setup.orientation == ("landscape" if wide else "portrait"), where
        assert all(c.data_type in ("s", "n", "f") for row in sheet.iter_rows() for c in row if c.value is not None), where
        assert all(c.data_type == "s" for c in sheet[1] if c.value is not None), f"{where}: a header cell is not text"
        ods_setup = settings[sheet.title]
        assert (ods_setup["pages wide"], ods_setup["pages down"], ods_setup["orientation"], ods_setup["width"],
                ods_setup["header rows"]) == ("1", "0", setup.orientation, "8.5in" if setup.orientation == "portrait" else "11in",
                                              True), f"{where} (.ods): {ods_setup}"
    with zipfile.ZipFile(ods) as archive:
        meta = etree.fromstring(archive.read("meta.xml"))
        styles = etree.fromstring(archive.read("styles.xml"))
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert (meta.findtext(".//dc:title", namespaces=dc), meta.findtext(".//dc:language", namespaces=dc)) == (title, "en-CA"), ods.name
    dates = [meta.findtext(f".//{_q(name)}") for name in ("meta:creation-date", "dc:date")]
    assert dates == [noon.isoformat()] * 2, f"{ods.name}: created and modified {dates}"
    footers = list(styles.iter(_q("style:footer")))
    assert footers and all(f.find(f".//{_q('text:page-number')}") is not None and f.find(f".//{_q('text:page-count')}") is not None
                           for f in footers), f"{ods.name}: no page X of Y in the footer"
    for name, rows in ods_sheets(ods).items():
        assert all(cell["type"] in ("string", "float") for row in rows for cell in row if cell["text"]), f"{ods.name}, sheet {name}"


WORKSHEET_PAGE = """---
title: "Worksheet: reading a table (no code)"
summary: By hand.
fill_in:
  - sheet: Tally
    about: one row per person you counted
    columns: [who, mark]
    example: ["=1+1", "+1"]
  - sheet: Per person
    about: the tally per person
    rows_from: {sheet: rows, column: who}
    columns:
      - who
      - name: marks
        count: {sheet: Tally, same: [who]}
---

!!! content-note "Content note"
    The notes mention pain.

<!-- generated: worksheet-data -->

## Steps

1. **Read** the rows, with
   *care*.
2. Count [each](x.md) row.

## After
"""


def _worksheet_project(tmp_path: Path, rows: str, page: str = WORKSHEET_PAGE) -> tuple[Path, Path]:
    folder = tmp_path / "course2" / "01-reading"
    (folder / "data" / "talks").mkdir(parents=True)
    (folder / "data" / "ABOUT.txt").write_text("SYNTHETIC DATA: invented.\n\nWhat is in this folder: rows.csv.\n\n"
                                               "About P1: an invented person.\n", encoding="utf-8")
    (folder / "data" / "rows.csv").write_text(rows, encoding="utf-8")
    (folder / "data" / "unused.csv").write_text("x\n1\n", encoding="utf-8")
    (folder / "data" / "talks" / "P1.txt").write_text("SYNTHETIC DATA\n\nP1: first line\n=SUM(A1)\n", encoding="utf-8")
    notebook = folder / "read.py"
    notebook.write_text('import pandas as pd\npd.read_csv("data/rows.csv")\nPath("data/talks").glob("*.txt")\n',
                        encoding="utf-8")
    (folder / "worksheet-read.md").write_text(page, encoding="utf-8")
    return notebook, folder / "worksheet-read.md"


def test_a_spreadsheet_carries_the_date_it_is_given_whatever_day_it_is_made(tmp_path):
    sheets = [spreadsheets.Sheet("Table", [["Name", "Note"], ["=1+1", "x"]])]
    for fmt, write in (("xlsx", spreadsheets.xlsx_bytes), ("ods", spreadsheets.ods_bytes)):
        (tmp_path / f"t.{fmt}").write_bytes(write(sheets, "A title", dt.date(2025, 3, 4)))
    assert_prints_like_a_document(tmp_path / "t.xlsx", tmp_path / "t.ods", "A title", dt.date(2025, 3, 4))


def test_the_worksheet_becomes_steps_data_and_tables_to_fill_in_with_every_data_value_as_text(tmp_path):
    rows = "who,said\n" + "".join(f'P{n},"{value.replace(chr(34), chr(34) * 2)}"\n' for n, value in enumerate(FORMULA_LIKE, 1))
    rows += 'P5,"Hello, there"\n=cmd|x,@me\n'
    notebook, worksheet = _worksheet_project(tmp_path, rows)
    assert spreadsheets.notebook_of(worksheet) == notebook
    assert spreadsheets.notebook_of(worksheet.with_name("worksheet-other.md")) is None
    assert [f.name for f in spreadsheets.data_files(notebook)] == ["rows.csv", "P1.txt"]  # not unused.csv

    spreadsheets.write(notebook, tmp_path / "out", Cache(tmp_path, enabled=False).store("worksheets"), worksheet,
                       "https://example.org/worksheet-read/", "course2/01-reading/worksheet-read.md")
    book = openpyxl.load_workbook(tmp_path / "out" / "read-data.xlsx")
    ods = ods_sheets(tmp_path / "out" / "read-data.ods")
    assert book.sheetnames == list(ods) == ["Steps", "About this data", "rows", "P1", "Tally", "Per person"]
    steps = [row[0] for row in book["Steps"].iter_rows(values_only=True)]
    assert "1. Read the rows, with care." in steps and "2. Count each row." in steps
    assert "Content note: The notes mention pain." in steps
    assert book["Steps"]["A2"].hyperlink.target == "https://example.org/worksheet-read/"
    about = [row[0] for row in book["About this data"].iter_rows(values_only=True)]
    assert "SYNTHETIC DATA: invented." in about and "About P1: an invented person." in about
    assert not any("folder" in str(line) for line in about)

    # every value from the data, and the example row, is text in both formats, never a formula
    for value, row in zip(FORMULA_LIKE + ["Hello, there"], range(2, 7)):
        cell = book["rows"].cell(row=row, column=2)
        assert (cell.value, cell.data_type) == (value, "s"), (value, cell.value, cell.data_type)
        assert ods["rows"][row - 1][1] == {"type": "string", "formula": None, "text": value}
    assert [(c.value, c.data_type) for c in book["rows"][7]] == [("=cmd|x", "s"), ("@me", "s")]
    assert [c["formula"] for c in ods["rows"][6]] == [None, None]
    assert (book["P1"]["B4"].value, book["P1"]["B4"].data_type) == ("=SUM(A1)", "s")
    assert ods["P1"][3][1]["formula"] is None and ods["P1"][3][1]["text"] == "=SUM(A1)"
    assert [(c.value, c.data_type) for c in book["Tally"][2]] == [("=1+1", "s"), ("+1", "s")]
    assert [c["formula"] for c in ods["Tally"][1]] == [None, None]

    # the tables the learner fills in: rows from the data (as text) and formulas that count
    assert [c.value for c in book["Per person"][1]] == ["who", "marks"]
    assert (book["Per person"]["A2"].value, book["Per person"]["A2"].data_type) == ("P1", "s")
    assert book["Per person"]["A7"].value == "=cmd|x" and book["Per person"]["A7"].data_type == "s"
    assert book["Per person"]["B2"].value == "=IF($A2=\"\",\"\",COUNTIFS('Tally'!$A$2:$A$500,$A2))"
    assert ods["Per person"][1][1]["formula"] == "of:=IF([.$A2]=\"\";\"\";COUNTIFS([$'Tally'.$A$2:.$A$500];[.$A2]))"


def test_a_fill_in_table_that_names_a_missing_sheet_or_column_stops_the_build_naming_the_page(tmp_path):
    for case, (wrong, named) in enumerate((("count: {sheet: Tally, same: [who]}", "count: {sheet: Tallies, same: [who]}"),
                         ("rows_from: {sheet: rows, column: who}", "rows_from: {sheet: rows, column: name}"),
                         ("count: {sheet: Tally, same: [who]}", "count: {sheet: Tally, same: [name]}"))):
        notebook, worksheet = _worksheet_project(tmp_path / str(case),
                                                 "who,said\nP1,x\n", WORKSHEET_PAGE.replace(wrong, named))
        with pytest.raises(spreadsheets.WorksheetError) as failure:
            spreadsheets.write(notebook, tmp_path / "out", Cache(tmp_path, enabled=False).store("worksheets"), worksheet,
                               "", "course2/01-reading/worksheet-read.md")
        assert str(failure.value.problem).startswith("course2/01-reading/worksheet-read.md:4:1: BLD024 "), failure.value.problem
        assert ("Tallies" in str(failure.value.problem)) or ("name" in str(failure.value.problem))


def test_the_worksheet_marker_on_another_page_stops_the_build(make_project, tmp_path):
    project = make_project({
        "course2/01-reading/index.md": "---\ntitle: Reading\n---\n\nText.\n",
        "course2/01-reading/notes.md": "---\ntitle: Notes\nsummary: Notes.\n---\n\n<!-- generated: worksheet-data -->\n",
    })
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "course2/01-reading/notes.md:6" in result.log and "worksheet-NOTEBOOK.md" in result.log, result.log[-2000:]
