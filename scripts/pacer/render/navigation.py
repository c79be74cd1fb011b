"""The site's navigation, made from the model: each course's modules, the workbook's templates
in teaching order, the learner view without the facilitators' pages, and the facilitator view
without the learners' own (their journal).

mkdocs.yml lists one entry per course (``Course 1: course1/index.md``) and one for the workbook
(``Workbook: workbook/index.md``); each becomes a whole section here. Navigation titles are
plain text: the theme prints them as they are.
"""

from __future__ import annotations

from pacer.model import Curriculum
from pacer.model.workbook import SITE_FOLDER
from pacer.paths import COURSES
from pacer.render import views
from pacer.safety.text import plain_title


def _course_nav(course: str, curriculum: Curriculum) -> list:
    """The navigation of one course: its pages, then one section per module, from the model."""
    model = curriculum.courses[course]
    pages = [f"{course}/index.md"] + [curriculum.shown(p.path) for p in model.pages]
    pages += [curriculum.shown(p) for p in model.notebooks]
    for module in model.modules:
        others = [curriculum.shown(p.path) for p in module.pages] + [curriculum.shown(p) for p in module.notebooks]
        module_pages = ([module.src] if module.page else []) + sorted(others)
        pages.append({f"{module.number}. {plain_title(module.title)}": module_pages})
    return pages


def expanded(nav, curriculum: Curriculum):
    """mkdocs.yml's navigation with each course entry and the workbook entry made whole."""
    if not nav:
        return nav
    workbook_index = f"{SITE_FOLDER}/index.md"
    result = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            course = target.split("/")[0] if isinstance(target, str) else None
            if course in COURSES and target == f"{course}/index.md":
                item = {title: _course_nav(course, curriculum)}
            elif target == workbook_index:
                item = {title: [workbook_index] + [t.src for t in curriculum.templates]}
        result.append(item)
    return result


def for_learners(nav):
    """The navigation without the pages only facilitators see."""
    return _without(nav, views.facilitator_only)


def for_facilitators(nav):
    """The navigation without the pages only learners see (their journal)."""
    return _without(nav, views.learner_only)


def _without(nav, left_out):
    if isinstance(nav, list):
        kept = [_without(item, left_out) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: _without(target, left_out) for title, target in nav.items()}
        return {title: target for title, target in kept.items() if target not in (None, [], {})} or None
    if isinstance(nav, str) and left_out(nav):
        return None
    return nav
