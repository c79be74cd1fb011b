"""The journal's prompts (scripts/pacer/render/journal.py): each activity and reflection question
of a course page gets a stable, unique prompt id in the learner view, and nowhere else: not in
the facilitator view, the print pages, notebooks or pages outside the modules."""

from __future__ import annotations

import collections

import pytest
from lxml import html

from conftest import ROOT
from pacer import model
from pacer.render import journal, navigation, views

CURRICULUM = model.load(ROOT)
PAGE = journal.PromptPage(key="course1/01-x", course="course1", course_title="Course 1: A & B",
                          module="course1/01-x", module_title="Module 1: X", page_title="X", src="course1/01-x/index.md",
                          journal_url="../../learners/journal/")

SAMPLE = """
<h2 id="note-activity-2-listen">Taken: a heading already uses the id a prompt would get</h2>
<div class="admonition activity"><p class="admonition-title">Activity 1: draft <em>three</em> questions</p>
<p>Write them.</p></div>
<details class="answer"><summary>Model answer</summary><p>An answer.</p></details>
<div class="admonition activity"><p class="admonition-title">Activity 2: listen</p><p>Listen.</p></div>
<div class="admonition activity"><p class="admonition-title">Activity 1: draft three questions</p></div>
<div class="admonition reflection"><p class="admonition-title">Reflection questions</p>
<ol><li>What <strong>surprised</strong> you?</li><li><p>Loose item.</p><ul><li>nested</li></ul></li></ol></div>
<div class="admonition note"><p class="admonition-title">A note</p><ol><li>Not a prompt</li></ol></div>
"""


def _marked(content: str = SAMPLE):
    elements = [e for e in html.fragments_fromstring(content) if not isinstance(e, str)]
    return journal.mark_prompts(elements, PAGE), elements


def test_prompt_ids_come_from_the_page_and_the_prompt_and_are_unique():
    ids, _ = _marked()
    assert ids == [
        "course1/01-x/activity-1-draft-three-questions",
        "course1/01-x/activity-2-listen",
        "course1/01-x/activity-1-draft-three-questions-2",   # the same title twice on one page
        "course1/01-x/reflection-questions-1",
        "course1/01-x/reflection-questions-2",
    ]


def test_prompt_ids_are_the_same_on_every_build():
    assert _marked()[0] == _marked()[0]


def test_a_prompt_never_takes_an_element_id_already_on_the_page():
    _, elements = _marked()
    found = [e.get("id") for part in elements for e in part.iter() if isinstance(e.tag, str) and e.get("id")]
    duplicated = [name for name, count in collections.Counter(found).items() if count > 1]
    assert not duplicated, duplicated
    listen = [e for part in elements for e in part.iter() if e.get(journal.PROMPT, "").endswith("/activity-2-listen")]
    assert listen[0].get("id") == "note-activity-2-listen-2", "the prompt id stays; the element id moves aside"


def test_each_prompt_says_where_it_is_and_which_element_holds_its_words():
    _, elements = _marked()
    hooks = [e for part in elements for e in part.iter() if e.get(journal.PROMPT)]
    first, question = hooks[0], hooks[3]
    assert first.get("data-pacer-prompt-name") == "Activity 1: draft three questions"
    assert first.get("data-pacer-prompt-course-title") == "Course 1: A & B"
    assert first.get("data-pacer-prompt-module") == "course1/01-x"
    assert first.get("data-pacer-prompt-page") == "course1/01-x/index.md"
    assert first.get("data-pacer-prompt-journal") == "../../learners/journal/"
    title = first.find("p")
    assert journal.PROMPT_TEXT_CLASS in title.get("class") and title.get("id") == first.get("id") + "-prompt"
    assert question.tag == "li" and question.get("data-pacer-prompt-name") == "Reflection question 1"
    words = question[0]
    assert words.get("class") == journal.PROMPT_TEXT_CLASS and words.get("id") == question.get("id") + "-prompt"
    assert html.tostring(words, encoding="unicode").count("<strong>surprised</strong>") == 1  # the question, as it was
    loose = hooks[4][0]
    assert [child.tag for child in loose] == ["p", "ul"], "a loose item's paragraphs and lists stay in order"


def test_other_blocks_are_not_prompts():
    ids, _ = _marked('<div class="admonition note"><ol><li>x</li></ol></div><ol><li>y</li></ol>')
    assert ids == []


def test_print_copies_lose_the_marks():
    _, elements = _marked()
    for part in elements:
        journal.unmarked(part)
    assert not any(name.startswith(journal.PROMPT) for part in elements for e in part.iter() for name in e.attrib)


@pytest.mark.parametrize("src, view, expected", [
    ("course1/01-lived-experience-as-expertise/index.md", views.LEARNER, "course1/01-lived-experience-as-expertise"),
    ("course2/05-coding/worked-example-coding-by-hand.md", views.LEARNER, "course2/05-coding/worked-example-coding-by-hand"),
    ("course1/01-lived-experience-as-expertise/index.md", views.FACILITATOR, None),
    ("course1/05-set-co-designing-the-research-focus/recurring-concerns.py", views.LEARNER, None),
    ("course1/index.md", views.LEARNER, None),
    ("about/index.md", views.LEARNER, None),
])
def test_only_learner_pages_of_modules_get_prompts(src, view, expected):
    page = journal.prompt_page(CURRICULUM, src, view, "../../learners/journal/")
    assert (page.key if page else None) == expected
    if page:
        module = CURRICULUM.module_of(src)
        assert page.module == module.key and page.module_title == f"Module {module.number}: {module.title}"


def test_the_journal_page_is_in_the_learner_view_only():
    nav = [{"Resources": ["learners/journal.md", "glossary.md"]}, {"For facilitators": ["guides/index.md"]}]
    assert navigation.for_facilitators(nav) == [{"Resources": ["glossary.md"]}, {"For facilitators": ["guides/index.md"]}]
    assert navigation.for_learners(nav) == [{"Resources": ["learners/journal.md", "glossary.md"]}]
    assert views.learner_only("learners/journal.md") and not views.learner_only("learners/profiles.md")


# --- the built site --------------------------------------------------------------------------

def _source_prompts(src: str) -> int:
    """Activities and reflection questions in a page's source, as the checker reads them."""
    page = CURRICULUM.page(src)
    found, lines = page.scan.blocks, page.body.split("\n")
    count = 0
    for block in found:
        if block.kind == "activity":
            count += 1
        elif block.kind == "reflection":
            inside = [line.strip() for line in lines[block.line + 1:block.end]]
            count += sum(1 for line in inside if line[:1].isdigit() and ". " in line[:4])
    return count


COURSE_PAGES = [p.shown for m in CURRICULUM.modules for p in ([m.page] if m.page else []) + m.pages]


def _built(src: str) -> str:
    """A page's built file in the site: course1/01-x/index.md -> course1/01-x/index.html."""
    return src.removesuffix("index.md") + "index.html" if src.endswith("/index.md") else src.removesuffix(".md") + "/index.html"


def _hooks(path):
    return html.parse(str(path)).getroot().cssselect(f"article [{journal.PROMPT}]")


@pytest.mark.parametrize("src", COURSE_PAGES)
def test_every_activity_and_reflection_question_has_a_prompt_on_its_learner_page(built_site, src):
    ids = [h.get(journal.PROMPT) for h in _hooks(built_site.site / _built(src))]
    assert len(ids) == len(set(ids)), f"{src}: prompt ids repeat: {ids}"
    assert len(ids) == _source_prompts(src), f"{src}: {len(ids)} prompts on the page, {_source_prompts(src)} in the source"
    assert all(i.startswith(journal.page_key(src) + "/") for i in ids)
    assert not _hooks(built_site.site / views.FACILITATOR_FOLDER / _built(src)), \
        f"{src}: the facilitator view has journal prompts"


def test_no_print_page_notebook_or_facilitator_page_has_prompts(built_site):
    site = built_site.site
    marked = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
              if journal.PROMPT.encode() in p.read_bytes() and html.parse(str(p)).getroot().xpath(f"//*[@{journal.PROMPT}]")}
    assert marked, "no page has journal prompts"
    assert marked <= {_built(src) for src in COURSE_PAGES}, sorted(marked - {_built(src) for src in COURSE_PAGES})
    assert (site / "learners/journal/index.html").is_file()
    assert not (site / views.FACILITATOR_FOLDER / "learners/journal/index.html").exists()
