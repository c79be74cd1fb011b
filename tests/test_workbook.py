"""The team workbook: every template's downloads, read back with the libraries teams' software
uses, the links between templates and modules, the zips, and what stops a bad template.

The real site is built once per session (``built_site``); each file is opened with python-docx,
openpyxl, odfpy, pandas or pypdf and compared with the template's source.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from lxml import etree, html
from odf import teletype
from odf.opendocument import load as load_odf
from odf.text import H
from pypdf import PdfReader

from conftest import ROOT, mkdocs_build
from pacer import history, model
from pacer.workbook import documents
from pacer.notebooks import spreadsheets
from pacer.model.workbook import DOWNLOADS

import check_links

CURRICULUM = model.load(ROOT)
TEMPLATES = CURRICULUM.templates
SLUGS = [t.slug for t in TEMPLATES]
DOCUMENT_HEADINGS = {"The table to fill in", "What goes in each column", "Sources"}  # added by the build


def downloads(site: Path) -> Path:
    return site / DOWNLOADS


def source_headings(template) -> list[tuple[int, str]]:
    """(level, text) of every heading in the template's body, read from its Markdown."""
    tokens = template.page.tokens
    return [(int(token.tag[1]), tokens[index + 1].content.strip())
            for index, token in enumerate(tokens) if token.type == "heading_open"]


def words(text: str) -> str:
    """Text as a reader sees it: ligatures split (ﬁ -> fi), quotes plain, spaces single."""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.split())


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return words(" ".join([p.text for p in document.paragraphs] + cells))


def test_the_workbook_has_at_least_14_templates_and_each_is_ready_to_convert():
    assert len(TEMPLATES) >= 14, SLUGS
    assert all(t.ok for t in TEMPLATES), [p for p in CURRICULUM.problems if p.path.startswith("docs/workbook/")]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_template_is_downloadable_in_every_format_it_declares(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    made = sorted(p.suffix[1:] for p in downloads(built_site.site).glob(f"{slug}.*"))
    assert made == sorted(template.formats)
    assert {"docx", "pdf"} <= set(made) and {"odt", "ods"} & set(made)
    if template.columns:
        assert {"xlsx", "ods"} <= set(made)
    for view in (built_site.site, built_site.site / "facilitator"):
        assert (view / "workbook" / slug / "index.html").is_file()


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_headings_match_the_source_and_use_word_heading_styles(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    document = docx.Document(str(downloads(built_site.site) / f"{slug}.docx"))
    headings = [(int(p.style.name.split()[-1]), words(p.text)) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    expected = [(level, words(text)) for level, text in source_headings(template)]
    assert headings[0] == (1, template.title)
    assert headings[1:1 + len(expected)] == expected
    assert {text for _level, text in headings[1 + len(expected):]} <= DOCUMENT_HEADINGS
    assert document.styles["Normal"].font.size.pt >= 12
    assert document.styles["Body Text"].font.size.pt >= 12
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert template.title in footer and re.search(r"version \d{1,2} [A-Z][a-z]+ \d{4}", footer), footer


@pytest.mark.parametrize("slug", [t.slug for t in TEMPLATES if "odt" in t.formats])
def test_odt_has_the_title_and_source_headings_as_real_headings(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    document = load_odf(str(downloads(built_site.site) / f"{slug}.odt"))
    headings = [words(teletype.extractText(h)) for h in document.getElementsByType(H)]
    assert headings[0] == template.title
    assert [words(text) for _level, text in source_headings(template)] == headings[1:1 + len(source_headings(template))]


@pytest.mark.parametrize("slug", [t.slug for t in TEMPLATES if t.columns])
def test_spreadsheets_have_the_declared_columns_frozen_bold_and_validated(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    names = [c["name"] for c in template.columns]
    book = openpyxl.load_workbook(downloads(built_site.site) / f"{slug}.xlsx")
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == names
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    lists = {}  # column letter -> the list of allowed values
    for rule in sheet.data_validations.dataValidation:
        (area,) = rule.sqref.ranges
        assert (area.min_row, area.max_row) == (2, spreadsheets.CHOICE_ROWS) and area.min_col == area.max_col
        lists[openpyxl.utils.get_column_letter(area.min_col)] = rule.formula1
    for index, column in enumerate(template.columns, 1):
        letter = openpyxl.utils.get_column_letter(index)
        if column.get("allowed"):
            assert lists[letter] == '"' + ",".join(map(str, column["allowed"])) + '"'
        else:
            assert letter not in lists
    ods = pd.read_excel(downloads(built_site.site) / f"{slug}.ods", engine="odf", sheet_name=0)
    assert list(ods.columns) == names


@pytest.mark.parametrize("slug", SLUGS)
def test_each_pdf_is_tagged_has_bookmarks_and_a_text_layer_with_the_title(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    reader = PdfReader(downloads(built_site.site) / f"{slug}.pdf")
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert words(template.title) in text
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert reader.outline, "the PDF has no bookmarks"
    assert b"<pdfuaid:part>1</pdfuaid:part>" in root["/Metadata"].get_data(), "the PDF was not checked as PDF/UA-1"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_pdf_prints_every_character_with_a_glyph(built_site, slug):
    """A character no font has prints as an empty box ("tofu"); its text is then U+0000."""
    reader = PdfReader(downloads(built_site.site) / f"{slug}.pdf")
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "\x00" not in text and "\ufffd" not in text, \
            f"{slug}.pdf, page {number}: {text.count(chr(0))} characters print as empty boxes"


def test_zips_hold_every_file_of_the_workbook_and_of_each_course(built_site):
    folder = downloads(built_site.site)
    files = sorted(p.name for p in folder.iterdir() if p.suffix != ".zip")
    with zipfile.ZipFile(folder / "pacer-workbook.zip") as archive:
        assert archive.testzip() is None
        assert sorted(Path(n).name for n in archive.namelist()) == files
    for course in ("course1", "course2", "course3"):
        expected = sorted(f"{t.slug}.{fmt}" for t in TEMPLATES if course in t.courses for fmt in t.formats)
        with zipfile.ZipFile(folder / f"pacer-workbook-{course}.zip") as archive:
            assert sorted(Path(n).name for n in archive.namelist()) == expected
            for name in archive.namelist():
                assert archive.read(name) == (folder / Path(name).name).read_bytes()


def test_the_consent_script_states_the_limits_of_confidentiality(built_site):
    for text in (docx_text(downloads(built_site.site) / "consent-script.docx"),
                 words(html.parse(str(built_site.site / "workbook" / "consent-script" / "index.html")).getroot().text_content())):
        assert "The limits of confidentiality" in text
        assert "Risk of serious harm" in text and "In a group" in text


def test_the_distress_protocol_names_the_crisis_lines(built_site):
    reader = PdfReader(downloads(built_site.site) / "distress-protocol.pdf")
    for text in (docx_text(downloads(built_site.site) / "distress-protocol.docx"),
                 words(" ".join(page.extract_text() for page in reader.pages)),
                 words(html.parse(str(built_site.site / "workbook" / "distress-protocol" / "index.html")).getroot().text_content())):
        assert "9-8-8: Suicide Crisis Helpline" in text
        assert "Hope for Wellness Help Line" in text and "1-855-242-3310" in text
        assert "9-1-1" in text


def _links(page: Path) -> set[str]:
    tree = html.parse(str(page)).getroot()
    return {a.get("href") for a in tree.cssselect("article a[href]")}


@pytest.mark.parametrize("slug", SLUGS)
def test_template_and_modules_link_to_each_other(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    page = built_site.site / "workbook" / slug / "index.html"
    links = _links(page)
    assert template.modules
    for key in template.modules:
        assert f"../../{key}/" in links, f"{slug} does not link to {key}"
        module_page = built_site.site / key / "index.html"
        assert f"../../workbook/{slug}/" in _links(module_page), f"{key} does not list {slug}"
    for fmt in template.formats:
        assert f"../downloads/{slug}.{fmt}" in links


def test_the_workbook_page_lists_every_template_and_the_zips_and_is_in_the_navigation(built_site):
    index = built_site.site / "workbook" / "index.html"
    links = _links(index)
    assert {f"{slug}/" for slug in SLUGS} <= links
    assert {"downloads/pacer-workbook.zip", "downloads/pacer-workbook-course1.zip",
            "downloads/pacer-workbook-course2.zip", "downloads/pacer-workbook-course3.zip"} <= links
    navigation = {a.get("href") for a in html.parse(str(index)).getroot().cssselect("nav.md-nav a[href]")}
    assert {f"{slug}/" for slug in SLUGS} <= navigation


def test_the_link_checker_reports_a_missing_download_on_the_template_that_links_it(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    (site / DOWNLOADS / "codebook.xlsx").unlink()
    problems = [p for p in check_links.run(site, ROOT).problems if "codebook.xlsx" in p.message]
    assert problems and all(p.code == "LNK101" for p in problems), problems
    assert {p.path for p in problems} == {"docs/workbook/codebook.md"}


# --- bad input stops the build ------------------------------------------------------------------

BAD_TEMPLATE = """---
title: A spreadsheet without columns
purpose: Keep a list.
who: The team.
modules: [course1/01-one]
formats: [xlsx, ods, docx, pdf]
---

## The list

| Item | Note |
| --- | --- |
| | | |
"""


def _build_with_template(make_project, tmp_path, name: str, template: str):
    """A strict build of a small project whose workbook holds one template, docs/workbook/{name}."""
    from conftest import hostile_module

    project = make_project({"course1/01-one/index.md": hostile_module("fine"),
                            "docs/workbook/index.md": "---\ntitle: Workbook\n---\n\n<!-- generated: workbook -->\n",
                            f"docs/workbook/{name}": template})
    return mkdocs_build(project, tmp_path / "site")


def test_a_template_that_cannot_be_converted_stops_the_build_with_file_line_code_and_fix(make_project, tmp_path):
    build = _build_with_template(make_project, tmp_path, "list.md", BAD_TEMPLATE)
    assert build.returncode != 0
    assert "docs/workbook/list.md:6:1: MOD804 " in build.log and "Fix: " in build.log
    assert "docs/workbook/list.md:13:1: MOD805 " in build.log
    assert not (tmp_path / "site" / DOWNLOADS).exists()


GLYPHLESS_TEMPLATE = """---
title: A plan with a beaver
purpose: Plan the day.
who: The team.
modules: [course1/01-one]
formats: [docx, odt, pdf]
---

## Before the day

- [ ] Book the room 🦫 early
"""


def test_a_character_no_font_of_the_pdf_has_stops_the_build_naming_the_template_line(make_project, tmp_path):
    build = _build_with_template(make_project, tmp_path, "plan.md", GLYPHLESS_TEMPLATE)
    assert build.returncode != 0
    assert 'docs/workbook/plan.md:11:1: BLD025 the PDF cannot print "🦫" (U+1F9AB)' in build.log, build.log
    assert "Fix: Replace the character" in build.log


def test_task_lists_print_drawn_checkboxes_and_characters_without_a_glyph_are_named(tmp_path):
    pdf = tmp_path / "list.pdf"
    documents.make_pdf("- [ ] Call back\n- [x] Done\n\nTick ☐ when done.\n", pdf, "List", "Footer",
                       "docs/workbook/list.md", dt.date(2026, 12, 7))
    page = PdfReader(str(pdf)).pages[0]
    text = page.extract_text()
    assert "Call back" in text and "Done" in text and "when done" in text
    assert not set(text) & {"\x00", "☐", "☒"}, "a checkbox is a character (of no font) rather than drawn"
    squares = re.findall(rb"0 0 m ([\d.]+) 0 l \1 \1 l 0 \1 l\s+h\s+S", page.get_contents().get_data())
    assert len(squares) == 3, "each checkbox is a square Typst draws"
    with pytest.raises(documents.ConversionError) as failure:
        documents.make_pdf("Smile 🙂, and 🦫 and 🙂.\n", tmp_path / "emoji.pdf", "Emoji", "Footer", "docs/workbook/e.md",
                           dt.date(2026, 12, 7))
    assert failure.value.code == "BLD025" and failure.value.characters == "🙂🦫"
    assert '"🙂" (U+1F642), "🦫" (U+1F9AB)' in str(failure.value)
    assert not (tmp_path / "emoji.pdf").exists()


def test_a_thematic_break_in_a_template_prints_as_a_rule(tmp_path):
    pdf = tmp_path / "rule.pdf"
    documents.make_pdf("# A template\n\nBefore the break.\n\n---\n\nAfter the break.\n", pdf, "Rule", "Footer",
                       "docs/workbook/rule.md", dt.date(2026, 12, 7))
    text = words(PdfReader(str(pdf)).pages[0].extract_text())
    assert "Before the break. After the break." in text


def test_the_document_markdown_writes_out_crisis_lines_citations_and_columns():
    from pacer.render.templates import Renderer

    renderer = Renderer(ROOT / "overrides")
    distress = documents.document_markdown(CURRICULUM.template("workbook/distress-protocol.md"), CURRICULUM, renderer)
    assert "<!--" not in distress and "!!!" not in distress and "[@" not in distress
    assert "**If you need support now**" in distress and "## Sources" in distress
    codebook = documents.document_markdown(CURRICULUM.template("workbook/codebook.md"), CURRICULUM, renderer)
    assert "| Code | Definition | Use it when |" in codebook
    assert "Choose one of: in use, merged, dropped." in codebook


# --- where the PDFs come from ---------------------------------------------------------------------

def test_the_workbook_needs_no_browser():
    """The PDFs are laid out by Typst: building the workbook never loads a browser driver."""
    assert "playwright" not in (ROOT / "scripts" / "pacer" / "workbook" / "documents.py").read_text(encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "import sys, pacer.workbook.documents, pacer.plugin; "
                            "print(sorted(m for m in sys.modules if m.startswith(('playwright', 'devtools'))))"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "[]", probe.stdout


def test_a_template_page_says_where_a_missing_pdf_comes_from():
    from pacer.render import site

    page = site.PageContext("workbook/codebook.md", "docs/workbook/codebook.md", lambda src: "../" + src, False)
    made = documents.Downloads({documents.file_src("codebook", "docx"): ROOT / "README.md"})
    items = site._download_items([(documents.file_src("codebook", "docx"), "Codebook (docx)", "Word document"),
                                  (documents.file_src("codebook", "pdf"), "Codebook (pdf)", "PDF for printing")],
                                 page, made)
    assert items[0]["url"] and items[0]["size"].endswith(" KB")
    assert items[1]["url"] is None and items[1]["missing"] == site.MADE_BY_FULL_BUILD


def test_html_and_links_in_a_template_never_act_in_its_documents(tmp_path):
    hostile = ("# A template\n\n## Fields\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
               "[a script link](javascript:alert(1)) [a file link](file:///etc/passwd) [a web link](http://example.org/)\n\n"
               "[a safe link](https://example.org/) ![a picture](/etc/hostname)\n\n"
               "<iframe src=\"https://example.org/\"></iframe>\n")
    pdf = tmp_path / "x.pdf"
    documents.make_pdf(hostile, pdf, "<b>Title</b> #strong[x]", "Footer", "docs/workbook/x.md", dt.date(2026, 12, 7))
    reader = PdfReader(str(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "<script>alert(1)</script>" in text, "the author sees what they wrote, as text"
    assert reader.metadata.title == "<b>Title</b> #strong[x]", "the title is text, never markup"
    links = [annotation.get_object().get("/A", {}).get("/URI") for page in reader.pages
             for annotation in page.get("/Annots") or []]
    assert links == ["https://example.org/"], links
    docx_file = tmp_path / "x.docx"
    documents.make_docx(hostile, docx_file, "Title", "Footer", documents.reference_docx(tmp_path / "reference.docx"),
                        "docs/workbook/x.md", dt.date(2026, 12, 7))
    with zipfile.ZipFile(docx_file) as archive:
        relations = archive.read("word/_rels/document.xml.rels").decode()
        assert "https://example.org/" in relations
        for scheme in ("javascript:", "file:", "http://example.org"):
            assert scheme not in relations, f"a {scheme} link reached the Word file"
        assert not [name for name in archive.namelist() if name.startswith("word/media/")], "a picture was read in"


@pytest.mark.parametrize("slug", [t.slug for t in TEMPLATES if "odt" in t.formats][:3])
def test_odt_body_text_is_12_pt_and_its_one_footer_names_the_template(built_site, slug):
    from odf.style import Footer, MasterPage, Style, TextProperties

    template = CURRICULUM.template(f"workbook/{slug}.md")
    document = load_odf(str(downloads(built_site.site) / f"{slug}.odt"))
    body = [s for s in document.styles.getElementsByType(Style) if s.getAttribute("name") == "Text_20_body"]
    assert body and body[0].getElementsByType(TextProperties)[-1].getAttribute("fontsize") == "12pt"
    for master in document.masterstyles.getElementsByType(MasterPage):
        footers = master.getElementsByType(Footer)
        assert len(footers) == 1 and template.title in teletype.extractText(footers[0])


# --- document properties, paper, page numbers and fill-in tables, in every format -----------------

ODF_NS = {"dc": "http://purl.org/dc/elements/1.1/", "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0", "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
LETTER_EMU = (docx.shared.Inches(8.5), docx.shared.Inches(11))


def _answer_shares(rows: list[list[str]], widths: list[float]) -> list[float]:
    """In a fill-in table (some columns hold text, and the others are empty for the answers):
    the share of the table's width that its answer columns take together, as a list of one;
    for any other table, an empty list."""
    body = rows[1:]
    empty = [all(not row[i].strip() for row in body if i < len(row)) for i in range(len(widths))]
    if not body or all(empty) or not any(empty):
        return []
    return [sum(width for width, is_empty in zip(widths, empty) if is_empty) / sum(widths)]


@pytest.mark.parametrize("slug", [t.slug for t in TEMPLATES if "odt" in t.formats])
def test_documents_carry_title_language_real_dates_letter_pages_page_numbers_and_ruled_fill_in_tables(built_site, slug):
    template = CURRICULUM.template(f"workbook/{slug}.md")
    date = history.History(ROOT).day(ROOT / template.page.shown)
    assert date.year >= 2025
    folder = downloads(built_site.site)

    word = docx.Document(str(folder / f"{slug}.docx"))
    properties = word.core_properties
    assert (properties.title, properties.language) == (template.title, "en-CA")
    assert properties.created.date() == properties.modified.date() == date
    shares = []
    for section in word.sections:
        assert (section.page_width, section.page_height) == LETTER_EMU
        instructions = section.footer._element.xpath(".//w:fldSimple/@w:instr")
        assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"], instructions
        assert template.title in section.footer.paragraphs[0].text
    table_style = word.styles["Table"].element
    assert table_style.xpath("./w:tblPr/w:tblBorders/w:insideV[@w:val='single']"), "Word tables have no rules"
    for table in word.tables:
        widths = [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
        shares += _answer_shares([[c.text for c in row.cells] for row in table.rows], widths)
    assert all(share >= 0.55 for share in shares), f"{slug}.docx: the answer columns take only {min(shares):.0%} of a table"

    with zipfile.ZipFile(folder / f"{slug}.odt") as archive:
        meta = etree.fromstring(archive.read("meta.xml"))
        styles = etree.fromstring(archive.read("styles.xml"))
        content = etree.fromstring(archive.read("content.xml"))
    assert meta.findtext(".//dc:title", namespaces=ODF_NS) == template.title
    assert meta.findtext(".//dc:language", namespaces=ODF_NS) == "en-CA"
    for name in ("meta:creation-date", "dc:date"):
        assert meta.findtext(f".//{name}", namespaces=ODF_NS).startswith(date.isoformat()), name
    for layout in styles.iterfind(".//style:page-layout-properties", ODF_NS):
        assert (layout.get(f"{{{ODF_NS['fo']}}}page-width"), layout.get(f"{{{ODF_NS['fo']}}}page-height")) == ("8.5in", "11in")
    footers = styles.findall(".//style:master-page/style:footer", ODF_NS)
    assert footers and all(f.find(".//text:page-number", ODF_NS) is not None and f.find(".//text:page-count", ODF_NS) is not None
                           for f in footers), f"{slug}.odt has no 'Page X of Y' in its footer"
    cell_styles = [s for s in content.iterfind(".//style:style[@style:family='table-cell']", ODF_NS)]
    tables = content.findall(".//table:table", ODF_NS)
    if tables:
        assert cell_styles and all(s.find("style:table-cell-properties", ODF_NS).get(f"{{{ODF_NS['fo']}}}border") == documents.TABLE_RULE
                                   for s in cell_styles), f"{slug}.odt: table cells without rules"
    column_widths = {s.get(f"{{{ODF_NS['style']}}}name"): float(s.find("style:table-column-properties", ODF_NS).get(f"{{{ODF_NS['style']}}}rel-column-width", "1*").rstrip("*"))
                     for s in content.iterfind(".//style:style[@style:family='table-column']", ODF_NS)}
    for table in tables:
        widths = [column_widths[c.get(f"{{{ODF_NS['table']}}}style-name")] for c in table.findall("table:table-column", ODF_NS)]
        rows = [["".join(cell.itertext()) for cell in row.findall("table:table-cell", ODF_NS)]
                for row in table.iterfind(".//table:table-row", ODF_NS)]
        assert all(share >= 0.55 for share in _answer_shares(rows, widths)), f"{slug}.odt: narrow answer columns"

    reader = PdfReader(folder / f"{slug}.pdf")
    assert reader.metadata.title == template.title
    assert reader.metadata.creation_date.date() == date
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792), "not US Letter"
    assert f"Page 1 of {len(reader.pages)}" in words(reader.pages[0].extract_text())


def test_the_fill_in_tables_of_the_ethics_templates_give_the_answers_most_of_the_width(built_site):
    for slug in ("consent-script", "distress-protocol"):
        word = docx.Document(str(downloads(built_site.site) / f"{slug}.docx"))
        shares = [share for table in word.tables for share in _answer_shares(
            [[c.text for c in row.cells] for row in table.rows], [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")])]
        assert shares and all(share >= 0.55 for share in shares), (slug, shares)


def test_every_consent_item_and_distress_step_reaches_every_format(built_site):
    folder = downloads(built_site.site)

    def every_format(slug: str) -> dict[str, str]:
        odt = load_odf(str(folder / f"{slug}.odt"))
        return {"docx": docx_text(folder / f"{slug}.docx"),
                "odt": words(teletype.extractText(odt.body)),
                "pdf": words(" ".join(page.extract_text() for page in PdfReader(folder / f"{slug}.pdf").pages)),
                "page": words(html.parse(str(built_site.site / "workbook" / slug / "index.html")).getroot().text_content())}

    consent = every_format("consent-script")
    assert len(CURRICULUM.consent_items) >= 30
    for item in CURRICULUM.consent_items:
        for fmt, text in consent.items():
            assert words(item.found) in text, f"consent-script.{fmt} lacks the item \"{item.item}\" (\"{item.found}\")"
    distress = every_format("distress-protocol")
    steps = ["Phone or video: at the start of the call", "Where they are right now", "An emergency contact",
             "A number to call back on", "If the call drops", "Call back at once", "Step 4: thoughts of suicide, no immediate danger",
             "before the consent conversation", "will not give an emergency contact", "What we tell the emergency contact",
             "stay on the line", "warm hand-off", "text the Suicide Crisis Helpline", "agree when you will call back",
             "Agree a follow-up", "Tell the study lead", "Step 5: emergency"]
    for step in steps:
        for fmt, text in distress.items():
            assert step.lower() in text.lower(), f"distress-protocol.{fmt} lacks the step \"{step}\""
