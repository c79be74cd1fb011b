"""Every notebook has a no-code worksheet: a page beside it, linked from the notebook page and
from its module, with the notebook's data as a spreadsheet and as files, written by the build."""

from __future__ import annotations

import openpyxl
from lxml import html

from conftest import mkdocs_build
from pacer import model
from pacer.cache import Cache
from pacer.notebooks import spreadsheets
from pacer.paths import ROOT


def _notebooks() -> list:
    curriculum = model.load(ROOT)
    return sorted(n for module in curriculum.modules for n in module.notebooks)


def test_every_notebook_has_a_worksheet_linked_from_its_page_and_its_module(built_site):
    notebooks = _notebooks()
    assert len(notebooks) >= 6
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
        book = openpyxl.load_workbook(data / spreadsheets.workbook_name(notebook), read_only=True)
        assert book.sheetnames[0] == "About this data"
        about = [row[0] for row in book["About this data"].iter_rows(values_only=True)]
        assert any(str(line).startswith("SYNTHETIC DATA") for line in about), f"{shown}: the workbook does not say the data is synthetic"
        for item in spreadsheets.data_files(notebook):
            assert (data / item.name).read_bytes() == item.path.read_bytes()
            assert item.path.stem[:31] in book.sheetnames


def test_the_data_a_notebook_reads_becomes_sheets(tmp_path):
    folder = tmp_path / "course2" / "01-reading"
    (folder / "data" / "talks").mkdir(parents=True)
    (folder / "data" / "ABOUT.txt").write_text("SYNTHETIC DATA: invented.\n", encoding="utf-8")
    (folder / "data" / "rows.csv").write_text("who,said\nP1,\"Hello, there\"\n", encoding="utf-8")
    (folder / "data" / "unused.csv").write_text("x\n1\n", encoding="utf-8")
    (folder / "data" / "talks" / "P1.txt").write_text("SYNTHETIC DATA\n\nP1: first line\nP1: second\n", encoding="utf-8")
    notebook = folder / "read.py"
    notebook.write_text('import pandas as pd\npd.read_csv("data/rows.csv")\nPath("data/talks").glob("*.txt")\n',
                        encoding="utf-8")
    assert spreadsheets.notebook_of(folder / "worksheet-read.md") == notebook
    assert spreadsheets.notebook_of(folder / "worksheet-other.md") is None
    assert [f.name for f in spreadsheets.data_files(notebook)] == ["rows.csv", "P1.txt"]  # not unused.csv

    spreadsheets.write(notebook, tmp_path / "out", Cache(tmp_path, enabled=False).store("worksheets"))
    book = openpyxl.load_workbook(tmp_path / "out" / "read-data.xlsx")
    assert book.sheetnames == ["About this data", "rows", "P1"]
    assert [c.value for c in book["rows"][2]] == ["P1", "Hello, there"]
    assert [c.value for c in book["P1"][1]] == ["line", "text", spreadsheets.YOUR_NOTES]
    assert book["P1"]["B3"].value == "P1: first line"


def test_the_worksheet_marker_on_another_page_stops_the_build(make_project, tmp_path):
    project = make_project({
        "course2/01-reading/index.md": "---\ntitle: Reading\n---\n\nText.\n",
        "course2/01-reading/notes.md": "---\ntitle: Notes\nsummary: Notes.\n---\n\n<!-- generated: worksheet-data -->\n",
    })
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "course2/01-reading/notes.md:6" in result.log and "worksheet-NOTEBOOK.md" in result.log, result.log[-2000:]
