"""Limits on the shape of a page's text, so that no input can make reading it hang or crash.

Python-Markdown reads nested lists and quotes by recursion (a list nested a thousand deep ends
in a RecursionError), and a regular expression may take time to the square of a run of spaces.
The site's pages need neither: the deepest indentation in the courses is a few levels. So a
line indented deeper than MAX_INDENT columns, or holding a run of more than MAX_SPACES spaces,
is refused before any of it is parsed.
"""

from __future__ import annotations

import re
from pathlib import Path

from pacer.rules import problem
from pacer.report import Problem

MAX_INDENT = 64       # columns of leading spaces, tabs and quote marks: 16 levels of 4
MAX_SPACES = 200
LEADING = re.compile(r"[ \t>]*")
SPACE_RUN = re.compile(r"[ \t]{%d,}" % (MAX_SPACES + 1))


def indent(line: str) -> int:
    return len(LEADING.match(line).group(0).replace(">", "    ").expandtabs(4))


def problems(root: Path, files: list[Path]) -> list[Problem]:
    """The first line of each Markdown file of ``files`` that goes past the limits."""
    found = []
    for path in files:
        if path.suffix != ".md":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported as MOD001 or MOD002 where the page is read
        found += problems_in(path.relative_to(root).as_posix(), text)
    return found


def problems_in(shown: str, text: str) -> list[Problem]:
    """The first line of ``text`` that goes past the limits, as a problem (or none)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if indent(line) > MAX_INDENT:
            detail = f"the line is indented {indent(line)} columns deep (at most {MAX_INDENT})"
        elif SPACE_RUN.search(line):
            detail = f"the line holds a run of more than {MAX_SPACES} spaces"
        else:
            continue
        return [problem(shown, number, "MOD019", detail)]
    return []
