"""What the build does to a page's Markdown, as pure functions of the curriculum model.

The plugin (scripts/pacer/plugin.py) hands each page here as the model read it (pages.Page);
nothing here knows MkDocs. A page's Markdown gets: its facilitator notes out of the learner view,
generated blocks for its markers, citations as links, the module header and footer from front
matter, and self-checks rendered as accessible forms. Each is an edit of the body's lines where
the page's one scan (blocks.scan) found it, so nothing here reads the page again.
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
from pacer.render import held_html, views
from pacer.model import learning
from pacer.notebooks import spreadsheets
from pacer.model import workbook
from pacer.model import Curriculum, Module, snippet_problems
from pacer.model.pages import Page
from pacer.render.templates import Renderer
from pacer.report import Problem
from pacer.rules import problem

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
    url: Callable[[str], str | None]  # src -> relative URL from this page, or None
    has_references_page: bool
    directory_urls: bool = True       # pages at folder/ (False: folder/name.html, the offline copy)
    view: str = views.LEARNER


@dataclass
class Rendered:
    markdown: str
    cited: list[str]                  # the bibliography keys its text cites, in order of first use


def render_page(source: Page, page: PageContext, curriculum: Curriculum, renderer: Renderer,
                downloads=None, hold: Callable[[str], str] = held_html.as_is) -> Rendered:
    """The page's Markdown with everything generated filled in. ``downloads`` are the workbook's
    files this build publishes (pacer/documents.py), or None when it makes none; ``hold``
    turns a generated HTML block into what the Markdown carries (pacer/held_html.py)."""
    problems = snippet_problems(curriculum.root, source)
    if problems:
        raise BuildError(problems)
    # The body's lines, edited in place where the scan found each thing; None: a line left out.
    lines: list[str | None] = source.body.split("\n")
    views.edit_facilitator_notes(lines, source.scan.blocks, page.view)
    generated = replace_markers(lines, source, page, curriculum, renderer, downloads)
    cited = render_citations(lines, generated, source, page, curriculum, renderer)
    module = curriculum.module(page.src)
    if module is not None:
        render_self_checks(lines, source, page, renderer, hold)
        for part in source.scan.parts:  # ids the module header links to
            if lines[part.line] is not None:
                lines[part.line] = learning.heading_with_id(lines[part.line], part.anchor)
    markdown = "\n".join(line for line in lines if line is not None)
    if cited and numbered_citations(page, curriculum):
        markdown += "\n\n" + _sources(cited, page, curriculum, renderer) + "\n"
    template = curriculum.template(page.src)
    if template is not None:
        return Rendered(_template_page(template, markdown, cited, page, curriculum, renderer, downloads), cited)
    if module is not None:
        header = renderer.module_header(module, _parts_for_header(module), _badges(module, page))
        templates = [{"title": t.title, "url": page.url(t.src)} for t in curriculum.templates_for(module)]
        footer = _footer(module, module.meta, cited, curriculum, renderer, templates)
        return Rendered(hold(header) + "\n\n" + markdown + "\n\n" + hold(footer) + "\n", cited)
    if curriculum.module_of(page.src) is not None:  # worked examples and other pages of a module
        footer = _footer(None, {"references": source.meta.get("references") or []}, cited, curriculum, renderer)
        return Rendered(markdown + "\n\n" + hold(footer) + "\n", cited)
    return Rendered(markdown, cited)


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


# --- markers ----------------------------------------------------------------------------------

def replace_markers(lines: list, source: Page, page: PageContext, curriculum: Curriculum, renderer: Renderer,
                    downloads=None) -> list[int]:
    """Each marker line (of those the view keeps) replaced by what it generates; the lines replaced."""
    replaced = []
    for marker in source.scan.markers:
        if lines[marker.line] is None:
            continue
        line = source.body_line + marker.line
        if marker.name not in MARKERS:
            raise BuildError([problem(page.shown, line, "BLD001",
                                      f"\"generated: {marker.name}\" is not a marker (markers: {', '.join(MARKERS)})")])
        text = _workbook_index(page, curriculum, renderer, downloads) if marker.name == "workbook" else \
            _generate(marker.name, marker.argument, page, line, curriculum, renderer)
        lines[marker.line] = "\n".join(marker.indent + part if part.strip() else part for part in text.split("\n"))
        replaced.append(marker.line)
    return replaced


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

def render_citations(lines: list, generated: list[int], source: Page, page: PageContext, curriculum: Curriculum,
                     renderer: Renderer) -> list[str]:
    """Citations become links to the references page: those the page's scan found, and those in
    what its markers generated (the crisis lines cite their sources). Returns the keys cited, in
    order of first use. On public pages they become small numbered marks instead; render_page
    adds the list of sources at the end."""
    bibliography = curriculum.bibliography
    # line -> its citations; a generated line holds text of its own, scanned here (it is not the page)
    found: dict[int, list] = {index: blocks.scan(lines[index]).citations for index in generated}
    for citation in source.scan.citations:
        if lines[citation.line] is not None:
            found.setdefault(citation.line, []).append(citation)
    unknown, cited = [], []
    for index in sorted(found):
        for citation in found[index]:
            where, column = source.body_line + index, citation.start + 1
            for key in citation.keys:
                if key not in bibliography:
                    unknown.append(problem(page.shown, where, "MOD202", f"[@{key}] is not a key in the bibliography", column))
                elif bib.unverified(bibliography.entries[key]):
                    unknown.append(problem(page.shown, where, "MOD210", f"[@{key}] is marked unverified", column))
                elif key not in cited:
                    cited.append(key)
    if unknown:
        raise BuildError(unknown)
    numbered = bool(cited) and numbered_citations(page, curriculum)
    render = _numbered(cited, curriculum, renderer) if numbered else _linked(page, curriculum)
    for index, here in found.items():
        if index in generated:
            text = lines[index].split("\n")
            citations.replace(text, here, render)
            lines[index] = "\n".join(text)
        else:
            citations.replace(lines, here, render)
        if numbered:  # the mark follows its word
            lines[index] = CITE_SPACE.sub("", lines[index])
    return cited


def numbered_citations(page: PageContext, curriculum: Curriculum) -> bool:
    """Whether a page's citations are numbered marks with a list of sources (public pages), not
    (Author Year) links to the references page (course pages and workbook templates)."""
    return page.src.split("/")[0] not in (*curriculum.courses, workbook.SITE_FOLDER)


def _linked(page: PageContext, curriculum: Curriculum) -> Callable:
    """(Author Year) as a link to the entry on the references page."""
    target = posixpath.relpath(REFERENCES_PAGE, posixpath.dirname(page.src) or ".")

    def render(citation) -> str:
        links = []
        for key in citation.keys:
            text = bib.label(curriculum.bibliography.entries[key]).replace("[", "\\[").replace("]", "\\]")
            links.append(f"[{text}]({target}#{key})" if page.has_references_page else text)
        return "(" + "; ".join(links) + ")"

    return render


# The space before a citation's mark, so the mark follows its word; never a line's indentation,
# which would move the line out of the block it belongs to.
CITE_SPACE = re.compile(r'(?<=\S)[ \t]+(?=<sup class="pacer-cite">)')


def _numbered(cited: list[str], curriculum: Curriculum, renderer: Renderer) -> Callable:
    """A public page's citations as numbered marks, in order of first use."""
    entries = curriculum.bibliography.entries
    numbers = {key: number for number, key in enumerate(cited, 1)}

    def render(citation) -> str:
        keys = list(dict.fromkeys(citation.keys))
        return renderer.citation([{"number": numbers[key], "label": bib.label(entries[key]),
                                   "text": renderer.reference_text(entries[key])} for key in keys])

    return render


def _sources(cited: list[str], page: PageContext, curriculum: Curriculum, renderer: Renderer) -> str:
    """The list of sources at the end of a public page."""
    references = page.url(REFERENCES_PAGE) if page.has_references_page else None  # raw HTML: the built address
    return renderer.sources([(curriculum.bibliography.entries[key], f"{references}#{key}" if references else None)
                             for key in cited])


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


def render_self_checks(lines: list, source: Page, page: PageContext, renderer: Renderer,
                       hold: Callable[[str], str] = held_html.as_is) -> None:
    """Each ``!!! self-check`` block becomes its form (see pacer/learning.py for the syntax), read
    from the lines with their citations written. A form at the start of its line is held out of
    the Markdown (``hold``); one inside another block stays, since Markdown reads indented HTML
    as part of that block."""
    found = [block for block in source.scan.blocks if block.kind == "self-check" and lines[block.line] is not None]
    checks = [(block, learning.read_self_check(lines, block.line, block.end)) for block in found]
    problems = [problem(page.shown, source.body_line + line, code, detail)
                for _block, check in checks for line, code, detail in check.problems]
    if problems:
        raise BuildError(problems)
    for number, (block, check) in enumerate(checks, 1):
        indent = lines[block.line][: len(lines[block.line]) - len(lines[block.line].lstrip())]
        html = renderer.self_check(check, number, page.src)
        lines[block.line: block.end] = ["\n".join(indent + line for line in (html if indent else hold(html)).split("\n"))] \
            + [None] * (block.end - block.line - 1)
