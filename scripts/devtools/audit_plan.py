"""Which pages the accessibility pass checks, in which colour schemes and at which widths.

Every page is checked at least once. A page of each kind (the home page, a module, a worked
example, a notebook, a worksheet, a workbook template, a print page, a guide ...) is checked in
both colour schemes and at both widths, as the light scheme on a desktop and the dark scheme on
a phone (KIND_CHECKS). Every page whose source changed since main is checked in full: both
schemes at both widths. When a
change touches more than MAX_CHANGED_IN_FULL pages (a site-wide edit), the changed pages take
turns like the rest: the pass must stay short enough to run on every push. The other pages take turns: each in one scheme at one width, the four combinations in rotation, so
the site as a whole is still seen in all of them. Pages of one kind share their template and
styles, so a problem of the kind shows on the page checked in full; a problem of a page's own
content (its text, its tables) shows in whichever combination it is checked.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pacer.links.sources import load_source_map

SCHEMES = ("light", "dark")
WIDTHS = ("1280px", "390px")
COMBINATIONS = [(scheme, width) for width in WIDTHS for scheme in SCHEMES]
REVIEWED_REFS = ("origin/main", "main")
MAX_CHANGED_IN_FULL = 15
KIND_CHECKS = [("light", "1280px"), ("dark", "390px")]


def kind(page: str, html: str) -> str:
    """The kind of a built page (its template and the build's generated parts), from its path and content."""
    view = "facilitator:" if page.startswith("facilitator/") else ""
    path = page.removeprefix("facilitator/")
    if "jupyter-wrapper" in html:
        return view + "notebook"
    rules = [
        (r"^index\.html$", "home"), (r"^404\.html$", "not found"), (r"^course\d/print/", "print"),
        (r"^course\d/index\.html$", "course"), (r"^course\d/\d\d-[^/]+/index\.html$", "module"),
        (r"/worksheet-[^/]+/index\.html$", "worksheet"), (r"^course\d/\d\d-[^/]+/[^/]+/index\.html$", "module page"),
        (r"^workbook/index\.html$", "workbook"), (r"^workbook/", "workbook template"),
        (r"^guides/", "guide"), (r"^glossary/", "glossary"), (r"^references/", "references"),
        (r"^spor/coverage/", "generated table"), (r"^instructors/checker-codes/", "generated table"),
    ]
    for pattern, name in rules:
        if re.search(pattern, path):
            return view + name
    return view + path.split("/")[0]  # about, learners, spor, instructors ...


def changed_sources(root: Path) -> set[str] | None:
    """The repository files that differ from main (committed or not); None when that is unknown."""
    for ref in REVIEWED_REFS:
        base = subprocess.run(["git", "merge-base", "HEAD", ref], cwd=root, capture_output=True, text=True)
        if base.returncode == 0:
            against = base.stdout.strip()
            head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
            if against == head:  # on main itself: the last commit is the change
                against = "HEAD~1"
            diff = subprocess.run(["git", "diff", "--name-only", against], cwd=root, capture_output=True, text=True)
            if diff.returncode == 0:
                return set(diff.stdout.split())
    return None


@dataclass
class Plan:
    checks: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # page -> (scheme, width) pairs
    full: dict[str, str] = field(default_factory=dict)                      # page -> why it is checked in full

    def for_scheme(self, scheme: str) -> list[tuple[str, list[str]]]:
        """(page, widths) for one colour scheme, in page order."""
        return [(page, [w for s, w in pairs if s == scheme]) for page, pairs in self.checks.items()
                if any(s == scheme for s, _ in pairs)]


def plan(site: Path, pages: list[str], root: Path) -> Plan:
    """The checks for ``pages`` (paths relative to ``site``)."""
    source_map = load_source_map(site)
    changed = changed_sources(root)
    sources = {page: (source_map.pages.get(page) or {}).get("source", "") for page in pages}
    if changed is not None and sum(source in changed for source in sources.values()) > MAX_CHANGED_IN_FULL:
        changed = set()
    result, seen_kinds, turn = Plan(), set(), 0
    for page in pages:
        html = (site / page).read_text(encoding="utf-8", errors="replace")
        page_kind = kind(page, html)
        source = sources[page]
        if page_kind not in seen_kinds:
            seen_kinds.add(page_kind)
            result.full[page] = f"the first page of its kind ({page_kind})"
        elif changed is None or source in changed:
            result.full[page] = "its source changed" if changed is not None else "changes since main are unknown"
        if page in result.full:
            result.checks[page] = list(KIND_CHECKS) if result.full[page].startswith("the first page") else list(COMBINATIONS)
        else:
            result.checks[page] = [COMBINATIONS[turn % len(COMBINATIONS)]]
            turn += 1
    return result
