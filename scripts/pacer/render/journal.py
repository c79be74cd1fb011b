"""The journal's prompts: where a learner can write notes on a module or worked-example page.

Each activity block and each reflection question of a course page, in the learner view only,
is marked in the content HTML with a ``data-pacer-prompt`` attribute holding a prompt id that
stays the same from build to build: the page's key and the prompt's place on it, for example
``course1/01-lived-experience-as-expertise/activity-1-patient-or-researcher`` (an activity, by
its title) or ``course1/01-lived-experience-as-expertise/reflection-questions-2`` (the second
reflection question). The other ``data-pacer-prompt-*`` attributes say where the prompt is
(course, module, the page's source path) and where "My journal" is, so the browser can list the
note there without asking the site for anything. A source path, not an address, because the
offline copy's addresses differ (``.../index.html``): "My journal" turns it into the address of
its own build (its marker says how). overrides/assets/javascripts/journal.js adds the text
box; notes stay in the learner's browser. Renaming an activity, or reordering reflection
questions, gives a prompt a new id: notes written under the old one stay in the journal, under
their saved prompt.

The facilitator view, the print pages (print_sections.py takes the marks out) and notebooks
get no marks, so they get no boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from pacer.model import Curriculum
from pacer.model.learning import slugify
from pacer.render import views

PROMPT = "data-pacer-prompt"
ID_PREFIX = "note-"                       # the element ids of prompts, apart from headings' ids
PROMPT_TEXT_CLASS = "pacer-prompt-text"   # the element that holds a prompt's words
ACTIVITIES = CSSSelector(".admonition.activity, details.activity", translator="html")
REFLECTIONS = CSSSelector(".admonition.reflection, details.reflection", translator="html")
TITLES = CSSSelector(":scope > .admonition-title, :scope > summary", translator="html")
QUESTIONS = CSSSelector(":scope > ol > li", translator="html")


@dataclass(frozen=True)
class PromptPage:
    """A page that gets text boxes, and where it sits in the curriculum."""
    key: str             # 'course1/01-slug' (a module page) or 'course1/01-slug/worked-example-x'
    course: str          # 'course1'
    course_title: str
    module: str          # 'course1/01-slug'
    module_title: str    # 'Module 1: Lived experience as expertise'
    page_title: str
    src: str             # the page's source path ('course1/01-slug/index.md'): the journal links to it
    journal_url: str | None   # "My journal" from this page (relative), or None when the build has none


def page_key(src: str) -> str:
    """A course page's key: its source path without ``/index.md`` or ``.md``."""
    return src.removesuffix("/index.md").removesuffix(".md")


def prompt_page(curriculum: Curriculum, src: str, view: str, journal_url: str | None) -> PromptPage | None:
    """The page's journal context, or None when it gets no text boxes: the facilitator view,
    pages outside a module, and notebooks (their Markdown has no blocks)."""
    module = curriculum.module_of(src)
    if view != views.LEARNER or module is None or not src.endswith(".md"):
        return None
    page = curriculum.page(src)
    course = curriculum.courses[module.course]
    return PromptPage(key=page_key(src), course=course.name, course_title=course.title, module=module.key,
                      module_title=f"Module {module.number}: {module.title}",
                      page_title=(page.title if page else None) or module.title, src=src,
                      journal_url=journal_url)


def _words(element) -> str:
    return " ".join(element.text_content().split())


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` ... when it is taken; then taken."""
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _mark(element, prompt_id: str, element_id: str, name: str, page: PromptPage) -> None:
    element.set("id", element_id)
    element.set(PROMPT, prompt_id)
    element.set("data-pacer-prompt-name", name)
    element.set("data-pacer-prompt-course", page.course)
    element.set("data-pacer-prompt-course-title", page.course_title)
    element.set("data-pacer-prompt-module", page.module)
    element.set("data-pacer-prompt-module-title", page.module_title)
    element.set("data-pacer-prompt-page", page.src)
    element.set("data-pacer-prompt-page-title", page.page_title)
    if page.journal_url is not None:
        element.set("data-pacer-prompt-journal", page.journal_url)


def _wrapped(item) -> object:
    """The list item's contents moved into one element that names the question (so a text box
    added to the item can be labelled by the question alone, without its own text)."""
    holder = lxml_html.Element("div")
    holder.text, item.text = item.text, None
    for child in list(item):
        holder.append(child)
    item.append(holder)
    return holder


def mark_prompts(elements: list, page: PromptPage) -> list[str]:
    """Mark every activity and reflection question in the page's content elements; the prompt
    ids, in page order. A prompt id depends only on the prompts of the page (the same title twice
    gets "-2"); the element ids given to prompts never take one the page already uses, and a
    block's own id (``{ #my-id }``) stays."""
    ids = {e.get("id") for part in elements for e in part.iter() if isinstance(e.tag, str) and e.get("id")}
    prompts: set[str] = set()
    found = []

    def mark(element, local: str, name: str, words) -> None:
        local = _unique(local, prompts)
        element_id = element.get("id") or _unique(ID_PREFIX + local, ids)  # an author's own id stays
        if words is not None:
            words.set("id", _unique(element_id + "-prompt", ids))
            words.set("class", f"{words.get('class', '')} {PROMPT_TEXT_CLASS}".strip())
        _mark(element, f"{page.key}/{local}", element_id, name, page)
        found.append(f"{page.key}/{local}")

    for part in elements:
        activities, reflections = set(ACTIVITIES(part)), set(REFLECTIONS(part))
        for block in [e for e in part.iter() if e in activities or e in reflections]:  # in page order
            titles = TITLES(block)
            title = _words(titles[0]) if titles else ""
            if block in activities:
                mark(block, slugify(title) or "activity", title or "Activity", titles[0] if titles else None)
                continue
            for number, item in enumerate(QUESTIONS(block), 1):
                mark(item, f"{slugify(title) or 'reflection'}-{number}", f"Reflection question {number}", _wrapped(item))
    return found


def unmarked(root) -> None:
    """Take the journal's marks out of a copy of a page (the print pages): no text boxes there."""
    for element in root.iter():
        if isinstance(element.tag, str):
            for name in [n for n in element.attrib if n == PROMPT or n.startswith(PROMPT + "-")]:
                del element.attrib[name]
