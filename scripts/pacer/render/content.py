"""The content HTML of a page, after Markdown: what the build adds and checks, parsed once.

Glossary terms are marked at their first use; task-list boxes are named after their item;
activities and reflection questions are marked for the learner's journal (journal.py); links
whose text is their address are marked for print; permalinks are named after their heading;
notebook pages are made fit for search and for learners (notebooks/page_html.py); and the
problems found are returned (empty table header cells, notebook figures without alt text).
Everything here runs before the sanitizer, which sees the finished content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from pacer.model.glossary import Glossary, mark_first_uses
from pacer.notebooks import page_html
from pacer.render import journal
from pacer.report import Problem
from pacer.rules import problem

GLOSSARY_PAGE = "glossary.md"


@dataclass
class PageContext:
    """A page as the content stage sees it."""
    shown: str                         # the source file, for the problems
    glossary: Glossary | None = None   # terms to mark at their first use ...
    glossary_url: str | None = None    # ... linked to the glossary page
    learner: bool = False              # the learner view: every facilitator block goes first
    prompts: journal.PromptPage | None = None  # where the journal's prompts sit (journal.py)
    notebook: bool = False             # a notebook's page (notebooks/page_html.py) ...
    routes: str = ""                   # ... and its panel that offers the bundle and worksheet
    used_terms: set[str] = field(default_factory=set)  # filled in: the glossary terms it shows (the source map)


def finish(content: str, page: PageContext) -> tuple[str, list[Problem]]:
    """The content HTML, parsed once: in the learner view, every element made from a facilitator
    block removed first, wherever it sits; glossary terms marked at their first use; task-list
    boxes named after their item; notebook pages made fit for search and for learners; the
    journal's prompts marked; and the problems found (empty header cells, notebook figures
    without alt text)."""
    parts = lxml_html.fragments_fromstring(content)
    problems, changed, routes = [], page.notebook, page.routes
    if page.learner:
        changed = _drop_facilitator_blocks(parts) or changed
    elements = [p for p in parts if not isinstance(p, str) and isinstance(p.tag, str)]  # no text, no comments
    if page.glossary is not None:
        changed = mark_first_uses(elements, page.glossary, page.glossary_url, page.used_terms) or changed
    if page.prompts is not None:
        changed = bool(journal.mark_prompts(elements, page.prompts)) or changed
    for part in elements:
        changed = _label_task_lists(part) or changed
        changed = mark_links_showing_their_address(part) or changed
        changed = _name_permalinks(part) or changed
        problems += _empty_header_cells(part, page.shown)
        if page.notebook:
            problems += _figures_without_alt(part, page.shown)
            _fit_notebook_for_search(part)
            if page_html.finish(part, routes):
                routes = ""  # one panel per page
    if not changed:  # serializing rewrites some attribute values: keep the content as it came
        return content, problems
    html = "".join(p if isinstance(p, str) else lxml_html.tostring(p, encoding="unicode") for p in parts)
    return html, problems


FACILITATOR_BLOCKS = CSSSelector(".facilitator", translator="html")


def _drop_facilitator_blocks(parts: list) -> bool:
    """Remove facilitator blocks (Markdown makes each a details or div of class facilitator) at
    any depth: in a list, a quote, another block, a snippet."""
    dropped = False
    for part in list(parts):
        if isinstance(part, str) or not isinstance(part.tag, str):
            continue
        if "facilitator" in (part.get("class") or "").split():
            parts.remove(part)
            dropped = True
            continue
        for element in FACILITATOR_BLOCKS(part):
            element.drop_tree()
            dropped = True
    return dropped


# Compiled once: translating a CSS selector costs more than applying it to a page.
TASK_BOXES = CSSSelector(".task-list-item input[type=checkbox]:not([aria-label])", translator="html")
NOTEBOOK_EXTRAS = CSSSelector("a.anchor-link, .clipboard-copy-txt", translator="html")
NOTEBOOK_CODE_BLOCKS = CSSSelector(".jp-CodeCell pre, .jp-CodeCell table", translator="html")
TITLED_PERMALINKS = CSSSelector("a.headerlink[title]", translator="html")
DESCRIBED_IMAGES = CSSSelector("img[alt]", translator="html")


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


SHOWS_ADDRESS = "data-pacer-shows-address"  # print.css writes out every other web link's address


def _bare_address(text: str) -> str:
    text = text.strip().lower()
    return re.sub(r"^[a-z]+://(www\.)?", "", text).rstrip("/")


def mark_links_showing_their_address(part) -> bool:
    """Links whose text is their address (or its end, as a DOI is) are marked, so that print
    does not write the address out a second time after them."""
    marked = False
    for link in part.iter("a"):
        href, text = link.get("href") or "", _bare_address(link.text_content())
        if href.startswith(("http://", "https://")) and len(text) >= 6 and _bare_address(href).endswith(text):
            link.set(SHOWS_ADDRESS, "")
            marked = True
    return marked


def _name_permalinks(part) -> bool:
    """Each heading's permalink (the pilcrow) is named after its heading instead of carrying a
    title: the title made Material set up a tooltip for every heading on every page view, and
    "Link to this section" said the same thing for each."""
    named = False
    for link in TITLED_PERMALINKS(part):
        heading = link.getparent()
        text = " ".join((heading.text_content() if heading is not None else "").replace("\u00b6", "").split())
        link.set("aria-label", f"{link.get('title')}: {text}" if text else link.get("title"))
        del link.attrib["title"]
        named = True
    return named


def _empty_header_cells(part, shown: str) -> list[Problem]:
    """A table header cell with no text leaves screen-reader users without a column name."""
    found = []
    for cell in part.iter("th"):
        if not cell.text_content().strip() and not DESCRIBED_IMAGES(cell):
            row = " | ".join(" ".join(c.text_content().split()) for c in cell.getparent())[:60]
            found.append(problem(shown, 1, "BLD010", f"a table has an empty header cell (in the row \"{row}\")"))
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


def _figures_without_alt(part, shown: str) -> list[Problem]:
    """A notebook's figure needs a text alternative, like any image on the site."""
    found = []
    for image in part.iter("img"):
        if (image.get("alt") or "").strip() in ("", NBCONVERT_PLACEHOLDER_ALT):
            cell = next((a for a in image.iterancestors() if "jp-Cell" in (a.get("class") or "")), None)
            where = f" in the cell starting \"{' '.join(cell.text_content().split())[:40]}\"" if cell is not None else ""
            found.append(problem(shown, 1, "BLD009", f"a figure has no alt text{where}"))
    return found
