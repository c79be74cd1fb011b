"""The workbook's downloads: each template converted into the files teams edit and print.

From one Markdown source per template (docs/workbook/NAME.md) the build makes:

* ``.docx`` and ``.odt`` with pandoc (the ``pypandoc-binary`` wheel ships it). The Word
  reference document is built here with python-docx from pandoc's own, so headings are Word's
  Heading 1, 2 and 3 styles, body text is 12 pt and tables have ruled cells. Each file then
  gets, with python-docx or odfpy: US Letter pages; a footer that names the template and the
  site's version date, with "Page X of Y"; and document properties: the title, the language
  (en-CA) and, as created and modified dates, the date of the template's last commit;
* ``.xlsx`` and ``.ods`` for spreadsheet templates, written by the worksheets' spreadsheet code
  (scripts/pacer/notebooks/spreadsheets.py): a bold, frozen header row from the template's
  ``columns``, column widths, lists of allowed values, and a sheet that says how to fill it
  in; every cell text, US Letter pages one page wide (landscape when wide) with the header row
  repeated and "page X of Y" in the footer, and the title, the language en-CA and, as created
  and modified dates, the date of the template's last commit;
* a tagged PDF with bookmarks (its headings), laid out by Typst from pandoc's Typst output
  (the ``typst`` wheel ships the compiler and its fonts: no browser and nothing to install by
  hand). Typst uses only its own fonts, so a PDF is the same whichever computer builds it; it
  draws the task lists' checkboxes itself, and it checks each PDF as PDF/UA-1, which stops the
  build (BLD025) when a character has no glyph in those fonts rather than printing an empty box;
* one zip per course and one for the whole workbook.

Each file is kept in the cache's ``workbook`` store under a key of everything that shapes it
(the document with its snippets and citations written out, or a spreadsheet's front matter; the
footer with the site's version date; the template's own date; this code and the converters'
versions), so a warm build and
a ``mkdocs serve`` rebuild only copy files. Template content is untrusted: pandoc reads it
without raw HTML and runs sandboxed (no file or network access), and Typst lays out the PDF in
an empty folder it may not read outside of.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from pacer import cache, history
from pacer.model import bibliography as bib
from pacer.model import blocks, citations
from pacer.model import workbook
from pacer.model.contract import SPREADSHEET_FORMATS, WORKBOOK_FORMATS
from pacer.render.templates import long_date
from pacer.notebooks import spreadsheets
from pacer.notebooks.spreadsheets import Choice, Sheet, sheet_title

# Pandoc reads Markdown as the site writes it, but never raw HTML or TeX, and no metadata blocks.
PANDOC_FROM = ("markdown-raw_html-raw_tex-raw_attribute-citations-yaml_metadata_block-pandoc_title_block"
               "-tex_math_dollars-implicit_figures")
# No file or network access, only https links, and fill-in tables with room to write (filter.lua);
# the documents' language is Canadian English.
PANDOC_ARGS = ["--sandbox", "--lua-filter", str(Path(__file__).with_name("filter.lua")), "--metadata", "lang=en-CA"]
LANGUAGE = "en-CA"
TABLE_RULE = "0.5pt solid #000000"    # the rule around every table cell in .odt files
BODY_POINTS, HEADING_POINTS = 12, {"Heading 1": 20, "Heading 2": 16, "Heading 3": 13}
BODY_STYLES = ("Normal", "Body Text", "First Paragraph", "Compact", "Block Text", "Footnote Text")
EMPTY_ROWS = 12                      # blank rows a printed spreadsheet template offers
ZIP_DATE = (2020, 1, 1, 0, 0, 0)     # fixed, so the same files make the same zip
CRISIS_LINES = Path("docs/_snippets/crisis-lines.md")


class ConversionError(Exception):
    """A template could not be converted: ``shown`` names the file, ``code`` the problem
    (BLD012, or BLD025 for ``characters`` no font of the PDF has) and ``line`` where it is."""

    def __init__(self, shown: str, detail: str, code: str = "BLD012", characters: str = ""):
        super().__init__(detail)
        self.shown, self.code, self.characters, self.line = shown, code, characters, 1


@dataclass
class Downloads:
    """What one build publishes: site path -> cached file, and the PDFs it left out."""
    files: dict[str, Path] = field(default_factory=dict)
    made: int = 0                    # files made by this build (the others came from the cache)

    def size(self, src: str) -> int | None:
        return self.files[src].stat().st_size if src in self.files else None


def file_src(slug: str, fmt: str) -> str:
    return f"{workbook.DOWNLOADS}/{slug}.{fmt}"


def zip_src(course: str | None) -> str:
    return f"{workbook.DOWNLOADS}/pacer-workbook{'-' + course if course else ''}.zip"


CONVERTERS = ("pypandoc-binary", "python-docx", "openpyxl", "odfpy", "typst")


def code() -> list:
    """What shapes every file besides its template: this module (with the PDF's page set-up),
    pandoc's Lua filter, the template model, the spreadsheet writer, the dates' stamp and the
    converters' versions. A change remakes every file."""
    here = Path(__file__)
    return [here, here.with_name("filter.lua"), Path(workbook.__file__), Path(spreadsheets.__file__),
            Path(history.__file__), cache.versions(*CONVERTERS)]


# --- the document -------------------------------------------------------------------------------

def document_markdown(template, curriculum, renderer) -> str:
    """The template as one plain Markdown document: title, what it is for, its body with the
    crisis lines and citations written out, the spreadsheet's columns, and its sources."""
    cited: list[str] = []

    def label(citation) -> str:
        known = [k for k in citation.keys if k in curriculum.bibliography]
        cited.extend(k for k in known if k not in cited)
        return "(" + "; ".join(bib.label(curriculum.bibliography.entries[k]) for k in known) + ")"

    page = template.page
    lines = _plain(page.body, page.scan, label)
    for marker in page.scan.markers:
        if marker.name == "crisis-lines":  # a snippet, not a page: scanned here
            crisis = (curriculum.root / CRISIS_LINES).read_text(encoding="utf-8").strip()
            lines[marker.line] = "\n".join(_plain(crisis, blocks.scan(crisis), label))
    body = "\n".join(line for line in lines if not line.strip().startswith("<!--"))
    parts = [f"# {_one_line(template.title)}", f"*{_one_line(template.meta.get('purpose', ''))}*",
             f"**Who fills it in:** {_one_line(template.meta.get('who', ''))}", body.strip()]
    if template.columns:
        parts.append(_columns_markdown(template.columns))
    if cited:
        entries = sorted((curriculum.bibliography.entries[k] for k in cited), key=bib.sort_key)
        parts.append("## Sources\n\n" + "\n".join(f"- {_reference_text(renderer, e)}" for e in entries))
    return "\n\n".join(parts) + "\n"


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _plain(text: str, found: blocks.Scan, label) -> list[str]:
    """The lines of ``text`` (with ``found``, its scan) in plain Markdown: citations written out by
    ``label``, and blocks (``!!! type "Title"``) as their title in bold and their content, unindented."""
    written = text.split("\n")
    citations.replace(written, found.citations, label)
    # each line loses the indentation the scan's flat text took off it
    lines = [line[len(raw) - len(flat):] if raw.strip() else flat
             for raw, line, flat in zip(text.split("\n"), written, found.flat.split("\n"))]
    for block in found.blocks:
        header = blocks.ADMONITION.match(lines[block.line].strip())
        title = header.group(3) if header else block.title
        lines[block.line] = f"**{title}**\n" if title else ""
    return lines


def _cell(text) -> str:
    return _one_line(text).replace("|", "\\|")


def _columns_markdown(columns: list[dict]) -> str:
    names = [_cell(c["name"]) for c in columns]
    table = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    table += ["|" + " |" * len(names)] * EMPTY_ROWS
    explained = []
    for column in columns:
        allowed = column.get("allowed")
        choice = f" Choose one of: {', '.join(map(str, allowed))}." if allowed else ""
        explained.append(f"- **{_one_line(column['name'])}**: {_one_line(column['help'])}{choice}")
    return "## The table to fill in\n\n" + "\n".join(table) + "\n\n### What goes in each column\n\n" + "\n".join(explained)


def _reference_text(renderer, entry: dict) -> str:
    """The entry in the site's one reference style (overrides/pacer/reference.html), as text."""
    html = renderer.render("reference", entry=renderer.reference_list([entry])[0])
    return _one_line(lxml_html.fragment_fromstring(f"<span>{html}</span>").text_content())


def _pandoc(markdown: str, to: str, out: Path, shown: str, *extra: str) -> None:
    import pypandoc

    try:
        pypandoc.convert_text(markdown, to, format=PANDOC_FROM, outputfile=str(out),
                              extra_args=[*PANDOC_ARGS, *extra])
    except (RuntimeError, OSError) as error:
        raise ConversionError(shown, f"pandoc could not make a .{to} file ({' '.join(str(error).split())[:300]})") from None


# --- Word and OpenDocument text -------------------------------------------------------------------

def reference_docx(target: Path) -> Path:
    """Pandoc's reference document with the site's type sizes (kept in the cache by the code's key)."""
    import docx  # only now: a build that finds every file cached never loads python-docx
    import pypandoc
    from docx.shared import Pt

    data = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                          capture_output=True, check=True).stdout
    document = docx.Document(io.BytesIO(data))
    names = {style.name for style in document.styles}
    for name in BODY_STYLES:
        if name in names:
            document.styles[name].font.size = Pt(BODY_POINTS)
    for name, points in HEADING_POINTS.items():
        if name in names:
            document.styles[name].font.size = Pt(points)
    if "Table" in names:  # pandoc's style for every table: a rule around each cell
        _table_borders(document.styles["Table"].element)
    _atomic_save(target, document.save)
    return target


def _table_borders(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = style.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        style.append(properties)
    for old in properties.findall(qn("w:tblBorders")):
        properties.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    properties.append(borders)


def _fields_line(paragraph, parts) -> None:
    """Text and Word fields (``("PAGE",)``) in one paragraph: Word fills the fields in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for part in parts:
        if isinstance(part, str):
            paragraph.add_run(part)
            continue
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), f" {part[0]} ")
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def make_docx(markdown: str, out: Path, title: str, footer: str, reference: Path, shown: str, date: dt.date) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    _pandoc(markdown, "docx", out, shown, f"--reference-doc={reference}")
    document = docx.Document(str(out))
    for section in document.sections:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(1)
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        paragraph.text = footer
        numbers = section.footer.add_paragraph()
        _fields_line(numbers, ["Page ", ("PAGE",), " of ", ("NUMPAGES",)])
        for line in (paragraph, numbers):
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = document.core_properties
    properties.title, properties.language = title, LANGUAGE
    properties.author = properties.last_modified_by = "PaCER curriculum workbook"
    properties.created = properties.modified = history.stamp(date)
    properties.revision = 1
    document.save(str(out))


def make_odt(markdown: str, out: Path, title: str, footer: str, shown: str, date: dt.date) -> None:
    from odf import dc, meta
    from odf.opendocument import load
    from odf.style import (Footer, MasterPage, PageLayout, PageLayoutProperties, ParagraphProperties, Style,
                           TableCellProperties, TextProperties)
    from odf.table import TableCell
    from odf.text import P, PageCount, PageNumber

    _pandoc(markdown, "odt", out, shown)
    document = load(str(out))
    for default in document.styles.getElementsByType(Style):
        if default.getAttribute("name") in ("Standard", "Text_20_body", "Default_20_Paragraph_20_Style"):
            default.addElement(TextProperties(fontsize=f"{BODY_POINTS}pt"))
    footer_style = Style(name="PacerFooter", family="paragraph")
    footer_style.addElement(ParagraphProperties(textalign="center"))
    footer_style.addElement(TextProperties(fontsize="10pt"))
    document.styles.addElement(footer_style)
    for master in document.masterstyles.getElementsByType(MasterPage):
        for old in master.getElementsByType(Footer):  # pandoc's holds only the page number
            master.removeChild(old)
        block = Footer()
        block.addElement(P(stylename=footer_style, text=footer))
        numbers = P(stylename=footer_style, text="Page ")
        numbers.addElement(PageNumber(selectpage="current"))
        numbers.addText(" of ")
        numbers.addElement(PageCount())
        block.addElement(numbers)
        master.addElement(block)
    for layout in document.automaticstyles.getElementsByType(PageLayout):  # US Letter
        for properties in layout.getElementsByType(PageLayoutProperties):
            properties.setAttribute("pagewidth", "8.5in")
            properties.setAttribute("pageheight", "11in")
    for style in document.automaticstyles.getElementsByType(Style):  # pandoc's table cells have no rules
        if style.getAttribute("family") == "table-cell":
            for properties in style.getElementsByType(TableCellProperties):
                properties.setAttribute("border", TABLE_RULE)
                properties.setAttribute("padding", "0.06in")
    for cell in document.body.getElementsByType(TableCell):  # an empty cell keeps a line's height to write on
        if not cell.childNodes:
            cell.addElement(P())
    # The properties: pandoc leaves the title empty and dates of 1970. (odfpy cannot save the
    # white space pandoc leaves between the metadata elements either.)
    kept = ("title", "date", "creation-date", "language", "initial-creator", "creator", "generator")
    document.meta.childNodes[:] = [node for node in document.meta.childNodes
                                   if hasattr(node, "qname") and node.qname[1] not in kept]
    when = history.stamp(date).isoformat()
    for element in (dc.Title(text=title), dc.Language(text=LANGUAGE), meta.CreationDate(text=when),
                    dc.Date(text=when), meta.InitialCreator(text="PaCER curriculum workbook"),
                    dc.Creator(text="PaCER curriculum workbook")):
        document.meta.addElement(element)
    document.save(str(out))


# --- spreadsheets -----------------------------------------------------------------------------

def _width(column: dict) -> int:
    longest = max([len(str(column["name"]))] + [len(str(v)) for v in column.get("allowed") or []])
    return max(14, min(48, longest + 4, len(str(column["help"])) // 2 + 4))


def _help_rows(template) -> list[list[str]]:
    rows = [[template.title, ""], ["What it is for", _one_line(template.meta.get("purpose", ""))],
            ["Who fills it in", _one_line(template.meta.get("who", ""))], ["", ""], ["Column", "What to write"]]
    for column in template.columns:
        allowed = column.get("allowed")
        rows.append([column["name"], _one_line(column["help"]) + (f" Choose one of: {', '.join(map(str, allowed))}." if allowed else "")])
    return rows


def spreadsheet_sheets(template) -> list[Sheet]:
    """The template's sheets: its table (the header row from its columns, room to write, lists
    of allowed values) and a sheet that says how to fill it in."""
    columns = template.columns
    choices = {index: Choice(tuple(map(str, column["allowed"])), str(column["name"]), _one_line(column["help"]))
               for index, column in enumerate(columns) if column.get("allowed")}
    table = Sheet(sheet_title(template.title), [[str(column["name"]) for column in columns]],
                  column_widths=[_width(column) for column in columns], choices=choices)
    return [table, Sheet("How to fill it in", _help_rows(template), bold={5})]


def make_spreadsheet(template, out: Path, fmt: str, footer: str, date: dt.date) -> None:
    write = spreadsheets.xlsx_bytes if fmt == "xlsx" else spreadsheets.ods_bytes
    data = write(spreadsheet_sheets(template), template.title, date, footer)
    _atomic_save(out, lambda path: path.write_bytes(data))


# --- PDF ------------------------------------------------------------------------------------

# Typst's page set-up for every PDF: US Letter (Canada's paper), the template's name and
# "Page X of Y" at the foot of each page, Canadian English, tables with visible rules (an
# empty cell, where the reader writes, two lines high), and the checkboxes pandoc writes for a
# task list (`- [ ]` as ☐, `- [x]` as ☒) drawn as boxes: Typst's text font has no such glyph.
# Pandoc writes a thematic break (`---`) as `#horizontalrule`, which its own template defines.
TYPST_PREAMBLE = """#set document(title: {title}, author: "PaCER curriculum workbook", date: datetime(year: {date.year}, month: {date.month}, day: {date.day}))
#set page(paper: "us-letter", margin: (x: 0.8in, y: 0.9in), footer: context [
  #set text(size: 9pt)
  {footer} #h(1fr) Page #counter(page).display() of #counter(page).final().first()
])
#set text(lang: "en", region: "ca", size: 11pt)
#set par(justify: false)
#set table(stroke: 0.5pt + black, inset: 6pt)
#show table.cell: it => if it.body == [] {{ block(height: 2em, width: 100%) }} else {{ it }}
#show figure.where(kind: table): set align(left)
#let checkbox(ticked) = box(width: 0.72em, height: 0.72em, baseline: 0.06em, stroke: 0.6pt + black,
  if ticked {{ place(line(start: (0%, 0%), end: (100%, 100%), stroke: 0.6pt)); place(line(start: (0%, 100%), end: (100%, 0%), stroke: 0.6pt)) }})
#show "☐": checkbox(false)
#show "☒": checkbox(true)
#let horizontalrule = block(spacing: 1em, line(length: 100%, stroke: 0.5pt))
"""
# PDF/UA-1: Typst checks what it can of an accessible PDF, a glyph for every character included.
PDF_STANDARD = "ua-1"
MISSING_GLYPH = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
TYPST_ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]+)\}|.)")  # in Typst's strings: \u{1f642}, \", \\


def _typst_string(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typst_text(text: str) -> str:
    """Text for Typst markup: every character that means markup there is escaped."""
    return "".join("\\" + c if c in "\\#*_`$<>@=-+/[]~\"'" else c for c in str(text))


def make_pdf(markdown: str, out: Path, title: str, footer: str, shown: str, date: dt.date) -> None:
    """A tagged PDF with bookmarks (its headings), through pandoc's Typst writer and Typst."""
    import pypandoc
    import typst

    try:
        body = pypandoc.convert_text(markdown, "typst", format=PANDOC_FROM, extra_args=PANDOC_ARGS)
    except (RuntimeError, OSError) as error:
        raise ConversionError(shown, f"pandoc could not convert it for the PDF ({' '.join(str(error).split())[:300]})") from None
    source = TYPST_PREAMBLE.format(title=_typst_string(title), footer=_typst_text(footer), date=date) + body
    with tempfile.TemporaryDirectory(prefix="pacer-pdf-") as scratch:  # Typst may read nothing else
        main = Path(scratch) / "main.typ"
        main.write_text(source, encoding="utf-8")
        try:
            data = typst.compile(str(main), root=scratch, ignore_system_fonts=True, pdf_standards=PDF_STANDARD)
        except Exception as error:  # typst raises its own error type for a document it cannot lay out
            missing = _missing_characters(getattr(error, "diagnostic", "") or str(error))
            if missing:
                named = ", ".join(f"\"{c}\" (U+{ord(c):04X})" for c in missing)
                raise ConversionError(shown, f"the PDF cannot print {named}: none of its fonts has "
                                      f"{'this character' if len(missing) == 1 else 'these characters'}",
                                      "BLD025", missing) from None
            raise ConversionError(shown, f"Typst could not lay out the PDF ({' '.join(str(error).split())[:300]})") from None
    _atomic_save(out, lambda path: path.write_bytes(data))


def _missing_characters(diagnostic: str) -> str:
    """The characters Typst reports it could not display, each once, in order."""
    found: dict[str, None] = {}
    for text in MISSING_GLYPH.findall(diagnostic):
        text = TYPST_ESCAPE.sub(lambda m: chr(int(m.group(2), 16)) if m.group(2) else m.group(1), text)
        found.update((c, None) for c in text if not c.isspace())
    return "".join(found)


# --- the whole workbook -----------------------------------------------------------------------

def _atomic_save(target: Path, save) -> None:
    """Write through a temporary file, so a stopped build never leaves half a file in the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=target.suffix)
    os.close(handle)
    try:
        save(Path(temporary))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def make_downloads(curriculum, renderer, store, scratch: Path, make_missing: bool = True,
                   dates: history.History | None = None) -> Downloads:
    """Every template's files and the zips, from the cache's ``workbook`` store when nothing that
    shapes them changed. With the cache switched off, files are made in ``scratch``. Without
    ``make_missing``, a file the cache lacks is left out (its page says `make build` makes it),
    and so is a zip that would lack one. ``dates``: the build's reading of the git history (read
    here when not given)."""
    root = curriculum.root
    dates = dates or history.History(root)
    version = long_date(dates.day())
    downloads = Downloads()
    templates = [t for t in curriculum.templates if t.ok]
    shaping = code()
    reference = _place(store, scratch, cache.key(shaping, "reference-docx"), "docx")
    if any("docx" in t.formats for t in templates) and not reference.is_file():
        reference_docx(reference)
    for template in templates:
        markdown = document_markdown(template, curriculum, renderer)
        footer = f"{template.title} · PaCER curriculum workbook · version {version}"
        shown = template.page.shown
        date = dates.day(root / shown)
        for fmt in template.formats:
            # A spreadsheet is made from the template's front matter; the other files from its document.
            shape = json.dumps(template.meta, sort_keys=True, default=str) if fmt in SPREADSHEET_FORMATS else markdown
            entry_key = cache.key(shaping, fmt, shape, template.title, footer, template.slug, date.isoformat())
            target = _place(store, scratch, entry_key, fmt)
            if not make_missing and not target.is_file():
                continue
            if not target.is_file():
                downloads.made += 1
                if fmt == "docx":
                    _atomic_save(target, lambda path: make_docx(markdown, path, template.title, footer, reference, shown, date))
                elif fmt == "odt":
                    _atomic_save(target, lambda path: make_odt(markdown, path, template.title, footer, shown, date))
                elif fmt in ("xlsx", "ods"):
                    make_spreadsheet(template, target, fmt, footer, date)
                else:
                    try:
                        make_pdf(markdown, target, template.title, footer, shown, date)
                    except ConversionError as error:
                        error.line = _first_line(root / shown, error.characters)
                        raise
            downloads.files[file_src(template.slug, fmt)] = target
    _make_zips(templates, downloads, store, scratch, shaping)
    return downloads


def _first_line(path: Path, characters: str) -> int:
    """The first line of the file that holds one of ``characters`` (1 if none does)."""
    lines = path.read_text(encoding="utf-8").split("\n") if characters else []
    return next((n for n, line in enumerate(lines, 1) if any(c in line for c in characters)), 1)


def _place(store, scratch: Path, entry_key: str, suffix: str) -> Path:
    """Where a file is kept: its entry in the store, or a scratch file when the cache is off."""
    return store.path(f"{entry_key}.{suffix}") or scratch / f"{entry_key}.{suffix}"


def _make_zips(templates, downloads: Downloads, store, scratch: Path, shaping: list) -> None:
    """One zip per course (the templates its modules teach) and one for the whole workbook."""
    groups = {None: templates}
    for course in sorted({c for t in templates for c in t.courses}):
        groups[course] = [t for t in templates if course in t.courses]
    for course, members in groups.items():
        files = [(src, downloads.files[src]) for t in members for fmt in t.formats
                 if (src := file_src(t.slug, fmt)) in downloads.files]
        if len(files) < sum(len(t.formats) for t in members):  # a file left to `make build`
            continue
        target = _place(store, scratch, cache.key(shaping, "zip", [(s, p.name) for s, p in files]), "zip")
        if not target.is_file():
            _atomic_save(target, lambda path: _write_zip(path, files))
        downloads.files[zip_src(course)] = target


def _write_zip(path: Path, files: list[tuple[str, Path]]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for src, cached in files:
            info = zipfile.ZipInfo(f"pacer-workbook/{Path(src).name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, cached.read_bytes())


def format_name(fmt: str) -> str:
    return WORKBOOK_FORMATS[fmt]
