"""Every public page and every course page reads at or below its grade limit
(scripts/devtools/readability_limits.py), measured as scripts/readability.py does."""

from __future__ import annotations

import pytest

from pacer.checks import prose
from pacer.paths import COURSES, DOCS, ROOT, rel
from devtools.readability_limits import COURSE_PAGE_GRADE, PUBLIC_PAGE_GRADE, over_limit
from readability import pages


def all_pages():
    return pages([DOCS, *(ROOT / c for c in COURSES)])


def test_there_are_pages_to_measure():
    found = [rel(p) for p in all_pages()]
    assert any(p.startswith("docs/") for p in found)
    assert any(p.startswith("course") for p in found)


@pytest.mark.parametrize("page", [rel(p) for p in all_pages()])
def test_page_is_within_its_reading_grade(page):
    grade = prose.grade(prose.extract((ROOT / page).read_text(encoding="utf-8")).all)
    problem = over_limit(page, grade)
    assert problem is None, problem


def test_a_hard_public_page_is_reported_with_its_name_and_grade():
    hard = ("Notwithstanding institutional considerations, participatory epistemological frameworks "
            "necessitate comprehensive methodological reconceptualization regarding collaborative "
            "knowledge production within interdisciplinary healthcare investigations.")
    grade = prose.grade(hard)
    message = over_limit("docs/about/index.md", grade)
    assert message and "docs/about/index.md" in message and f"{grade:.1f}" in message
    assert over_limit("course1/01-x/index.md", COURSE_PAGE_GRADE - 0.5) is None
    assert over_limit("docs/index.md", PUBLIC_PAGE_GRADE) is None  # the limit itself is allowed
    assert f"above {COURSE_PAGE_GRADE}" in over_limit("course1/01-x/index.md", COURSE_PAGE_GRADE + 0.2)
    assert over_limit("docs/index.md", PUBLIC_PAGE_GRADE + 0.2)


PUBLIC_MEDIAN_GRADE, PUBLIC_MAX_GRADE = 8, 10


def test_the_public_pages_read_at_grade_8_on_the_median_and_none_above_10():
    """The pages the public meets first (the home page, about/ and learners/), as STYLE.md asks."""
    import statistics

    public = [p for p in all_pages() if rel(p) == "docs/index.md" or rel(p).startswith(("docs/about/", "docs/learners/"))]
    grades = {rel(p): prose.grade(prose.extract(p.read_text(encoding="utf-8")).all) for p in public}
    assert len(grades) >= 5, grades
    assert statistics.median(grades.values()) <= PUBLIC_MEDIAN_GRADE, grades
    assert max(grades.values()) <= PUBLIC_MAX_GRADE, grades
