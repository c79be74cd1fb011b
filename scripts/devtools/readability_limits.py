"""The reading-grade limits (Flesch-Kincaid) that tests/test_readability.py enforces.

Public pages (everything in docs/) are for anyone who finds the site; course material
(course pages, modules and their worked examples) is for enrolled learners with support.
"""

from __future__ import annotations

from pathlib import PurePosixPath

PUBLIC_PAGE_GRADE = 9   # docs/
COURSE_PAGE_GRADE = 11  # course1/ .. course3/: course pages, modules, worked examples


def limit_for(page: str) -> tuple[float, str]:
    """The grade limit for a page (a path relative to the repository) and the kind of page."""
    top = PurePosixPath(page).parts[0]
    if top == "docs":
        return PUBLIC_PAGE_GRADE, "public page"
    return COURSE_PAGE_GRADE, "course page or module"


def over_limit(page: str, grade: float) -> str | None:
    """A message naming the page and its grade when it is above its limit, else None."""
    limit, kind = limit_for(page)
    if grade <= limit:
        return None
    return (f"{page}: reading grade {grade:.1f} is above {limit} (the limit for a {kind}). "
            "Use shorter sentences and everyday words; `python scripts/readability.py "
            f"{page}` shows the grade as you edit.")
