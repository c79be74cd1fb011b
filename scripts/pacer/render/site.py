"""What the build does to a page's Markdown, as pure functions of the curriculum model.

The plugin (scripts/pacer/plugin.py) hands each page here; nothing here knows MkDocs.
A page's Markdown gets: generated blocks for its markers, citations as links, the module header
and footer from front matter, and self-checks rendered as accessible forms.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


from pacer.model import bibliography as bib
from pacer.model import consent
from pacer.model import blocks, citations, contract
from pacer.render import held_html
from pacer.model import learning
from pacer.notebooks import spreadsheets
from pacer.model import workbook
from pacer.model import Curriculum, Module
from pacer.render.templates import Renderer
from pacer.report import Problem
from pacer.rules import problem

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*generated:\s*(?P<name>[a-z-]+)(?:\s+(?P<argument>[\w-]+))?\s*-->[ \t]*$")
REFERENCES_PAGE = "references.md"
GLOSSARY_PAGE = "glossary.md"
CRISIS_LINES = Path("docs/_snippets/crisis-lines.md")
# Each marker, where it may stand, and what it becomes. The module contract page lists them.
MARKERS = {
    "course-modules": "a course page (courseN/index.md): the table of its modules",
    "course-time": "a course page: the time the course takes, from its modules and front matter",
    "session-plan": "any page, with a course (session-plan course2): each module's parts and times",
    "spor-coverage": "any page: which SPOR principles each module practises",
    "modules-for-principle": "any page, with a principle (modules-for-principle support): the modules that practise it",
    "glossary": "any page: the whole glossary",
    "references": "any page: the whole bibliography",
    "checker-codes": "any page: every code the checkers and the build can report",
    "crisis-lines": "any page, inside a block or not: the crisis lines (docs/_snippets/crisis-lines.md)",
    "contract-keys": "any page: the table of front-matter keys (from the contract's schemas)",
    "contract-blocks": "any page: the table of block types",
    "contract-markers": "any page: this table of markers",
    "workbook": "the workbook's page (docs/workbook/index.md): its templates, from their front matter, and the zips",
    "consent-checklist": "any page: what consent information includes, where the consent script covers each item, and its source (docs/_data/consent-items.yml)",
    "journal": "the learner's journal page (docs/learners/journal.md): where the browser lists the learner's notes",
    "worksheet-data": "a notebook's worksheet (worksheet-NOTEBOOK.md beside NOTEBOOK.py): its data as a spreadsheet and as files",
}


class BuildError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class PageContext:
    src: str                          # the page's path as MkDocs knows it
    shown: str                        # the source file as people see it
    first_line: int                   # source line of the Markdown's first line
    url: Callable[[str], str | None]  # src -> relative URL from this page, or None
    has_references_page: bool
    directory_urls: bool = True       # pages at folder/ (False: folder/name.html, the offline copy)


def render_page(markdown: str, page: PageContext, curriculum: Curriculum, renderer: Renderer,
                page_meta: dict, downloads=None, hold: Callable[[str], str] = held_html.as_is) -> str:
    """The page's Markdown with everything generated filled in. ``downloads`` are the workbook's
    files this build publishes (pacer/documents.py), or None when it makes none; ``hold``
    turns a generated HTML block into what the Markdown carries (pacer/held_html.py)."""
    check_snippets(markdown, page, curriculum)
    markdown = replace_markers(markdown, page, curriculum, renderer, downloads)
    markdown, cited = render_citations(markdown, page, curriculum, renderer)
    template = curriculum.template(page.src)
    if template is not None:
        return _template_page(template, markdown, cited, page, curriculum, renderer, downloads)
    module = curriculum.module(page.src)
    if module is not None:
        markdown = learning.with_part_ids(render_self_checks(markdown, page, renderer, hold))
        header = renderer.module_header(module, _parts_for_header(module), _badges(module, page))
        templates = [{"title": t.title, "url": page.url(t.src)} for t in curriculum.templates_for(module)]
        footer = _footer(module, module.meta, cited, curriculum, renderer, templates)
        return hold(header) + "\n\n" + markdown + "\n\n" + hold(footer) + "\n"
    if curriculum.module_of(page.src) is not None:  # worked examples and other pages of a module
        unknown = [k for k in page_meta.get("references") or [] if k not in curriculum.bibliography]
        if unknown:
            raise BuildError([problem(page.shown, 1, "MOD201", f"`{k}` is not a key in the bibliography") for k in unknown])
        return markdown + "\n\n" + hold(_footer(None, {"references": page_meta.get("references") or []}, cited, curriculum, renderer)) + "\n"
    return markdown


# --- the workbook -----------------------------------------------------------------------------

MADE_BY_FULL_BUILD = "made by the full build of the site (`make build`)"


def _download_items(entries, page: PageContext, downloads) -> list[dict]:
    """(src, label, kind) -> what the download list shows: a link with its size, or why not."""
    items = []
    for src, label, kind in entries:
        url = page.url(src) if downloads is not None and src in downloads.files else None
        size = downloads.size(src) if url else None
        items.append({"label": label, "kind": kind, "url": url, "missing": MADE_BY_FULL_BUILD,
                      "size": f"{max(1, round(size / 1024))} KB" if size else ""})
    return items


def _template_page(template, markdown, cited, page, curriculum, renderer, downloads) -> str:
    from pacer.workbook import documents

    modules = [m for key in template.modules for m in curriculum.modules if m.key == key]
    taught = [{"url": page.url(m.src), "course": curriculum.courses[m.course].title, "number": m.number, "title": m.title}
              for m in modules]
    items = _download_items([(documents.file_src(template.slug, fmt), f"{template.title} ({fmt})",
                              documents.format_name(fmt)) for fmt in template.formats], page, downloads)
    header = renderer.render("workbook-template", keep_blank_lines=True, template=template, modules=taught, items=items)
    columns = renderer.render("workbook-columns", keep_blank_lines=True, columns=template.columns) if template.columns else ""
    return "\n\n".join(part for part in (header, markdown, columns, _footer(None, {}, cited, curriculum, renderer)) if part) + "\n"


def _workbook_index(page: PageContext, curriculum: Curriculum, renderer: Renderer, downloads) -> str:
    from pacer.workbook import documents

    courses = sorted({c for t in curriculum.templates for c in t.courses})
    zips = _download_items([(documents.zip_src(None), "The whole workbook", "zip of every file")] +
                           [(documents.zip_src(c), f"The templates of {curriculum.courses[c].title}", "zip")
                            for c in courses], page, downloads)
    groups = []
    for course in courses:
        rows = [{"title": t.title, "url": page.url(t.src), "purpose": t.meta.get("purpose", ""), "who": t.meta.get("who", "")}
                for t in curriculum.templates if t.courses and t.courses[0] == course]
        if rows:
            groups.append({"id": f"templates-{course}", "title": f"First used in {curriculum.courses[course].title}", "rows": rows})
    return renderer.render("workbook-index", keep_blank_lines=True, zips=zips, groups=groups)


# --- snippets ---------------------------------------------------------------------------------

SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']?(?P<name>[^"'\s]+)["']?\s*$""")
SNIPPETS = Path("docs/_snippets")


def check_snippets(markdown: str, page: PageContext, curriculum: Curriculum) -> None:
    """Snippets come only from docs/_snippets/: one clear line instead of a traceback."""
    folder = (curriculum.root / SNIPPETS).resolve()
    problems = []
    for index, _line, masked in citations.lines_outside_code(markdown):
        match = SNIPPET.match(masked)
        if match:
            target = folder / match.group("name")
            if target.is_symlink() or folder not in target.resolve().parents or not target.is_file():
                problems.append(problem(page.shown, page.first_line + index, "MOD407",
                                        f"the snippet \"{match.group('name')}\" is not a file in docs/_snippets/"))
    if problems:
        raise BuildError(problems)


# --- markers ----------------------------------------------------------------------------------

def replace_markers(markdown: str, page: PageContext, curriculum: Curriculum, renderer: Renderer,
                    downloads=None) -> str:
    lines = markdown.split("\n")
    for index, _line, masked in list(citations.lines_outside_code(markdown)):
        match = MARKER.match(masked)
        if not match:
            continue
        name, argument, indent = match.group("name"), match.group("argument"), match.group("indent")
        line = page.first_line + index
        if name not in MARKERS:
            raise BuildError([problem(page.shown, line, "BLD001",
                                      f"\"generated: {name}\" is not a marker (markers: {', '.join(MARKERS)})")])
        text = _workbook_index(page, curriculum, renderer, downloads) if name == "workbook" else \
            _generate(name, argument, page, line, curriculum, renderer)
        lines[index] = "\n".join(indent + part if part.strip() else part for part in text.split("\n"))
    return "\n".join(lines)


def _misplaced(page: PageContext, line: int, detail: str) -> BuildError:
    return BuildError([problem(page.shown, line, "BLD002", detail)])


def _course_of_page(page: PageContext, curriculum: Curriculum, line: int, name: str):
    course = curriculum.courses.get(page.src.split("/")[0])
    if course is None or page.src != f"{course.name}/index.md":
        raise _misplaced(page, line, f"the {name} marker belongs on a course page (courseN/index.md)")
    return course


def _generate(name, argument, page, line, curriculum: Curriculum, renderer: Renderer) -> str:
    if name == "course-modules":
        return renderer.course_modules(_course_of_page(page, curriculum, line, name), page.url)
    if name == "course-time":
        return renderer.course_time(_course_of_page(page, curriculum, line, name))
    if name == "session-plan":
        if argument not in curriculum.courses:
            raise _misplaced(page, line, f"the session-plan marker needs a course ({', '.join(curriculum.courses)}), not \"{argument or ''}\"")
        return renderer.session_plan(curriculum.courses[argument], page.url)
    if name == "spor-coverage":
        return _spor_coverage(curriculum, renderer, page)
    if name == "modules-for-principle":
        if argument not in contract.PRINCIPLES:
            raise _misplaced(page, line, f"the marker needs one of {', '.join(contract.PRINCIPLES)}, not \"{argument or ''}\"")
        items = [{"title": m.title, "url": page.url(m.src), "course": curriculum.courses[m.course].title,
                  "number": m.number, "phase": contract.PHASES.get(m.meta.get("phase"), "phase not given")}
                 for m in curriculum.modules if argument in m.meta.get("spor", [])]
        return renderer.render("modules-for-principle", items=items)
    if name == "consent-checklist":
        return _consent_checklist(page, curriculum, renderer)
    if name == "glossary":
        return renderer.glossary(curriculum.glossary)
    if name == "references":
        return renderer.references(sorted(curriculum.bibliography.entries.values(), key=bib.sort_key))
    if name == "checker-codes":
        return renderer.checker_codes()
    if name.startswith("contract-"):
        return renderer.render("contract-tables", table=name.removeprefix("contract-"), rows=_contract_rows(name))
    if name == "worksheet-data":
        return _worksheet_data(page, line, curriculum, renderer)
    if name == "journal":
        return renderer.render("journal", directory_urls=page.directory_urls)
    if name == "crisis-lines":
        return (curriculum.root / CRISIS_LINES).read_text(encoding="utf-8").strip()
    raise AssertionError(name)  # every name in MARKERS is handled above


def _contract_rows(name: str) -> list:
    if name == "contract-blocks":
        return list(contract.BLOCK_TYPES.items())
    if name == "contract-markers":
        return list(MARKERS.items())
    rows = {}
    for kind, schema in (("module", contract.MODULE_SCHEMA), ("course", contract.COURSE_SCHEMA),
                         ("page", contract.PAGE_SCHEMA), ("template", contract.TEMPLATE_SCHEMA)):
        for key, rule in schema["properties"].items():
            row = rows.setdefault(key, {"key": key, "pages": [], "required": [], "help": contract.FIELD_HELP.get(key, ""),
                                        "form": rule.get("x-expects") or {"string": "text", "array": "a list of text",
                                                                          "integer": "a whole number"}.get(rule.get("type"), "")})
            row["pages"].append(kind)
            if key in schema["required"]:
                row["required"].append(kind)
    return [{**row, "pages": ", ".join(row["pages"]), "required": ", ".join(row["required"]) or "no"} for row in rows.values()]


def _worksheet_data(page: PageContext, line: int, curriculum: Curriculum, renderer: Renderer) -> str:
    notebook = spreadsheets.notebook_of(curriculum.root / page.src)
    if notebook is None:
        raise _misplaced(page, line, "the worksheet-data marker belongs on a page named worksheet-NOTEBOOK.md, "
                                     "beside the notebook NOTEBOOK.py")
    files = spreadsheets.data_files(notebook)
    notebook_src = posixpath.join(posixpath.dirname(page.src), notebook.name)
    return renderer.render("worksheet-data", workbook=spreadsheets.workbook_name(notebook, "xlsx"),
                           workbook_ods=spreadsheets.workbook_name(notebook, "ods"),
                           files=[{"name": f.name, "kind": f.path.suffix[1:].upper()} for f in files],
                           notebook_url=page.url(notebook_src))


def _consent_checklist(page: PageContext, curriculum: Curriculum, renderer: Renderer) -> str:
    script = page.url(consent.SCRIPT.removeprefix("docs/"))
    references = page.url(REFERENCES_PAGE) if page.has_references_page else None
    rows = []
    for item in curriculum.consent_items:
        entry = curriculum.bibliography.entries.get(item.source)
        rows.append({"item": item.item, "section": item.section or "the opening",
                     "url": f"{script}#{learning.slugify(item.section)}" if script and item.section else script,
                     "source": bib.label(entry) if entry else "Practice (our suggestion)",
                     "source_url": f"{references}#{item.source}" if entry and references else None,
                     "in_part": item.checked_in_part})
    return renderer.render("consent-checklist", rows=rows)


def _spor_coverage(curriculum: Curriculum, renderer: Renderer, page: PageContext) -> str:
    principles = list(contract.PRINCIPLES)
    courses = []
    for course in curriculum.courses.values():
        counts = [sum(p in m.meta.get("spor", []) for m in course.modules) for p in principles]
        rows = [{"key": m.key, "url": page.url(m.src), "name": f"{m.number}. {m.title}",
                 "phase": contract.PHASES.get(m.meta.get("phase"), "not given yet"),
                 "cells": [p in m.meta.get("spor", []) for p in principles]} for m in course.modules]
        missing = [contract.PRINCIPLES[p][0] for p, n in zip(principles, counts) if not n] if course.modules else []
        courses.append({"title": course.title, "counts": counts, "rows": rows, "missing": missing})
    return renderer.render("spor-coverage", keep_blank_lines=True, courses=courses,
                           principle_names=[contract.PRINCIPLES[p][0] for p in principles])


# --- citations --------------------------------------------------------------------------------

def render_citations(markdown: str, page: PageContext, curriculum: Curriculum,
                     renderer: Renderer | None = None) -> tuple[str, list[str]]:
    """Citations become links to the references page; returns the Markdown and the keys cited.
    On public pages (outside the courses), given a renderer, they become small numbered marks
    instead, with the full references in a list of sources at the end of the page."""
    bibliography = curriculum.bibliography
    unknown, cited = [], []
    for citation in citations.find(markdown):
        for key in citation.keys:
            if key not in bibliography:
                unknown.append(problem(page.shown, page.first_line + citation.line, "MOD202",
                                       f"[@{key}] is not a key in the bibliography", citation.start + 1))
            elif bib.unverified(bibliography.entries[key]):
                unknown.append(problem(page.shown, page.first_line + citation.line, "MOD210",
                                       f"[@{key}] is marked unverified", citation.start + 1))
            elif key not in cited:
                cited.append(key)
    if unknown:
        raise BuildError(unknown)
    target = posixpath.relpath(REFERENCES_PAGE, posixpath.dirname(page.src) or ".")
    # Course pages and workbook templates keep (Author Year) links and their reference list.
    if renderer is not None and cited and page.src.split("/")[0] not in (*curriculum.courses, workbook.SITE_FOLDER):
        return _numbered_citations(markdown, cited, page, curriculum, renderer), cited

    def render(citation) -> str:
        links = []
        for key in citation.keys:
            text = bib.label(bibliography.entries[key]).replace("[", "\\[").replace("]", "\\]")
            links.append(f"[{text}]({target}#{key})" if page.has_references_page else text)
        return "(" + "; ".join(links) + ")"

    return citations.replace(markdown, render), cited


# The space before a citation's mark, so the mark follows its word; never a line's indentation,
# which would move the line out of the block it belongs to.
CITE_SPACE = re.compile(r'(?<=\S)[ \t]+(?=<sup class="pacer-cite">)')


def _numbered_citations(markdown: str, cited: list[str], page: PageContext,
                        curriculum: Curriculum, renderer: Renderer) -> str:
    """A public page's citations as numbered marks (in order of first use), and its sources."""
    entries = curriculum.bibliography.entries
    numbers = {key: number for number, key in enumerate(cited, 1)}

    def render(citation) -> str:
        keys = list(dict.fromkeys(citation.keys))
        return renderer.citation([{"number": numbers[key], "label": bib.label(entries[key]),
                                   "text": renderer.reference_text(entries[key])} for key in keys])

    references = page.url(REFERENCES_PAGE) if page.has_references_page else None  # raw HTML: the built address
    sources = [(entries[key], f"{references}#{key}" if references else None) for key in cited]
    marked = CITE_SPACE.sub("", citations.replace(markdown, render))  # the mark follows its word
    return marked + "\n\n" + renderer.sources(sources) + "\n"


# --- module pages -----------------------------------------------------------------------------

def _badges(module: Module, page: PageContext) -> list[dict]:
    return [{"key": key, "name": contract.PRINCIPLES[key][0], "url": page.url(contract.PRINCIPLES[key][1])}
            for key in module.meta.get("spor", [])]


def _parts_for_header(module: Module) -> list[dict]:
    return [{"title": part.title, "minutes": part.minutes or 0, "anchor": part.anchor}
            for part in module.parts if part.anchor]


def _footer(module, meta: dict, cited: list[str], curriculum: Curriculum, renderer: Renderer, templates=()) -> str:
    keys = [k for k in (meta.get("references") or []) if isinstance(k, str)]
    keys += [k for k in cited if k not in keys]
    entries = sorted((curriculum.bibliography.entries[k] for k in keys if k in curriculum.bibliography), key=bib.sort_key)
    if not (meta.get("keypoints") or entries or meta.get("reviewed") or templates):
        return ""
    return renderer.module_footer(module, meta.get("keypoints") or [], renderer.reference_list(entries), meta.get("reviewed"),
                                  templates)


def render_self_checks(markdown: str, page: PageContext, renderer: Renderer,
                       hold: Callable[[str], str] = held_html.as_is) -> str:
    """Each ``!!! self-check`` block becomes its form (see pacer/learning.py for the syntax). A
    form at the start of its line is held out of the Markdown (``hold``); one inside another
    block stays, since Markdown reads indented HTML as part of that block."""
    lines = markdown.split("\n")
    _flat, found = blocks.flatten(markdown)
    checks = [(block, learning.read_self_check(lines, block.line, block.end)) for block in found if block.kind == "self-check"]
    problems = [problem(page.shown, page.first_line + line, code, detail)
                for _block, check in checks for line, code, detail in check.problems]
    if problems:
        raise BuildError(problems)
    for number, (block, check) in reversed(list(enumerate(checks, 1))):
        indent = lines[block.line][: len(lines[block.line]) - len(lines[block.line].lstrip())]
        html = renderer.self_check(check, number, page.src)
        if not indent:
            html = hold(html)
        lines[block.line: block.end] = [indent + line for line in html.split("\n")]
    return "\n".join(lines)
