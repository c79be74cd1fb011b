"""What the build does to a page's Markdown, as pure functions of the curriculum model.

The MkDocs hook (scripts/hooks/contract.py) hands each page here; nothing here knows MkDocs.
A page's Markdown gets: generated blocks for its markers, citations as links, the module header
and footer from front matter, and self-checks rendered as accessible forms.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from pacer import bibliography as bib
from pacer import blocks, citations, contract, learning
from pacer.model import Curriculum, Module
from pacer.render import Renderer
from pacer.report import Problem
from pacer.rules import problem

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*generated:\s*(?P<name>[a-z-]+)(?:\s+(?P<argument>[\w-]+))?\s*-->[ \t]*$")
REFERENCES_PAGE = "references.md"
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
}
PART_ATTRIBUTE = re.compile(r"[ \t]*\{[^}]*\}[ \t]*$")


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


def render_page(markdown: str, page: PageContext, curriculum: Curriculum, renderer: Renderer,
                page_meta: dict) -> str:
    """The page's Markdown with everything generated filled in."""
    check_snippets(markdown, page, curriculum)
    markdown = replace_markers(markdown, page, curriculum, renderer)
    markdown, cited = render_citations(markdown, page, curriculum)
    module = curriculum.module(page.src)
    if module is not None:
        markdown = learning.with_part_ids(render_self_checks(markdown, page, renderer))
        header = renderer.module_header(module, _parts_for_header(module), _badges(module, page))
        footer = _footer(module, module.meta, cited, curriculum, renderer)
        return header + "\n\n" + markdown + "\n\n" + footer + "\n"
    if curriculum.module_of(page.src) is not None:  # worked examples and other pages of a module
        unknown = [k for k in page_meta.get("references") or [] if k not in curriculum.bibliography]
        if unknown:
            raise BuildError([problem(page.shown, 1, "MOD201", f"`{k}` is not a key in the bibliography") for k in unknown])
        return markdown + "\n\n" + _footer(None, {"references": page_meta.get("references") or []}, cited, curriculum, renderer) + "\n"
    return markdown


# --- content HTML -----------------------------------------------------------------------------

def finish_content(content: str, page: PageContext, notebook: bool) -> tuple[str, list[Problem]]:
    """The content HTML, parsed once: task-list boxes named after their item; notebook pages made
    fit for search; and the problems found (empty header cells, notebook figures without alt)."""
    parts = lxml_html.fragments_fromstring(content)
    elements = [p for p in parts if not isinstance(p, str) and isinstance(p.tag, str)]  # no text, no comments
    problems, changed = [], notebook
    for part in elements:
        changed = _label_task_lists(part) or changed
        problems += _empty_header_cells(part, page)
        if notebook:
            problems += _figures_without_alt(part, page)
            _fit_notebook_for_search(part)
    if not changed:  # serializing rewrites some attribute values: keep the content as it came
        return content, problems
    html = "".join(p if isinstance(p, str) else lxml_html.tostring(p, encoding="unicode") for p in parts)
    return html, problems


# Compiled once: translating a CSS selector costs more than applying it to a page.
TASK_BOXES = CSSSelector(".task-list-item input[type=checkbox]:not([aria-label])", translator="html")
NOTEBOOK_EXTRAS = CSSSelector("a.anchor-link, .clipboard-copy-txt", translator="html")
NOTEBOOK_CODE_BLOCKS = CSSSelector(".jp-CodeCell pre, .jp-CodeCell table", translator="html")


def _label_task_lists(part) -> bool:
    """Material wraps each task-list checkbox in an empty label: name it after its item."""
    named = False
    for box in TASK_BOXES(part):
        item = next((a for a in box.iterancestors() if "task-list-item" in (a.get("class") or "")), None)
        text = " ".join(item.text_content().split()) if item is not None else ""
        if text:
            box.set("aria-label", text[:200])
            named = True
    return named


def _empty_header_cells(part, page: PageContext) -> list[Problem]:
    """A table header cell with no text leaves screen-reader users without a column name."""
    found = []
    for cell in part.iter("th"):
        if not cell.text_content().strip() and not cell.cssselect("img[alt]"):
            row = " | ".join(" ".join(c.text_content().split()) for c in cell.getparent())[:60]
            found.append(problem(page.shown, 1, "BLD010", f"a table has an empty header cell (in the row \"{row}\")"))
    return found


def _fit_notebook_for_search(part) -> None:
    """A notebook page's prose is searchable; its code and outputs are not, and headings lose
    nbconvert's pilcrow links (search showed them at the end of every section title)."""
    # the pilcrow links, and the hidden copy of each cell's code kept for a copy button that
    # the page no longer has (Material's own copy button reads the code block itself)
    for extra in NOTEBOOK_EXTRAS(part):
        extra.drop_tree()
    # Material's search skips an excluded element until the next closing tag of the same
    # name, so the mark goes on elements that do not nest: the code and output blocks.
    for block in NOTEBOOK_CODE_BLOCKS(part):
        block.set("data-search-exclude", "")


# What nbconvert writes when a notebook's image has no description: not a text alternative.
NBCONVERT_PLACEHOLDER_ALT = "No description has been provided for this image"


def _figures_without_alt(part, page: PageContext) -> list[Problem]:
    """A notebook's figure needs a text alternative, like any image on the site."""
    found = []
    for image in part.iter("img"):
        if (image.get("alt") or "").strip() in ("", NBCONVERT_PLACEHOLDER_ALT):
            cell = next((a for a in image.iterancestors() if "jp-Cell" in (a.get("class") or "")), None)
            where = f" in the cell starting \"{' '.join(cell.text_content().split())[:40]}\"" if cell is not None else ""
            found.append(problem(page.shown, 1, "BLD009", f"a figure has no alt text{where}"))
    return found


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

def replace_markers(markdown: str, page: PageContext, curriculum: Curriculum, renderer: Renderer) -> str:
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
        text = _generate(name, argument, page, line, curriculum, renderer)
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
    if name == "glossary":
        return renderer.glossary(curriculum.glossary)
    if name == "references":
        return renderer.references(sorted(curriculum.bibliography.entries.values(), key=bib.sort_key))
    if name == "checker-codes":
        return renderer.checker_codes()
    if name.startswith("contract-"):
        return renderer.render("contract-tables", table=name.removeprefix("contract-"), rows=_contract_rows(name))
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
                         ("page", contract.PAGE_SCHEMA)):
        for key, rule in schema["properties"].items():
            row = rows.setdefault(key, {"key": key, "pages": [], "required": [], "help": contract.FIELD_HELP.get(key, ""),
                                        "form": rule.get("x-expects") or {"string": "text", "array": "a list of text",
                                                                          "integer": "a whole number"}.get(rule.get("type"), "")})
            row["pages"].append(kind)
            if key in schema["required"]:
                row["required"].append(kind)
    return [{**row, "pages": ", ".join(row["pages"]), "required": ", ".join(row["required"]) or "no"} for row in rows.values()]


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

def render_citations(markdown: str, page: PageContext, curriculum: Curriculum) -> tuple[str, list[str]]:
    """Citations become links to the references page; returns the Markdown and the keys cited."""
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

    def render(citation) -> str:
        links = []
        for key in citation.keys:
            text = bib.label(bibliography.entries[key]).replace("[", "\\[").replace("]", "\\]")
            links.append(f"[{text}]({target}#{key})" if page.has_references_page else text)
        return "(" + "; ".join(links) + ")"

    return citations.replace(markdown, render), cited


# --- module pages -----------------------------------------------------------------------------

def _badges(module: Module, page: PageContext) -> list[dict]:
    return [{"key": key, "name": contract.PRINCIPLES[key][0], "url": page.url(contract.PRINCIPLES[key][1])}
            for key in module.meta.get("spor", [])]


def _parts_for_header(module: Module) -> list[dict]:
    return [{"title": PART_ATTRIBUTE.sub("", part.title), "minutes": part.minutes or 0, "anchor": part.anchor}
            for part in module.parts if part.anchor]


def _footer(module, meta: dict, cited: list[str], curriculum: Curriculum, renderer: Renderer) -> str:
    keys = [k for k in (meta.get("references") or []) if isinstance(k, str)]
    keys += [k for k in cited if k not in keys]
    entries = sorted((curriculum.bibliography.entries[k] for k in keys if k in curriculum.bibliography), key=bib.sort_key)
    if not (meta.get("keypoints") or entries or meta.get("reviewed")):
        return ""
    return renderer.module_footer(module, meta.get("keypoints") or [], renderer.reference_list(entries), meta.get("reviewed"))


def render_self_checks(markdown: str, page: PageContext, renderer: Renderer) -> str:
    """Each ``!!! self-check`` block becomes its form (see pacer/learning.py for the syntax)."""
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
        lines[block.line: block.end] = [indent + line for line in html.split("\n")]
    return "\n".join(lines)
