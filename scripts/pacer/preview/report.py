"""What a pull request's preview build found, as one JSON report for the bot's comment.

The Preview workflow runs the module checker, the strict build (``make preview``) and the link
checker, keeping each one's output and exit status in a folder (``<check>.log`` and
``<check>.status``). This module reads them into a report: for each check whether it passed, and
its problems with the file, the line and the text (which ends with the fix); plus the pages the
pull request changes (changes.py). The report is untrusted where it is used (the publishing
workflow renders it with comment.py, which checks and escapes every value).
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from pacer.paths import COURSES
from pacer.preview.changes import ChangedPages
from pacer.rules import message

REPORT_FORMAT = 1
CHECKS = ("module-checker", "build", "links")    # in the order they run
MAX_PROBLEMS = 50                                  # per check: the comment shows fewer still

PROBLEM = re.compile(r"^(?:(?:ERROR|WARNING)\s+-\s+)?(?P<file>[^\s:][^:\n]*):(?P<line>\d+):\d+: (?P<text>[A-Z]{3}\d{3} .+)$")
MKDOCS_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(?P<text>\S.*)$")
MKDOCS_LINK = re.compile(r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<why>.+?)\.?$")


def _source_path(page: str) -> str:
    """A page as MkDocs names it (course2/x.md, about/x.md) as a repository path."""
    return page if page.split("/", 1)[0] in COURSES else f"docs/{page}"


def _line_of(root: Path, path: str, needle: str) -> int:
    try:
        lines = (root / path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


def problems_in(log: str, root: Path) -> list[dict]:
    """The problems a check printed: ``path:line:column: CODE message`` lines, and MkDocs'
    own warnings (a broken link is placed on its line in the page's source, with its fix)."""
    found: list[dict] = []
    for line in log.splitlines():
        line = line.rstrip()
        match = PROBLEM.match(line)
        if match:
            found.append({"file": match["file"], "line": int(match["line"]), "text": match["text"]})
            continue
        mkdocs = MKDOCS_LINE.match(line)
        if not mkdocs:
            continue
        link = MKDOCS_LINK.match(mkdocs["text"])
        if link:
            path = _source_path(link["page"])
            code = "LNK102" if "anchor" in link["why"] else "LNK101"
            found.append({"file": path, "line": _line_of(root, path, link["link"]),
                          "text": f"{code} " + message(code, f"the link '{link['link']}': {link['why']}")})
        else:
            found.append({"file": "", "line": 0, "text": mkdocs["text"]})
    unique = list({(p["file"], p["line"], p["text"]): p for p in found}.values())
    return unique


def check_result(name: str, folder: Path, root: Path) -> dict:
    """One check's result from ``folder/<name>.log`` and ``folder/<name>.status``."""
    try:
        status = int((folder / f"{name}.status").read_text(encoding="utf-8").strip())
        log = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return {"name": name, "status": "not-run", "count": 0, "problems": []}
    problems = problems_in(log, root)
    if status == 0:
        outcome = "passed"
    elif name != "build" and status == 1:
        outcome = "problems"
    else:
        outcome = "failed"   # the build failed, or a checker could not run
    if outcome == "failed" and not problems:
        problems = [{"file": "", "line": 0, "text": line} for line in log.strip().splitlines()[-5:]]
    return {"name": name, "status": outcome, "count": len(problems), "problems": problems[:MAX_PROBLEMS]}


def report(number: int, checks_folder: Path | None, changed: ChangedPages | None, root: Path) -> dict:
    """The report of pull request ``number``'s preview build. (A pull request from a fork that
    waits for its label gets a report of three fields from the workflow itself, status
    "needs-label": nothing of the pull request runs to make it.)"""
    checks = [check_result(name, checks_folder, root) for name in CHECKS] if checks_folder else []
    build = next((c for c in checks if c["name"] == "build"), {"status": "passed"})  # no outputs: a local build that passed
    status = "built" if build["status"] == "passed" else "failed"
    changed = changed or ChangedPages()
    return {
        "format": REPORT_FORMAT,
        "pr": number,
        "status": status,
        "pages": [asdict(page) for page in changed.pages],
        "every_page": changed.every_page,
        "removed": changed.removed,
        "not_pages": changed.not_pages,
        "checks": checks,
    }
