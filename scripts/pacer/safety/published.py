"""What may be published from the content folders (docs/ and the course folders).

Everything in them is copied into the site as it is, on the site's own address, where learners'
progress and notes live. So a file is published only when its name is plain and its type is one
the site renders or offers to download: pages, notebooks, data, pictures and PDFs. A web page,
a script, an SVG (which can hold script) or a macro-enabled office file could run code when
opened; they are refused, with what to do instead. The rule is an allowlist: a type nobody
thought of is refused too.
"""

from __future__ import annotations

import re
from pathlib import Path

from pacer.rules import problem
from pacer.report import Problem

# Letters, digits, '-', '_' and '.': nothing a page or the theme could read as markup or a quote.
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]+")
PUBLISHED_TYPES = {
    ".md", ".py",                                   # pages and notebooks (notebooks are Python files)
    ".csv", ".tsv", ".txt", ".json", ".yml", ".yaml",  # data
    ".png", ".jpg", ".jpeg", ".gif", ".webp",       # pictures
    ".pdf",
}
INSTEAD = {
    ".svg": "save the figure as PNG (an SVG file can hold script)",
    ".html": "write the page in Markdown", ".htm": "write the page in Markdown",
    ".xhtml": "write the page in Markdown", ".js": "ask a maintainer: the site's scripts live in overrides/",
    ".xlsm": "save it as .xlsx or .csv without macros", ".docm": "save it as .docx without macros",
}


def problems(root: Path, files: list[Path]) -> list[Problem]:
    """A problem for each file under ``root`` with a name or a type the site does not publish."""
    found = []
    for path in files:
        shown = path.relative_to(root).as_posix()
        bad = [part for part in path.relative_to(root).parts if not SAFE_NAME.fullmatch(part)]
        if bad:
            found.append(problem(shown, 1, "MOD016", f"the name \"{bad[0]}\" has characters other than "
                                                     "letters, digits, '-', '_' and '.'"))
        elif path.suffix.lower() not in PUBLISHED_TYPES:
            instead = INSTEAD.get(path.suffix.lower(), "use one of " + ", ".join(sorted(PUBLISHED_TYPES)))
            found.append(problem(shown, 1, "MOD017", f"files of type \"{path.suffix or path.name}\" are not "
                                                     f"published ({instead})"))
    return found
